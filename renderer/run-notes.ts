/**
 * Which of a finished run's warnings (the run report's `warnings`: classes spelt alike but for letter case, a
 * class with a single cell, cells without a label…) the page raises as notices when the run finishes. The
 * report repeats the file's import notes, which opening the file already showed (state.ts, 'dataset-opened',
 * and the Import screen's summary): those are left out, and each sentence is raised once. Pure, no DOM.
 */
import type { ImportWarning } from '../src/api/engine-api.js';

/** The title of a run warning's notice (a later run's notes replace the ones with this title). */
export const RUN_NOTE_TITLE = 'Run note';

/**
 * The report's warnings that are not `importNotes`, in order, each once; none when there is no report or it
 * has no warnings (a run a reloaded page takes over from an older host may come without).
 */
export function runNotes(
  report: Readonly<Record<string, unknown>> | undefined,
  importNotes: readonly Pick<ImportWarning, 'message'>[],
): string[] {
  const warnings = report?.warnings;
  if (!Array.isArray(warnings)) return [];
  const seen = new Set(importNotes.map((w) => w.message));
  const notes: string[] = [];
  for (const w of warnings) {
    if (typeof w !== 'string' || !w.trim() || seen.has(w)) continue;
    seen.add(w);
    notes.push(w);
  }
  return notes;
}
