/** EngineApi.markerGenes on the session's open table: the statistics, the dataset they refer to, the CSV. */
import { EngineError } from '../api/errors.js';
import type { MarkerRequest, MarkerResult } from '../api/markers.js';
import { isCsr } from '../data/sparse.js';
import type { ExpressionTable } from '../data/types.js';
import { markerGenes, startMarkerIndex, type MarkerOptions } from './marker-genes.js';
import { markersCsv } from './markers-csv.js';
import { heldRankIndex, type BackgroundIndexOptions } from './rank-index-store.js';

/** Whether `table` has genes to test (not an embedding read as the input). */
export function hasGenes(table: ExpressionTable): boolean {
  return !(table.format?.matrix ?? '').startsWith('obsm/');
}

/**
 * Starts building the rank index of the table's matrix in the background (sparse tables with genes only),
 * so that the first marker test against the rest finds it ready. Resolves null when there is none.
 */
export function indexInBackground(
  table: ExpressionTable,
  options: BackgroundIndexOptions = {},
): Promise<unknown> {
  if (!hasGenes(table) || !isCsr(table.values)) return Promise.resolve(null);
  return startMarkerIndex(table.values, table.genes, options);
}

export async function sessionMarkers(
  table: ExpressionTable,
  datasetId: string,
  request: MarkerRequest,
  index: BackgroundIndexOptions = {},
): Promise<MarkerResult> {
  if (!hasGenes(table)) {
    // an embedding read as the input (ImportSettings.input) has components, not genes
    throw new EngineError({
      kind: 'invalid-request',
      message: `${table.source} was opened with its embedding ${table.format?.matrix} as the input, which holds no genes: open it again with the genes as input to find marker genes`,
    });
  }
  const options: MarkerOptions = table.log1pBase === undefined ? {} : { log1pBase: table.log1pBase };
  const matrix = table.values;
  if (isCsr(matrix)) {
    const againstRest =
      typeof request === 'object' &&
      request !== null &&
      (request.reference === undefined || request.reference === 'rest');
    // against the rest: the index (the background build, awaited when still under way; null if it failed);
    // against another selection: the index only if it is ready (it fits only when both cover every cell)
    options.index = againstRest ? await startMarkerIndex(matrix, table.genes, index) : heldRankIndex(matrix);
  }
  const stats = markerGenes(table.values, table.genes, request, options);
  return { datasetId, ...stats, csv: markersCsv(stats.genes, stats.log1pBase, stats.valueLog === 'log2') };
}
