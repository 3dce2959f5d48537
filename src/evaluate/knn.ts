/**
 * k-nearest-neighbour classification: the metric behind every "kNN-5 accuracy" of a run, and the label
 * prediction of `embed`. Majority vote of the k nearest labelled training rows; a tie between classes goes
 * to the class of the nearest neighbour among the tied ones. Unlabeled training rows do not vote.
 */
import { selectRows } from '../data/select-rows.js';
import type { DenseMatrix } from '../api/matrix.js';
import { encodeLabels, labelText, type LabelInput } from './labels.js';
import {
  nearestNeighbours,
  type NeighbourOptions,
  type Neighbours,
} from '../neighbours/nearest-neighbours.js';

export interface KnnOptions {
  /**
   * Leave-one-out: query row i is training row i and must not vote for itself. Default: true exactly when
   * the query matrix is the training matrix (the same object).
   */
  leaveOneOut?: boolean;
}

export interface KnnPrediction {
  /** Predicted label per query row ('' when there are no labelled training rows to vote). */
  labels: string[];
  /** Fraction of the k votes that went to the predicted label, per query row. */
  confidence: Float32Array;
}

function labelledRows(x: DenseMatrix, codes: Int32Array): { matrix: DenseMatrix; rows: Int32Array } {
  if (codes.length !== x.rows) {
    throw new RangeError(`kNN: ${codes.length} labels for ${x.rows} training rows`);
  }
  const rows = Int32Array.from(codes.keys()).filter((r) => codes[r] >= 0);
  if (rows.length === x.rows) return { matrix: x, rows };
  return { matrix: selectRows(x, rows), rows };
}

/** What a vote needs besides the neighbours: the labelled training rows and their codes. */
interface VotePlan {
  names: string[];
  /** Class code per training row (−1: unlabeled). */
  codes: Int32Array;
  /** The labelled training rows (`rows` of the training matrix) the search runs among. */
  matrix: DenseMatrix;
  rows: Int32Array;
  exclude?: Int32Array;
}

function planVote(
  trainX: DenseMatrix,
  trainLabels: LabelInput,
  testX: DenseMatrix,
  options: KnnOptions,
): VotePlan {
  const { codes, names } = encodeLabels(trainLabels);
  const { matrix, rows } = labelledRows(trainX, codes);
  const leaveOneOut = options.leaveOneOut ?? testX === trainX;
  if (!leaveOneOut) return { names, codes, matrix, rows };
  if (testX.rows !== trainX.rows) throw new RangeError('kNN leave-one-out needs the same rows on both sides');
  const position = new Int32Array(trainX.rows).fill(-1);
  rows.forEach((r, i) => (position[r] = i));
  return { names, codes, matrix, rows, exclude: position };
}

interface Votes {
  names: string[];
  /** Predicted class code per query row (−1 when nothing can vote). */
  codes: Int32Array;
  votes: Int32Array;
  k: number;
}

/** Predicted class code and vote count per query row from the query rows' neighbours. */
function tally(plan: VotePlan, nn: Neighbours, queries: number): Votes {
  const { names, codes, rows } = plan;
  const predicted = new Int32Array(queries).fill(-1);
  const votes = new Int32Array(queries);
  const counts = new Int32Array(names.length);
  for (let q = 0; q < queries; q++) {
    counts.fill(0);
    let best = 0;
    for (let i = 0; i < nn.k; i++) {
      const j = nn.indices[q * nn.k + i];
      if (j < 0) continue;
      const c = ++counts[codes[rows[j]]];
      if (c > best) best = c;
    }
    // Walking neighbours nearest first, the first class with the top count wins the tie.
    for (let i = 0; i < nn.k && best > 0; i++) {
      const j = nn.indices[q * nn.k + i];
      if (j >= 0 && counts[codes[rows[j]]] === best) {
        predicted[q] = codes[rows[j]];
        votes[q] = best;
        break;
      }
    }
  }
  return { names, codes: predicted, votes, k: nn.k };
}

function vote(
  trainX: DenseMatrix,
  trainLabels: LabelInput,
  testX: DenseMatrix,
  k: number,
  options: KnnOptions,
): Votes {
  const plan = planVote(trainX, trainLabels, testX, options);
  const exclude = plan.exclude ? { exclude: plan.exclude } : {};
  return tally(plan, nearestNeighbours(plan.matrix, testX, k, exclude), testX.rows);
}

/**
 * Predicted label and confidence for each row of `testX`.
 * @param k neighbours that vote. Default 5 (fewer when there are fewer labelled training rows).
 */
export function knnPredict(
  trainX: DenseMatrix,
  trainLabels: LabelInput,
  testX: DenseMatrix,
  k = 5,
  options: KnnOptions = {},
): KnnPrediction {
  const result = vote(trainX, trainLabels, testX, k, options);
  return {
    labels: Array.from(result.codes, (c) => (c >= 0 ? result.names[c] : '')),
    confidence: Float32Array.from(result.votes, (v) => (result.k > 0 ? v / result.k : 0)),
  };
}

/** One label per test row, or a RangeError naming both counts (checked before any neighbour search). */
function checkTestLabels(testX: DenseMatrix, testLabels: LabelInput): void {
  if (testLabels.length !== testX.rows) {
    throw new RangeError(`kNN: ${testLabels.length} labels for ${testX.rows} test rows`);
  }
}

/** The fraction of scored rows predicted right (NaN when none can be scored). */
function accuracyOf(codes: Int32Array, names: string[], testX: DenseMatrix, testLabels: LabelInput): number {
  checkTestLabels(testX, testLabels);
  let scored = 0;
  let correct = 0;
  for (let q = 0; q < testX.rows; q++) {
    const truth = labelText(testLabels, q);
    if (truth === '' || codes[q] < 0) continue;
    scored++;
    if (names[codes[q]] === truth) correct++;
  }
  return scored > 0 ? correct / scored : NaN;
}

/**
 * Fraction of labelled test rows whose kNN prediction equals their label. Unlabeled test rows are not
 * scored. NaN when nothing can be scored (no labelled test or training rows) — reports turn it into null.
 * @param k neighbours that vote. Default 5.
 */
export function knnAccuracy(
  trainX: DenseMatrix,
  trainLabels: LabelInput,
  testX: DenseMatrix,
  testLabels: LabelInput,
  k = 5,
  options: KnnOptions = {},
): number {
  checkTestLabels(testX, testLabels);
  const result = vote(trainX, trainLabels, testX, k, options);
  return accuracyOf(result.codes, result.names, testX, testLabels);
}

/** A neighbour search with nearestNeighbours's arguments and result, e.g. on worker threads. */
export type NeighbourSearch = (
  reference: DenseMatrix,
  query: DenseMatrix,
  k: number,
  options: NeighbourOptions,
) => Promise<Neighbours>;

/** knnAccuracy (same arguments, same result) with the neighbours found by `search`. */
export async function knnAccuracyWith(
  search: NeighbourSearch,
  trainX: DenseMatrix,
  trainLabels: LabelInput,
  testX: DenseMatrix,
  testLabels: LabelInput,
  k = 5,
  options: KnnOptions = {},
): Promise<number> {
  checkTestLabels(testX, testLabels);
  const plan = planVote(trainX, trainLabels, testX, options);
  const exclude = plan.exclude ? { exclude: plan.exclude } : {};
  const result = tally(plan, await search(plan.matrix, testX, k, exclude), testX.rows);
  return accuracyOf(result.codes, result.names, testX, testLabels);
}
