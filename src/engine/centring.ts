/**
 * Whether values are centred per gene — each gene's mean near 0 next to its spread, as scanpy's sc.pp.scale
 * leaves X — told for a new file from its values and for a model from the gene means and spreads its recipe
 * stored. A model z-scores new cells with its training statistics (or, without z-score, takes their values as
 * they are), so a query the user scaled with its own (or an unscaled query onto a model of scaled values) is
 * shifted by whole standard deviations without error.
 */
import { isCsr, storedValues } from '../data/sparse.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import { ColumnAccumulator } from '../preprocess/gene-stats.js';
import type { PreprocessRecipe } from '../preprocess/types.js';

/** 'unclear' between the two thresholds, or without a spread to judge by: no warning is given on it. */
export type Centring = 'centred' | 'uncentred' | 'unclear';

/** A gene is centred when |mean| is at most this many standard deviations (z-scored data: 0). */
const NEAR_ZERO = 0.1;
/**
 * At least this share of the genes with a spread centred: centred data. Log-normalised data have ~1 % of such
 * genes (the very rarely expressed), microarray and image data none to 13 %, the same data z-scored all.
 */
const CENTRED_SHARE = 0.9;
/** At most this share: not centred. Between the two the data are said to be neither, to avoid false alarms. */
const UNCENTRED_SHARE = 0.5;
/**
 * Centred values have many negatives (z-scored single-cell data: every zero becomes one, 70–80 % of the
 * values; dense data about half). Fewer than this share and a file is not taken for centred whatever its means.
 */
const NEGATIVE_SHARE = 0.1;

/** The verdict on per-gene `means` against their standard deviations `spreads` (genes of spread 0 skipped). */
export function centringOf(means: ArrayLike<number>, spreads: ArrayLike<number>): Centring {
  let judged = 0;
  let near = 0;
  for (let g = 0; g < means.length; g++) {
    const spread = spreads[g];
    if (!(spread > 0)) continue;
    judged++;
    if (Math.abs(means[g]) <= NEAR_ZERO * spread) near++;
  }
  if (judged === 0) return 'unclear';
  const share = near / judged;
  if (share >= CENTRED_SHARE) return 'centred';
  return share <= UNCENTRED_SHARE ? 'uncentred' : 'unclear';
}

/**
 * The training input's centring, from the recipe's stored means and the standard deviations of the genes it
 * kept: its z-score's scales, else the spreads a recipe without z-score stores. A recipe saved before those
 * were stored has neither: 'unclear', as the means alone have no yardstick.
 */
export function recipeCentring(recipe: Pick<PreprocessRecipe, 'means' | 'scales' | 'spreads'>): Centring {
  const spreads = recipe.scales ?? recipe.spreads;
  return spreads === undefined ? 'unclear' : centringOf(recipe.means, spreads);
}

/**
 * A file's centring from its values (every gene, one pass over the stored values; a CSR matrix's implicit
 * zeros count as values): centred only with a sizeable share of negative values too.
 */
export function matrixCentring(matrix: ExpressionMatrix): Centring {
  const { rows, cols, data } = matrix;
  const n = storedValues(matrix);
  const acc = new ColumnAccumulator(cols);
  // a dense matrix's value k is in column k % cols; the accumulator wants each column's values in row order,
  // which both layouts give
  const columns = isCsr(matrix) ? matrix.indices : null;
  let negative = 0;
  for (let k = 0; k < n; k++) {
    const v = data[k];
    if (v === 0) continue;
    if (v < 0) negative++;
    acc.add(columns ? columns[k] : k % cols, v);
  }
  const { mean, variance } = acc.finish(rows);
  const verdict = centringOf(
    mean,
    variance.map((v) => Math.sqrt(v)),
  );
  if (verdict !== 'centred') return verdict;
  return negative >= NEGATIVE_SHARE * rows * cols ? 'centred' : 'unclear';
}
