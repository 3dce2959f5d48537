/**
 * The quality metrics computed on every run: kNN-5 accuracy of hold-out cells against training cells in
 * the embedding and in two baselines (PCA to the same dims, the preprocessed input), the training cells'
 * own kNN accuracy, silhouette by label, and trustworthiness. A metric that cannot be computed (no
 * hold-out cells, fewer than two classes) is null, never NaN.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { knnAccuracy, pcaBaseline, silhouette, trustworthiness, type LabelInput } from '../evaluate/index.js';
import { deriveSeed, seededRandom } from '../util/random.js';
import { selectRows } from '../data/select-rows.js';
import { pick } from './matrix-rows.js';
import type { RunMetrics } from './types.js';

/** k of every kNN metric. */
export const KNN_K = 5;
/** Neighbourhood size of trustworthiness. */
export const TRUSTWORTHINESS_K = 15;

export interface MetricInputs {
  /** The learnt embedding, all cells. */
  coords: DenseMatrix;
  /** The preprocessed input the encoder saw, all cells. */
  input: DenseMatrix;
  /**
   * Label per cell: the run's class codes (indexLabels in src/data, −1 when unlabeled) or text ('' when
   * unlabeled). Either gives the same metrics.
   */
  labels: LabelInput;
  /** Labelled training cells and hold-out cells (row indices). */
  train: number[];
  holdout: number[];
  seed: number;
}

/** The labels of `rows`, in the form they came in (codes stay codes). */
function pickLabels(labels: LabelInput, rows: readonly number[]): LabelInput {
  return labels instanceof Int32Array ? Int32Array.from(rows, (r) => labels[r]) : pick(labels, rows);
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** kNN accuracy of `holdout` classified by `train` in `space`; null without cells on either side. */
function holdoutAccuracy(space: DenseMatrix, m: MetricInputs): number | null {
  if (m.holdout.length === 0 || m.train.length === 0) return null;
  return finiteOrNull(
    knnAccuracy(
      selectRows(space, m.train),
      pickLabels(m.labels, m.train),
      selectRows(space, m.holdout),
      pickLabels(m.labels, m.holdout),
      KNN_K,
    ),
  );
}

/** kNN accuracy of the training cells among themselves, each leaving itself out. */
function trainAccuracy(m: MetricInputs): number {
  const trainX = selectRows(m.coords, m.train);
  const trainLabels = pickLabels(m.labels, m.train);
  return knnAccuracy(trainX, trainLabels, trainX, trainLabels, KNN_K, { leaveOneOut: true });
}

/** All run metrics. */
export function computeMetrics(m: MetricInputs): RunMetrics {
  const labelled = [...m.train, ...m.holdout].sort((a, b) => a - b);
  const classes = new Set<string | number>(pickLabels(m.labels, labelled));
  const pca = pcaBaseline(m.input, m.coords.cols, deriveSeed(m.seed, 'metrics-pca'));
  return {
    knn_holdout: holdoutAccuracy(m.coords, m),
    knn_train: m.train.length > KNN_K ? finiteOrNull(trainAccuracy(m)) : null,
    knn_holdout_pca: holdoutAccuracy(pca, m),
    knn_holdout_input: holdoutAccuracy(m.input, m),
    silhouette:
      classes.size >= 2
        ? finiteOrNull(
            silhouette(
              selectRows(m.coords, labelled),
              pickLabels(m.labels, labelled),
              seededRandom(deriveSeed(m.seed, 'metrics-silhouette')),
            ),
          )
        : null,
    trustworthiness:
      m.coords.rows > TRUSTWORTHINESS_K + 1
        ? finiteOrNull(
            trustworthiness(
              m.input,
              m.coords,
              TRUSTWORTHINESS_K,
              seededRandom(deriveSeed(m.seed, 'metrics-trustworthiness')),
            ),
          )
        : null,
  };
}
