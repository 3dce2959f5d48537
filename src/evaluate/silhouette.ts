/**
 * Mean silhouette coefficient by label (euclidean), as scikit-learn's silhouette_score: for each point,
 * a = mean distance to the other members of its class, b = the smallest mean distance to another class,
 * s = (b − a) / max(a, b), and s = 0 for a point alone in its class. Unlabeled rows are left out. Above
 * `maxPoints` labelled rows (default 2 000) a uniform seeded subsample is scored instead — the cost is
 * quadratic — so the value is an estimate on large data, reproducible for a given generator.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { seededRandom, type Random } from '../util/random.js';
import { encodeLabels, type LabelInput } from './labels.js';
import { pairwiseSquaredDistances } from './pairwise.js';
import { subsampleRows } from '../util/subsample.js';

/** Largest number of points scored exactly. */
export const SILHOUETTE_MAX_POINTS = 2000;

/**
 * @param random picks the subsample on large inputs. Default seededRandom(0).
 * @returns the mean silhouette in [−1, 1]; NaN when undefined (fewer than 2 classes, or every point its
 * own class).
 */
export function silhouette(
  x: DenseMatrix,
  labels: LabelInput,
  random: Random = seededRandom(0),
  maxPoints = SILHOUETTE_MAX_POINTS,
): number {
  if (labels.length !== x.rows)
    throw new RangeError(`silhouette: ${labels.length} labels for ${x.rows} rows`);
  const { codes, names } = encodeLabels(labels);
  const labelled = Int32Array.from(codes.keys()).filter((r) => codes[r] >= 0);
  const rows = subsampleRows(labelled, maxPoints, random);
  const m = rows.length;
  const sizes = new Int32Array(names.length);
  for (const r of rows) sizes[codes[r]]++;
  const present = sizes.filter((s) => s > 0).length;
  if (present < 2 || present > m - 1) return NaN;

  const d2 = pairwiseSquaredDistances(x, rows);
  const sums = new Float64Array(names.length);
  let total = 0;
  for (let a = 0; a < m; a++) {
    sums.fill(0);
    for (let b = 0; b < m; b++) if (b !== a) sums[codes[rows[b]]] += Math.sqrt(d2[a * m + b]);
    const own = codes[rows[a]];
    if (sizes[own] === 1) continue; // s = 0
    const inside = sums[own] / (sizes[own] - 1);
    let nearest = Infinity;
    for (let c = 0; c < names.length; c++) {
      if (c !== own && sizes[c] > 0) nearest = Math.min(nearest, sums[c] / sizes[c]);
    }
    const denominator = Math.max(inside, nearest);
    if (denominator > 0) total += (nearest - inside) / denominator;
  }
  return total / m;
}
