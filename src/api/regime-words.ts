/**
 * The small-data regime (issue 13) in words, shared by `tripletlens train`'s summary and the app's finished-run
 * lines (renderer/metric-notes.ts), so both say what the regime is and why this run is in it.
 */

import { rowWords, type FileFormatKind } from './file-format.js';
import { countText } from './count-text.js';

/** Most labelled training cells for which the regime 'auto' chooses 'small' (src/engine/regime.ts). */
export const SMALL_MAX_TRAIN_CELLS = 100;

/**
 * "small (21 training cells, at most 100: …)" or "standard": the regime a run used — by the name run.json's
 * `regime` and `--regime` give it (a walkthrough: the words said "small-data", and `--regime small-data` was
 * refused) — and, when the report gives them (`trainCells`: the split's training cells), why. A small regime
 * over more training cells was asked for (`--regime small`). A walkthrough: the CLI's summary ended in a bare
 * "regime small". `kind`: the file's format, whose rows `rowWords` names ("21 training rows" for a text
 * table); default: cells.
 */
export function regimeWords(
  regime: 'standard' | 'small',
  trainCells?: number,
  kind?: FileFormatKind,
): string {
  if (regime === 'standard') return 'standard';
  const what =
    'the settings measured on tables of tens of cells or samples, such as bulk panels: no neighbour-graph term';
  if (trainCells === undefined) return `small (${what})`;
  const words = rowWords(kind);
  const why =
    trainCells <= SMALL_MAX_TRAIN_CELLS
      ? `${trainCells} training ${trainCells === 1 ? words.one : words.many}, at most ${SMALL_MAX_TRAIN_CELLS}`
      : `${countText(trainCells)} training ${words.many}, set by the regime option`;
  return `small (${why}: ${what})`;
}
