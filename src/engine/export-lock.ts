/**
 * The engine's own writes to a path the user chose (the desktop app's Export ▸ AnnData .h5ad, an API
 * caller's model folder) take the same output lock as a CLI run (util/output-lock.ts): an export into the
 * file a `tripletlens train --out` is writing is refused, naming that run, in the page's words — and a CLI
 * run started while the export writes is refused in its own.
 */
import { withOutputLock } from '../util/output-lock.js';

/** What the page exports, as its Export screen names it. */
export type ExportButton = 'AnnData .h5ad' | 'Model folder';

/** What the page's user does instead: the save dialog gives the file's name, the API the model's folder. */
const ADVICE: Record<ExportButton, string> = {
  'AnnData .h5ad': 'export again and choose another file in the save dialog',
  'Model folder': 'export the model to another folder',
};

/**
 * Runs `write` to `path` holding its lock; refuses (an OutputLockedError) while another run writes there.
 * @returns what `write` returns, and a sentence per stale lock taken over (for the export's notes)
 */
export async function withExportLock<T>(
  path: string,
  button: ExportButton,
  write: () => Promise<T>,
): Promise<{ value: T; notes: readonly string[] }> {
  const request = { path, what: path, advice: ADVICE[button] };
  return withOutputLock([request], { command: `TripletLens's Export ▸ ${button}` }, write);
}
