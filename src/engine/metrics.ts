/**
 * The quality metrics computed on every run: kNN-5 accuracy of hold-out cells against training cells in
 * the embedding and in two baselines (PCA to the same dims, the preprocessed input), the training cells'
 * own kNN accuracy, silhouette by label, and trustworthiness. A metric that cannot be computed (no
 * hold-out cells, fewer than two classes) is null, never NaN.
 */
import { rowWords, type RowWords } from '../api/file-format.js';
import { countText } from '../api/count-text.js';
import type { DenseMatrix } from '../api/matrix.js';
import { knnAccuracy, pcaBaseline, silhouette, trustworthiness, type LabelInput } from '../evaluate/index.js';
import { deriveSeed, seededRandom } from '../util/random.js';
import { selectRows } from '../data/select-rows.js';
import { pick } from './matrix-rows.js';
import { subsampleRows } from '../util/subsample.js';
import type { RunMetrics } from './types.js';
import { runNow, type Paced } from '../preprocess/paced.js';

/** k of every kNN metric. */
export const KNN_K = 5;
/** Neighbourhood size of trustworthiness. */
export const TRUSTWORTHINESS_K = 15;
/**
 * Fewest cells of a table whose trustworthiness is computed, less one: T(k) is undefined for k ≥ n / 2 (as
 * scikit-learn refuses it), so trustworthiness needs more than 2 k = 30 cells.
 */
export const TRUSTWORTHINESS_MAX_UNDEFINED_CELLS = 2 * TRUSTWORTHINESS_K;

/**
 * Why trustworthiness is n/a on a table of `cells` cells, said beside it (report `metricNotes`, CLI summary,
 * the app's metrics), or undefined when the table is large enough for it. `words`: what the table's rows are
 * called (`rowWords`: a text table's are rows); default cells.
 */
export function trustworthinessNote(
  cells: number,
  words: RowWords = rowWords(undefined),
): string | undefined {
  if (cells > TRUSTWORTHINESS_MAX_UNDEFINED_CELLS) return undefined;
  return (
    `n/a — needs more than ${TRUSTWORTHINESS_MAX_UNDEFINED_CELLS} ${words.many}, this table has ${cells} (it ` +
    `compares each ${words.one}'s ${TRUSTWORTHINESS_K} nearest neighbours in the data and in the map)`
  );
}
/** Fewest training cells of a class for which a left-out cell can hold a majority of its KNN_K neighbours. */
export const KNN_TRAIN_MIN_CLASS = Math.floor(KNN_K / 2) + 2;
/** Share of the training cells in classes below KNN_TRAIN_MIN_CLASS from which knn_train gets a note. */
export const KNN_TRAIN_NOTE_SHARE = 0.01;

/**
 * Why `knn_train` (leave-one-out kNN-5 of the training cells) reads low on tiny classes, said beside it (report
 * `metricNotes`, CLI summary, the app's metrics), or undefined. A training cell of a class with fewer than
 * KNN_TRAIN_MIN_CLASS training cells has at most KNN_TRAIN_MIN_CLASS − 2 of its class among its KNN_K nearest
 * others, so even a map that keeps every class apart can have it outvoted (a bulk panel of 2–5 samples a
 * class: train 0.52 beside a held-out 1.00). Said when such cells are at least KNN_TRAIN_NOTE_SHARE of them.
 * `trainPerClass`: training cells of each class; `words` as in trustworthinessNote.
 */
