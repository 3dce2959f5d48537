/** EngineApi.markerGenes on the session's open table: the statistics, the dataset they refer to, the CSV. */
import { EngineError } from '../api/errors.js';
import type { MarkerRequest, MarkerResult } from '../api/markers.js';
import type { ExpressionTable } from '../data/types.js';
import { markerGenes } from './marker-genes.js';
import { markersCsv } from './markers-csv.js';

export function sessionMarkers(
  table: ExpressionTable,
  datasetId: string,
  request: MarkerRequest,
): MarkerResult {
  const matrix = table.format?.matrix ?? '';
  if (matrix.startsWith('obsm/')) {
    // an embedding read as the input (ImportSettings.input) has components, not genes
    throw new EngineError({
      kind: 'invalid-request',
      message: `${table.source} was opened with its embedding ${matrix} as the input, which holds no genes: open it again with the genes as input to find marker genes`,
    });
  }
  const stats = markerGenes(table.values, table.genes, request);
  return { datasetId, ...stats, csv: markersCsv(stats.genes) };
}
