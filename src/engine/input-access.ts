/**
 * A path given to re-attach a reopened session's input (Explore ▸ Edit labels ▸ “Open the input file again”, or
 * the crash replay re-attaching it) that cannot be compared with the session's input: nothing is there, it
 * cannot be read, or it is a folder where the session's input is a file. Checked before the comparison
 * (`inputChange`), which would take each for a file whose content differs — a SHA-256 it cannot compute matches
 * none — and say so of a file it never read.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { SessionInput } from '../api/annotate.js';
import { REATTACH_ADVICE } from '../api/reattach-advice.js';
import { readFailureReason } from '../data/index.js';
import { inputIsFolder } from './session-restore.js';

/** Why a path cannot be read, by its errno code, as a predicate: 'was not found', 'cannot be read (permission denied)'. */
export function accessProblemWords(code: string | undefined): string {
  if (code === 'ENOENT') return 'was not found';
  return `cannot be read (${readFailureReason(code ?? 'an unknown error')})`;
}

/**
 * What keeps `path` from being compared with the session's input `saved`, as a predicate ('was not found',
 * 'cannot be read (permission denied)', 'is a folder, not a file'), or null when it can be read and compared.
 * A folder is what a Cell Ranger input is (`inputIsFolder`): for any other input it cannot be the file.
 */
export async function inputAccessProblem(saved: SessionInput, path: string): Promise<string | null> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
    await access(path, constants.R_OK);
  } catch (err) {
    return accessProblemWords((err as NodeJS.ErrnoException).code);
  }
  return isFolder && !inputIsFolder(saved) ? 'is a folder, not a file' : null;
}

/**
 * The page's refusal of a re-attach from `path` (`problem`: inputAccessProblem's predicate): what is wrong with
 * it, that it was not compared with the session's input `savedName`, and the field to choose the input again.
 */
export function unreadableInputMessage(path: string, problem: string, savedName: string): string {
  return `${path} ${problem}, so it was not compared with the session's input ${savedName}${REATTACH_ADVICE}`;
}
