/**
 * Atomic file and folder writes: the data goes to a temporary sibling first and is renamed into place, so a
 * crash or a full disk never leaves a half-written file where a good one (or none) was. The temporary name
 * lives in the same directory because rename is only atomic within one file system.
 */
import { writeFile } from 'node:fs/promises';
import { OutputSet } from './output-set.js';

/**
 * Writes `data` to `path` atomically (flushed to the disk before the rename), creating the parent directory
 * when missing. A failure is a WriteError naming `path` and the reason (a full or read-only disk, a file in
 * the path…), never the temporary file, and leaves an existing file at `path` as it was. Returns what was
 * put back on the way (`OutputSet.notes`): [] but after a killed writer.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<readonly string[]> {
  const outputs = new OutputSet();
  outputs.declare('', path);
  outputs.stage(path, (temp) => writeFile(temp, data));
  await outputs.commit();
  // a previous file a killed writer had left aside, put back before this one replaced it (`OutputSet.notes`)
  return outputs.notes;
}

/**
 * Builds a whole folder atomically: `fill` writes into an empty temporary folder beside `dir`, which then
 * replaces `dir` (an existing folder of that name is moved aside first and removed only after the swap).
 */
export async function writeDirAtomic(
  dir: string,
  fill: (tempDir: string) => Promise<void>,
): Promise<readonly string[]> {
  const outputs = new OutputSet();
  outputs.declare('', dir, 'folder');
  outputs.stage(dir, fill);
  await outputs.commit();
  return outputs.notes;
}
