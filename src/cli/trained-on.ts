/**
 * The first line of `train`'s summary: what the run read and trained on, in the words of `inspect`'s Shape and
 * Format lines and `embed`'s "(read …)". A user who ran train on an h5ad with and without `--layer counts` got
 * the same summary either way (the matrix only in run.json), and had no count of the label's classes and
 * unlabeled cells to hold against `inspect` or scanpy's `obs[col].value_counts()`.
 */
import { FORMAT_NAMES, matrixText, reportFormatKind, rowsText, rowWords } from '../api/file-format.js';
import { countText } from '../api/count-text.js';
import type { TrainingRun } from '../engine/types.js';

/**
 * "read 700 cells × 765 genes (AnnData (.h5ad); matrix layers/counts); label column 'louvain': 11 classes — 560
 * training, 140 held-out and 0 unlabeled cells". An h5ad embedding's columns are columns, not genes.
 */
export function trainedOnLine(run: TrainingRun): string {
  const { input, split } = run.report;
  const kind = reportFormatKind(run.report);
  const embedding = input.format?.matrix.startsWith('obsm/') === true;
  const across = embedding ? 'column' : 'gene';
  const width = `${countText(input.genes)} ${input.genes === 1 ? across : `${across}s`}`;
  const matrix = input.format && kind ? matrixText({ kind, matrix: input.format.matrix }) : '';
  const format = kind ? ` (${FORMAT_NAMES[kind]}${matrix ? `; ${matrix}` : ''})` : '';
  const classes = run.classes.length;
  const rows = rowWords(kind ?? 'text').many;
  return (
    `read ${rowsText(input.cells, kind ?? 'text', countText)} × ${width}${format}; ` +
    `label column '${run.labelColumn}': ${countText(classes)} ${classes === 1 ? 'class' : 'classes'} — ` +
    `${countText(split.train)} training, ${countText(split.holdout)} held-out and ${countText(split.unlabeled)} unlabeled ${rows}`
  );
}
