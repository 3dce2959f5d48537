/**
 * Atomic file and folder writes: the data goes to a temporary sibling first and is renamed into place, so a
 * crash or a full disk never leaves a half-written file where a good one (or none) was. The temporary name
 * lives in the same directory because rename is only atomic within one file system.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function temporarySibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Writes `data` to `path` atomically, creating the parent directory when missing. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = temporarySibling(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Writes `path` atomically through a writer that needs a file name (an HDF5 library, say): `write` fills a
 * temporary sibling, which is then renamed into place; on failure the temporary file is removed.
 */
export async function writeWithTemporaryFile(
  path: string,
  write: (tempPath: string) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = temporarySibling(path);
  try {
    await write(temp);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Builds a whole folder atomically: `fill` writes into an empty temporary folder beside `dir`, which then
 * replaces `dir` (an existing folder of that name is moved aside first and removed only after the swap).
 */
export async function writeDirAtomic(dir: string, fill: (tempDir: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  const temp = temporarySibling(dir);
  await mkdir(temp);
  try {
    await fill(temp);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  const old = `${temp}-old`;
  let movedOld = false;
  try {
    await rename(dir, old);
    movedOld = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(temp, { recursive: true, force: true });
      throw err;
    }
  }
  try {
    await rename(temp, dir);
  } catch (err) {
    // put the previous folder back so nothing is lost
    if (movedOld) await rename(old, dir).catch(() => undefined);
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  if (movedOld) await rm(old, { recursive: true, force: true });
}
