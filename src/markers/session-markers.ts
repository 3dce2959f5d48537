/** EngineApi.markerGenes on the session's open table: the statistics, the dataset they refer to, the CSV. */
import type { MarkerRequest, MarkerResult } from '../api/markers.js';
import type { ExpressionTable } from '../data/types.js';
import { markerGenes } from './marker-genes.js';
import { markersCsv } from './markers-csv.js';

export function sessionMarkers(
  table: ExpressionTable,
  datasetId: string,
  request: MarkerRequest,
): MarkerResult {
  const stats = markerGenes(table.values, table.genes, request);
  return { datasetId, ...stats, csv: markersCsv(stats.genes) };
}
