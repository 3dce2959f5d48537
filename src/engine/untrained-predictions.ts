/**
 * The one rule for a training run's predicted labels (the map's Accept predictions, the h5ad result's
 * `tripletlens_predicted`, the coordinates CSV's `predicted_label`): the cells the encoder did not train on —
 * hold-out and unlabeled — get the majority class of their `KNN_K` nearest training cells in the map, as
 * `embed` predicts new cells against the same training cells.
 */
import { selectRows } from '../data/select-rows.js';
import { knnPredict } from '../evaluate/index.js';
import { KNN_K } from './metrics.js';
import type { TrainingRun } from './types.js';

/** A run's predictions: one per cell, input order. */
export interface UntrainedPredictions {
  /** The predicted label; '' for a training cell (and for every cell of a run without training cells). */
  predicted: string[];
  /** The share of the k nearest training cells that voted for it, 0–1; NaN where there is no prediction. */
  confidence: Float32Array;
}

/**
 * Predicted labels of the cells the encoder did not train on (hold-out and unlabeled), by kNN against the
 * training cells in the map, as `embed` predicts; '' and NaN for training cells.
 */
export function predictUntrained(
  run: Pick<TrainingRun, 'coords' | 'split' | 'labels'>,
): UntrainedPredictions {
  const n = run.coords.rows;
  const predicted = new Array<string>(n).fill('');
  const confidence = new Float32Array(n).fill(NaN);
  const trainRows: number[] = [];
  const otherRows: number[] = [];
  run.split.forEach((s, r) => (s === 'train' ? trainRows : otherRows).push(r));
  if (otherRows.length === 0 || trainRows.length === 0) return { predicted, confidence };
  const prediction = knnPredict(
    selectRows(run.coords, trainRows),
    trainRows.map((r) => run.labels[r]),
    selectRows(run.coords, otherRows),
    KNN_K,
  );
  otherRows.forEach((r, i) => {
    predicted[r] = prediction.labels[i];
    confidence[r] = prediction.confidence[i];
  });
  return { predicted, confidence };
}