export function trainKnnNote(
  trainPerClass: readonly number[],
  words: RowWords = rowWords(undefined),
): string | undefined {
  const present = trainPerClass.filter((n) => n > 0);
  const total = present.reduce((s, n) => s + n, 0);
  if (total <= KNN_K) return undefined; // knn_train is null then
  const small = present.filter((n) => n < KNN_TRAIN_MIN_CLASS);
  const cells = small.reduce((s, n) => s + n, 0);
  if (cells === 0 || cells / total < KNN_TRAIN_NOTE_SHARE) return undefined;
  return (
    `${countText(cells)} of ${countText(total)} training ${words.many} are in classes of fewer than ${KNN_TRAIN_MIN_CLASS} training ${words.many} ` +
    `(${small.length} of ${present.length} classes): each has at most ${KNN_TRAIN_MIN_CLASS - 2} of its class ` +
    `among its ${KNN_K} nearest other training ${words.many}, so even a map that keeps the classes apart can have it ` +
    `outvoted — this accuracy can read up to ${(cells / total).toFixed(2)} low; the silhouette says more here`
  );
}
/**
 * Most query cells of a kNN metric (hold-out cells, or training cells for knn_train): above it a seeded
 * subsample is scored. With KNN_MAX_REFERENCES, every table up to 75 000 cells (each comparison dataset:
 * at most 14 000 hold-out and 56 000 training cells) is scored on all its cells, as before. At 1 000 000
 * cells the exact search of every hold-out cell against every training cell in the 50-D input (200 000 ×
 * 800 000) would take about an hour; 20 000 × 200 000 still took ~60 CPU seconds of the end-to-end run.
 */
export const KNN_MAX_QUERIES = 15_000;
/** Most training cells a kNN metric searches among (a seeded subsample above it; see KNN_MAX_QUERIES). */
export const KNN_MAX_REFERENCES = 60_000;

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

export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The kNN accuracy inputs of `holdout` classified by `train` in `space`; null without cells on either side. */
export function holdoutArgs(space: DenseMatrix, m: MetricInputs): Parameters<typeof knnAccuracy> | null {
  if (m.holdout.length === 0 || m.train.length === 0) return null;
  return [
    selectRows(space, m.train),
    pickLabels(m.labels, m.train),
    selectRows(space, m.holdout),
    pickLabels(m.labels, m.holdout),
    KNN_K,
  ];
}

/** kNN accuracy of `holdout` classified by `train` in `space`; null without cells on either side. */
function holdoutAccuracy(space: DenseMatrix, m: MetricInputs): number | null {
  const args = holdoutArgs(space, m);
  return args ? finiteOrNull(knnAccuracy(...args)) : null;
}

/**
 * kNN accuracy of the training cells among themselves, each leaving itself out (above KNN_MAX_QUERIES, of a
 * seeded subsample of them among themselves).
 */
function trainAccuracy(m: MetricInputs): number {
  const rows =
    m.train.length <= KNN_MAX_QUERIES
      ? m.train
      : Array.from(
          subsampleRows(
            Int32Array.from(m.train),
            KNN_MAX_QUERIES,
            seededRandom(deriveSeed(m.seed, 'metrics-knn-train')),
          ),
        );
  const trainX = selectRows(m.coords, rows);
  const trainLabels = pickLabels(m.labels, rows);
  return knnAccuracy(trainX, trainLabels, trainX, trainLabels, KNN_K, { leaveOneOut: true });
}

/**
 * The cells the kNN metrics score: every training and hold-out cell up to KNN_MAX_REFERENCES and
 * KNN_MAX_QUERIES, above them a seeded subsample (ascending), the same for all spaces so the baselines stay
 * comparable. Small tables take no draw, so their metrics are exactly what they were.
 */
export function knnMetricRows(m: Pick<MetricInputs, 'train' | 'holdout' | 'seed'>): {
  train: number[];
  holdout: number[];
} {
  if (m.train.length <= KNN_MAX_REFERENCES && m.holdout.length <= KNN_MAX_QUERIES)
    return { train: m.train, holdout: m.holdout };
  const random = seededRandom(deriveSeed(m.seed, 'metrics-knn-subsample'));
  return {
    train: Array.from(subsampleRows(Int32Array.from(m.train), KNN_MAX_REFERENCES, random)),
    holdout: Array.from(subsampleRows(Int32Array.from(m.holdout), KNN_MAX_QUERIES, random)),
  };
}

