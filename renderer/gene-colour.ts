/**
 * The values the map is coloured by for a typed gene query: one gene's column, or the per-cell mean of
 * several genes' columns (fetched one gene at a time through the page's cached `columnValues`).
 */
import type { ColumnRequest, ColumnValues } from '../src/api/engine-api.js';
import { geneSetName, meanOfColumns } from './gene-search.js';

/** The numeric column of `genes` (at least one, as the file spells them). */
export async function geneSetValues(
  columnValues: (request: ColumnRequest) => Promise<ColumnValues>,
  genes: readonly string[],
): Promise<ColumnValues> {
  const columns: Float32Array[] = [];
  let scale: 'log1p-normalised' | undefined;
  for (const gene of genes) {
    const v = await columnValues({ kind: 'gene', gene });
    if (v.kind !== 'numeric') throw new Error(`${gene} has no numeric values`);
    if (genes.length === 1) return v;
    columns.push(v.values);
    // the genes of one file share its scale
    scale = v.scale;
  }
  const values = meanOfColumns(columns);
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return {
    kind: 'numeric',
    name: geneSetName(genes),
    values,
    min: values.length ? min : 0,
    max: values.length ? max : 0,
    ...(scale ? { scale } : {}),
  };
}
