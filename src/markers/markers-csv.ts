/** A marker table as CSV, through the engine's one CSV writer (csv-format.ts: quoting, formula defusing). */
import type { MarkerGene } from '../api/markers.js';
import { csvLine } from '../util/csv-format.js';

/** The header of a marker CSV; columns named as scanpy's rank_genes_groups_df. */
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
] as const;

/** Numbers in full float64 precision (p-values far below float32's range stay exact). */
const num = (v: number): string => String(v);

export function markersCsv(genes: readonly MarkerGene[]): string {
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
    ]);
  }
  return text;
}
