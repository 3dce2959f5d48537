/**
 * Test helpers for preprocessing: a backend, a tiny reader for the shared datasets (their documented
 * layout: id, label, other text columns, then numeric gene columns — the importer is tested elsewhere),
 * and seeded random matrices.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export interface SharedDataset {
  matrix: DenseMatrix;
  genes: string[];
  labels: string[];
}

/** Reads one of ../shared/data/*.csv (plain CSV: no quoting, first numeric column starts the genes). */
export function readSharedCsv(name: string): SharedDataset {
  const lines = readFileSync(sharedDataPath(name), 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',');
  const first = lines[1].split(',');
  const start = header.findIndex((_, i) => i > 1 && first[i] !== '' && Number.isFinite(Number(first[i])));
  const genes = header.slice(start);
  const rows = lines.length - 1;
  const data = new Float32Array(rows * genes.length);
  const labels: string[] = [];
  for (let r = 0; r < rows; r++) {
    const fields = lines[r + 1].split(',');
    labels.push(fields[1]);
    for (let j = 0; j < genes.length; j++) data[r * genes.length + j] = Number(fields[start + j]);
  }
  return { matrix: { data, rows, cols: genes.length }, genes, labels };
}

export function matrix(rows: number[][]): DenseMatrix {
  return { data: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0]?.length ?? 0 };
}

/** rows × cols normal noise plus a planted low-rank signal, from a seed. */
export function randomMatrix(rows: number, cols: number, seed: number, rank = 3): DenseMatrix {
  const random = seededRandom(seed);
  const factors = Array.from({ length: rows * rank }, () => randomNormal(random) * 3);
  const basis = Array.from({ length: rank * cols }, () => randomNormal(random));
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let v = randomNormal(random) * 0.5;
      for (let k = 0; k < rank; k++) v += factors[r * rank + k] * basis[k * cols + c];
      data[r * cols + c] = v;
    }
  }
  return { data, rows, cols };
}

export function geneNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `g${i}`);
}

export function column(m: DenseMatrix, c: number): number[] {
  return Array.from({ length: m.rows }, (_, r) => m.data[r * m.cols + c]);
}

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      throw new Error(`element ${i}: ${actual[i]} is not within ${tolerance} of ${expected[i]}`);
    }
  }
}
