/**
 * Which of an import's notes (warnings such as a 10x file's "N features other than Gene Expression were
 * left out") the Import screen lists under the summary. Opening a file also raises each note as a banner
 * (state.ts, 'dataset-opened'): a note is shown once, so the summary lists only the notes no banner shows
 * — after the user dismisses a banner, its note stays readable in the summary.
 */
import type { ImportWarning } from '../src/api/engine-api.js';
import type { Notice } from './state.js';

export function inlineImportNotes(
  warnings: readonly Pick<ImportWarning, 'message'>[],
  notices: readonly Pick<Notice, 'message'>[],
): string[] {
  const shown = new Set(notices.map((n) => n.message));
  return warnings.map((w) => w.message).filter((message) => !shown.has(message));
}
