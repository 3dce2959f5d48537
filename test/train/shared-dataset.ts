/**
 * Test helper: loads one of the labelled CSVs in ../shared/data (layout documented in its README: id,
 * label, text metadata, then numeric features), z-scores the features and makes a seeded stratified
 * hold-out split, so the trainer's quality can be checked without the rest of the pipeline.
 */
import { readFileSync } from 'node:fs';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { seededRandom, shuffleInPlace } from '../../src/util/random.js';

export interface LabelledSet {
  x: DenseMatrix;
  labels: Int32Array;
  classNames: string[];
}

/** Reads NAME.csv: columns after `label` whose first value parses as a number are features. */
export function loadSharedCsv(name: string): LabelledSet {
  const lines = readFileSync(sharedDataPath(name), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const labelCol = header.indexOf('label');
  const first = lines[1].split(',');
  const featureCols = header.flatMap((_, c) =>
    c > labelCol && first[c] !== '' && Number.isFinite(Number(first[c])) ? [c] : [],
  );
  const rows = lines.length - 1;
  const data = new Float32Array(rows * featureCols.length);
  const classNames: string[] = [];
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1].split(',');
    featureCols.forEach((c, j) => (data[r * featureCols.length + j] = Number(cells[c])));
    let index = classNames.indexOf(cells[labelCol]);
    if (index < 0) index = classNames.push(cells[labelCol]) - 1;
    labels[r] = index;
  }
  return { x: zscore({ data, rows, cols: featureCols.length }), labels, classNames };
}

/** Per-column z-score (constant columns become 0). */
export function zscore(x: DenseMatrix): DenseMatrix {
  const out = new Float32Array(x.data.length);
  for (let c = 0; c < x.cols; c++) {
    let mean = 0;
    for (let r = 0; r < x.rows; r++) mean += x.data[r * x.cols + c];
    mean /= x.rows;
    let variance = 0;
    for (let r = 0; r < x.rows; r++) variance += (x.data[r * x.cols + c] - mean) ** 2;
    const sd = Math.sqrt(variance / x.rows) || 1;
    for (let r = 0; r < x.rows; r++) out[r * x.cols + c] = (x.data[r * x.cols + c] - mean) / sd;
  }
  return { data: out, rows: x.rows, cols: x.cols };
}

/** Seeded stratified split: about `fraction` of each class held out. */
export function stratifiedHoldout(
  labels: Int32Array,
  fraction: number,
  seed: number,
): { train: number[]; holdout: number[] } {
  const random = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => byClass.set(l, [...(byClass.get(l) ?? []), i]));
  const train: number[] = [];
  const holdout: number[] = [];
  for (const rows of byClass.values()) {
    shuffleInPlace(random, rows);
    const h = Math.round(rows.length * fraction);
    holdout.push(...rows.slice(0, h));
    train.push(...rows.slice(h));
  }
  return { train: train.sort((a, b) => a - b), holdout: holdout.sort((a, b) => a - b) };
}

/** kNN-k accuracy of test rows against train rows (Euclidean, majority vote, ties to the nearest). */
export function knnAccuracy(
  train: DenseMatrix,
  trainLabels: Int32Array,
  test: DenseMatrix,
  testLabels: Int32Array,
  k = 5,
): number {
  let correct = 0;
  for (let t = 0; t < test.rows; t++) {
    const best: { d: number; label: number }[] = [];
    for (let r = 0; r < train.rows; r++) {
      let s = 0;
      for (let c = 0; c < train.cols; c++)
        s += (test.data[t * test.cols + c] - train.data[r * train.cols + c]) ** 2;
      if (best.length < k || s < best[best.length - 1].d) {
        best.push({ d: s, label: trainLabels[r] });
        best.sort((a, b) => a.d - b.d);
        if (best.length > k) best.pop();
      }
    }
    const votes = new Map<number, number>();
    for (const b of best) votes.set(b.label, (votes.get(b.label) ?? 0) + 1);
    const top = Math.max(...votes.values());
    const winner = best.find((b) => votes.get(b.label) === top)!.label;
    if (winner === testLabels[t]) correct++;
  }
  return correct / test.rows;
}
