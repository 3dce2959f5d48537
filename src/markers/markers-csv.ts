/** A marker table as CSV, through the engine's one CSV writer (csv-format.ts: quoting, formula defusing). */
import type { MarkerGene } from '../api/markers.js';
import { csvLine } from '../util/csv-format.js';

/**
 * The header of a marker CSV; columns named as scanpy's rank_genes_groups_df, then the log base the fold change
 * took the values' log1p in ('e', the request's or an h5ad's uns['log1p']['base'], or LOG2_VALUES): a CSV read without the page's heading
 * must say what its fold change assumed — on a table of log2 values the natural-log formula is no fold change.
 */
export const MARKERS_CSV_HEADER = [
  'gene',
  'score',
  'logfoldchange',
  'pval',
  'pval_adj',
  'pct_group',
  'pct_reference',
  'mean_group',
  'mean_reference',
  'logfoldchange_log1p_base',
] as const;

/** The last column when the values were taken as log2 ones: they had no log1p base. */
export const LOG2_VALUES = 'none (log2 values)';

/** Numbers in full float64 precision (p-values far below float32's range stay exact). */
const num = (v: number): string => String(v);

/**
 * `genes` as CSV; `log1pBase`: the base the fold change undid (`MarkerResult.log1pBase`), default natural;
 * `log2Values`: the fold change was the difference of means of log2 values (`valueLog` 'log2'), no log1p undone.
 */
export function markersCsv(genes: readonly MarkerGene[], log1pBase?: number, log2Values = false): string {
  const base = log2Values ? LOG2_VALUES : log1pBase === undefined ? 'e' : num(log1pBase);
  let text = csvLine(MARKERS_CSV_HEADER);
  for (const g of genes) {
    text += csvLine([
      g.gene,
      num(g.score),
      num(g.logFoldChange),
      num(g.pValue),
      num(g.pAdjusted),
      num(g.fractionGroup),
      num(g.fractionReference),
      num(g.meanGroup),
      num(g.meanReference),
      base,
    ]);
  }
  return text;
}
