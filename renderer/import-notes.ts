/**
 * Which of an import's notes (warnings such as a 10x file's "N features other than Gene Expression were
 * left out") the Import screen lists under the summary. Opening a file also raises each note as a banner
 * (state.ts, 'dataset-opened'): a note is shown once, so the summary lists only the notes no banner shows
 * — after the user dismisses a banner, its note stays readable in the summary. A note that is information
 * (`ImportWarning.info`: a metadata file that matched every cell) is listed apart from the warnings, as the
 * CLI's `inspect` prints it as a Note, not a Warning.
 */
import type { ImportWarning } from '../src/api/engine-api.js';
import type { Notice } from './state.js';

/** The title of an import note's notice (notices.ts keeps these past its cap while the data is open). */
export const IMPORT_NOTE_TITLE = 'Import note';

/** The notes to list under the summary: warnings, and information (a full metadata match). */
export interface InlineImportNotes {
  warnings: string[];
  info: string[];
}

export function inlineImportNotes(
  warnings: readonly Pick<ImportWarning, 'message' | 'info'>[],
  notices: readonly Pick<Notice, 'message'>[],
): InlineImportNotes {
  const shown = new Set(notices.map((n) => n.message));
  const listed = warnings.filter((w) => !shown.has(w.message));
  return {
    warnings: listed.filter((w) => !w.info).map((w) => w.message),
    info: listed.filter((w) => w.info).map((w) => w.message),
  };
}

/** The banner level of an import note: information stays information. */
export function importNoteLevel(warning: Pick<ImportWarning, 'info'>): 'warning' | 'info' {
  return warning.info ? 'info' : 'warning';
}
