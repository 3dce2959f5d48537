/**
 * Marker genes of a group of cells against the rest or a second group, on the table's own matrix: the
 * Wilcoxon rank-sum test of every gene the file had (scanpy's rank_genes_groups(method='wilcoxon'),
 * tie-corrected by default as scipy's mannwhitneyu), Benjamini–Hochberg over all genes, scanpy's log2 fold
 * change, means and the fraction of cells expressing. Values are the normalised ones (10 000 per cell +
 * log1p) when the file holds counts — the decision `valueKind` shows — else as imported; never z-scored.
 */
import type { MarkerGene, MarkerRequest, MarkerResult } from '../api/markers.js';
import { DEFAULT_MARKER_GENES, MAX_MARKER_GENES } from '../api/markers.js';
import { EngineError } from '../api/errors.js';
import { looksLikeCounts } from '../data/counts.js';
import { isCsr } from '../data/sparse.js';
import type { CsrMatrix, ExpressionMatrix } from '../data/types.js';
import { DEFAULT_TARGET_SUM } from '../preprocess/resolve-options.js';
import { csrLibraryFactors } from '../preprocess/csr-transform.js';
import { libraryFactors } from '../preprocess/row-transform.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { markerSides } from './marker-groups.js';
import { rankSum, rankTest } from './rank-sum.js';
import { DEFAULT_BLOCK_VALUES, visitGeneValues } from './gene-values.js';
import { sortFloat32 } from './sort-float32.js';
import { indexedGroup, indexedRankSum, type RankIndex } from './rank-index.js';
import { rankIndexOf, startRankIndex, type BackgroundIndexOptions } from './rank-index-store.js';
import { checkedValueLog, foldChangeRule, logFoldChange } from './value-log.js';

export type MarkerStats = Omit<MarkerResult, 'datasetId' | 'csv'>;

export interface MarkerOptions {
  /** Values per block of genes held at once (memory: 4 bytes each). Default DEFAULT_BLOCK_VALUES (4 Mi). */
  blockValues?: number;
  /**
   * Whether a test against every other cell may use (and on first use build) the matrix's rank index
   * (rank-index.ts; CSR only, when the memory guard says it fits). Default true; false always gathers and
   * sorts each gene's values (the direct path).
   */
  rankIndex?: boolean;
  /** Memory the rank index may count on, in bytes. Default: the memory guard's available memory. */
  availableBytes?: number;
  /**
   * The matrix's rank index when the caller awaited it (startMarkerIndex), or null to take the direct path.
   * Default (undefined): rankIndexOf finds the kept one or builds it in this thread.
   */
  index?: RankIndex | null;
  /**
   * The log base of values ranked as imported (`ExpressionTable.log1pBase`: an h5ad's uns['log1p']['base']),
   * which the fold change undoes as scanpy does unless the request's `valueLog` says otherwise; not used when
   * the engine normalises counts itself (natural log1p). Default: natural log.
   */
  log1pBase?: number;
}

/** Every gene's statistics, in column order. */
interface GeneStats {
  score: Float64Array;
  p: Float64Array;
  sumGroup: Float64Array;
  sumReference: Float64Array;
  positiveGroup: Int32Array;
  positiveReference: Int32Array;
}

function requestedGenes(value: unknown, available: number): number {
  if (value === undefined) return Math.min(DEFAULT_MARKER_GENES, available);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_MARKER_GENES) {
    throw new EngineError({
      kind: 'invalid-request',
      message: `The number of marker genes must be a whole number from 1 to ${MAX_MARKER_GENES}, got ${String(value)}`,
    });
  }
  return Math.min(value, available);
}

/**
 * Whether a matrix holds counts and, if so, its cells' library factors: one pass over every value, done once
 * per imported matrix (imported matrices are never changed in place) and kept beside it — 8 bytes a cell.
 */
const scales = new WeakMap<ExpressionMatrix, { counts: boolean; factors: Float64Array | null }>();

function valueScale(matrix: ExpressionMatrix, genes: readonly string[]) {
  let scale = scales.get(matrix);
  if (!scale) {
    const counts = looksLikeCounts(matrix);
    const factors = counts
      ? isCsr(matrix)
        ? csrLibraryFactors(matrix, DEFAULT_TARGET_SUM, genes)
        : libraryFactors(matrix, DEFAULT_TARGET_SUM, genes)
      : null;
    scale = { counts, factors };
    scales.set(matrix, scale);
  }
  return scale;
}

/**
 * Each cell's factor 10 000 / its total when `matrix` holds counts (the scale the marker statistics read its
 * values on: log1p(value · factor)), else null — the values are read as imported. Worked out once a matrix.
 */
export function countFactors(matrix: ExpressionMatrix, genes: readonly string[]): Float64Array | null {
  return valueScale(matrix, genes).factors;
}

/**
 * Starts building `matrix`'s rank index in the background (rank-index-store.ts: on worker threads, the value
 * scale found first), or returns the build in progress or the kept index: what a test against the rest
 * awaits. Resolves null when there is none to use (it does not fit or the build failed or was cancelled).
 */
export function startMarkerIndex(
  matrix: CsrMatrix,
  genes: readonly string[],
  options: BackgroundIndexOptions = {},
): Promise<RankIndex | null> {
  return startRankIndex(matrix, genes, () => valueScale(matrix, genes).factors, options);
}

