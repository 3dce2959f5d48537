/**
 * Atomic file and folder writes: the data goes to a temporary sibling first and is renamed into place, so a
 * crash or a full disk never leaves a half-written file where a good one (or none) was. The temporary name
 * lives in the same directory because rename is only atomic within one file system.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OutputSet, sibling } from './output-set.js';
import { writeError } from './write-error.js';

/**
 * Writes `data` to `path` atomically, creating the parent directory when missing. A failure is a
 * WriteError naming `path` and the reason (a full or read-only disk…), never the temporary file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = sibling(path, 'tmp');
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw writeError(err, path, path, [temp]);
  }
}

/**
 * Builds a whole folder atomically: `fill` writes into an empty temporary folder beside `dir`, which then
 * replaces `dir` (an existing folder of that name is moved aside first and removed only after the swap).
 */
export async function writeDirAtomic(dir: string, fill: (tempDir: string) => Promise<void>): Promise<void> {
  const outputs = new OutputSet();
  outputs.declare('', dir, 'folder');
  outputs.stage(dir, fill);
  await outputs.commit();
}
