/**
 * The file format the scale warning words its hint for, with `rawCounts` found when it matters: a model that
 * normalises counts given an h5ad's values that are not counts, the file without layers/counts but with a
 * raw/X not read — where some pipelines keep the counts. Only then is raw/X sampled (a bounded read), and
 * only of a file on disk.
 */
import { looksLikeCounts } from '../data/counts.js';
import { rawXHoldsCounts } from '../data/formats/raw-counts.js';
import type { DataSource } from '../data/options.js';
import type { SourceFormat } from '../data/types.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import type { PreprocessRecipe } from '../preprocess/types.js';
import type { MatrixFormat } from './scale-mismatch.js';

/** `format`, with `rawCounts` when the warning would ask for counts and `source`'s raw/X holds them. */
export async function formatWithRawCounts(
  recipe: Pick<PreprocessRecipe, 'normalize' | 'log1p'>,
  matrix: ExpressionMatrix,
  format: SourceFormat | undefined,
  source: DataSource,
): Promise<MatrixFormat | undefined> {
  if (format?.kind !== 'h5ad' || format.matrix === 'raw/X') return format;
  if (!format.layers.includes('raw/X') || format.layers.includes('layers/counts')) return format;
  const expectsCounts = recipe.normalize !== null || recipe.log1p;
  if (!expectsCounts || looksLikeCounts(matrix)) return format;
  // a file held in memory would be copied whole to a temporary file to be opened: no bounded read
  if (typeof source !== 'string') return format;
  return { ...format, rawCounts: await rawXHoldsCounts(source) };
}