/** The marker statistics of `request` on a cells × genes matrix. */
export function markerGenes(
  matrix: ExpressionMatrix,
  genes: readonly string[],
  request: MarkerRequest,
  options: MarkerOptions = {},
): MarkerStats {
  if (typeof request !== 'object' || request === null) {
    throw new EngineError({ kind: 'invalid-request', message: 'No marker request given' });
  }
  const sides = markerSides(request.group, request.reference, matrix.rows);
  const listed = requestedGenes(request.genes, matrix.cols);
  const tieCorrect = request.tieCorrect ?? true;
  const choice = checkedValueLog(request.valueLog);
  const { counts, factors } = valueScale(matrix, genes);
  // the engine's own log1p of counts is natural whatever the file or the request says of its values
  const valueLog = counts ? undefined : choice;
  const rule = counts ? { log2: false as const } : foldChangeRule(choice, options.log1pBase);
  const base = rule.log2 ? undefined : rule.base;
  const stats = geneStats(matrix, genes, sides, factors, tieCorrect, options);
  const adjusted = benjaminiHochberg(stats.p);
  const nA = sides.groupSize;
  const nB = sides.referenceSize;
  const order = Array.from({ length: matrix.cols }, (_, g) => g).sort(
    (x, y) => stats.score[y] - stats.score[x] || x - y,
  );
  const top: MarkerGene[] = order.slice(0, listed).map((g) => {
    const meanGroup = stats.sumGroup[g] / nA;
    const meanReference = stats.sumReference[g] / nB;
    return {
      gene: genes[g],
      score: stats.score[g],
      logFoldChange: logFoldChange(meanGroup, meanReference, rule),
      pValue: stats.p[g],
      pAdjusted: adjusted[g],
      fractionGroup: stats.positiveGroup[g] / nA,
      fractionReference: stats.positiveReference[g] / nB,
      meanGroup,
      meanReference,
    };
  });
  return {
    groupSize: nA,
    referenceSize: nB,
    reference: request.reference === undefined || request.reference === 'rest' ? 'rest' : 'cells',
    overlapRemoved: sides.overlapRemoved,
    genesTested: matrix.cols,
    tieCorrect,
    values: counts ? 'log1p-normalised' : 'as-imported',
    ...(base !== undefined ? { log1pBase: base } : {}),
    ...(valueLog !== undefined ? { valueLog } : {}),
    genes: top,
  };
}

function geneStats(
  matrix: ExpressionMatrix,
  genes: readonly string[],
  sides: ReturnType<typeof markerSides>,
  factors: Float64Array | null,
  tieCorrect: boolean,
  options: MarkerOptions,
): GeneStats {
  const n = matrix.cols;
  const stats: GeneStats = {
    score: new Float64Array(n),
    p: new Float64Array(n),
    sumGroup: new Float64Array(n),
    sumReference: new Float64Array(n),
    positiveGroup: new Int32Array(n),
    positiveReference: new Int32Array(n),
  };
  const nA = sides.groupSize;
  const nB = sides.referenceSize;
  if (options.rankIndex !== false && isCsr(matrix) && sides.cells.length === matrix.rows) {
    const index =
      options.index !== undefined
        ? options.index
        : rankIndexOf(matrix, genes, factors, options.availableBytes);
    if (index) {
      const groupRows = sides.cells.filter((_, i) => sides.inGroup[i] === 1);
      const group = indexedGroup(matrix, genes, factors, index, groupRows);
      for (let g = 0; g < n; g++) {
        const test = rankTest(indexedRankSum(group, index, g), nA, nB, tieCorrect);
        stats.score[g] = test.z;
        stats.p[g] = test.p;
        stats.sumGroup[g] = group.sum[g];
        // the reference's sum as total − group's; exactly 0 when the reference has no non-zero value
        stats.sumReference[g] = index.stored[g] === group.stored[g] ? 0 : index.sum[g] - group.sum[g];
        stats.positiveGroup[g] = group.positive[g];
        stats.positiveReference[g] = index.positive[g] - group.positive[g];
      }
      return stats;
    }
  }
  let scratch = new Uint32Array(0);
  const tally = (values: Float32Array): { sum: number; positive: number } => {
    let sum = 0;
    let positive = 0;
    for (let i = 0; i < values.length; i++) {
      sum += values[i];
      if (values[i] > 0) positive++;
    }
    return { sum, positive };
  };
  visitGeneValues(
    matrix,
    genes,
    sides,
    { factors },
    (g, group, reference) => {
      const a = tally(group);
      const b = tally(reference);
      stats.sumGroup[g] = a.sum;
      stats.sumReference[g] = b.sum;
      stats.positiveGroup[g] = a.positive;
      stats.positiveReference[g] = b.positive;
      if (scratch.length < Math.max(group.length, reference.length)) {
        scratch = new Uint32Array(Math.max(group.length, reference.length));
      }
      sortFloat32(group, scratch);
      sortFloat32(reference, scratch);
      const sum = rankSum(group, reference, nA - group.length, nB - reference.length);
      const test = rankTest(sum, nA, nB, tieCorrect);
      stats.score[g] = test.z;
      stats.p[g] = test.p;
    },
    options.blockValues ?? DEFAULT_BLOCK_VALUES,
  );
  return stats;
}