/** The cells the metrics score and what decides which metrics exist. */
export interface MetricPlan {
  m: MetricInputs;
  labelled: number[];
  classes: number;
}

export function planMetrics(inputs: MetricInputs): MetricPlan {
  const m = { ...inputs, ...knnMetricRows(inputs) };
  const labelled = [...m.train, ...m.holdout].sort((a, b) => a - b);
  return { m, labelled, classes: new Set<string | number>(pickLabels(m.labels, labelled)).size };
}

/** Trustworthiness's arguments, or null when the table is too small for it. */
export function trustArgs(m: MetricInputs): Parameters<typeof trustworthiness> | null {
  if (m.coords.rows <= TRUSTWORTHINESS_K + 1) return null;
  const random = seededRandom(deriveSeed(m.seed, 'metrics-trustworthiness'));
  return [m.input, m.coords, TRUSTWORTHINESS_K, random];
}

/** Every metric but the two that cost the most (knn_holdout_input, trustworthiness). */
export type CheapMetrics = Omit<RunMetrics, 'knn_holdout_input' | 'trustworthiness'>;

/**
 * cheapMetrics, pausing before each of its parts with its step (`metricSteps`: the metrics stage said nothing
 * for ~38 s at 10⁵ cells). Each part draws from its own seed, so the order of the parts changes no value. Each
 * value is also put in `done` as soon as it is computed: a Stop that skips the rest keeps those.
 */
export function* cheapMetricSteps(plan: MetricPlan, done: Partial<RunMetrics> = {}): Paced<CheapMetrics> {
  const { m, labelled } = plan;
  yield { name: 'knn-map' };
  const knn_holdout = (done.knn_holdout = holdoutAccuracy(m.coords, m));
  const knn_train = (done.knn_train = m.train.length > KNN_K ? finiteOrNull(trainAccuracy(m)) : null);
  yield { name: 'pca-baseline' };
  const pca = pcaBaseline(m.input, m.coords.cols, deriveSeed(m.seed, 'metrics-pca'));
  const knn_holdout_pca = (done.knn_holdout_pca = holdoutAccuracy(pca, m));
  yield { name: 'silhouette' };
  const silhouetteValue = (done.silhouette =
    plan.classes >= 2
      ? finiteOrNull(
          silhouette(
            selectRows(m.coords, labelled),
            pickLabels(m.labels, labelled),
            seededRandom(deriveSeed(m.seed, 'metrics-silhouette')),
          ),
        )
      : null);
  return { knn_holdout, knn_train, knn_holdout_pca, silhouette: silhouetteValue };
}

/** Every metric but the two that cost the most (knn_holdout_input, trustworthiness), in this thread. */
export function cheapMetrics(plan: MetricPlan): CheapMetrics {
  return runNow(cheapMetricSteps(plan));
}

/** The metrics in the order reports have always listed them. */
export function runMetrics(
  cheap: CheapMetrics,
  costly: Pick<RunMetrics, 'knn_holdout_input' | 'trustworthiness'>,
): RunMetrics {
  return {
    knn_holdout: cheap.knn_holdout,
    knn_train: cheap.knn_train,
    knn_holdout_pca: cheap.knn_holdout_pca,
    knn_holdout_input: costly.knn_holdout_input,
    silhouette: cheap.silhouette,
    trustworthiness: costly.trustworthiness,
  };
}

/** All run metrics (the kNN ones on knnMetricRows's cells), in this thread. */
export function computeMetrics(inputs: MetricInputs): RunMetrics {
  const plan = planMetrics(inputs);
  const trust = trustArgs(plan.m);
  return runMetrics(cheapMetrics(plan), {
    knn_holdout_input: holdoutAccuracy(plan.m.input, plan.m),
    trustworthiness: trust ? finiteOrNull(trustworthiness(...trust)) : null,
  });
}
