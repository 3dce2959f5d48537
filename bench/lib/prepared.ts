/**
 * The one preprocessed matrix and split every method in the comparison reads: PREFIX.f32 holds the matrix
 * (row-major float32, little-endian, no header, so numpy reads it with `np.fromfile`) and PREFIX.json its
 * shape, labels and split. Method outputs use the same raw layout: OUT.f32 (rows × dims, input order).
 */
import { readFile } from 'node:fs/promises';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';

export interface PreparedMeta {
  dataset: string;
  source: string;
  rows: number;
  cols: number;
  /** The label per row, as text. */
  labels: string[];
  /** Sorted distinct labels; `classIndex[r]` indexes into this (−1 = unlabeled). */
  classes: string[];
  classIndex: number[];
  train: number[];
  holdout: number[];
  seed: number;
  /** How the matrix was made (the preprocessing recipe's description). */
  preprocessing: string;
}

function asBytes(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Writes a float32 matrix as raw little-endian bytes (this package only runs on little-endian machines). */
export async function writeF32(path: string, data: Float32Array): Promise<void> {
  await writeFileAtomic(path, asBytes(data));
}

/** Reads a raw float32 file written by `writeF32` or numpy's `tofile`, checking its size. */
export async function readF32(path: string, rows: number, cols: number): Promise<DenseMatrix> {
  const bytes = await readFile(path);
  if (bytes.byteLength !== rows * cols * 4) {
    throw new Error(`${path}: expected ${rows} × ${cols} float32 values, found ${bytes.byteLength} bytes`);
  }
  // copy into an aligned buffer: Buffer slices may start at an offset that is not a multiple of 4
  const data = new Float32Array(rows * cols);
  new Uint8Array(data.buffer).set(bytes);
  return { data, rows, cols };
}

export async function writePrepared(prefix: string, matrix: DenseMatrix, meta: PreparedMeta): Promise<void> {
  await writeF32(`${prefix}.f32`, matrix.data);
  await writeFileAtomic(`${prefix}.json`, JSON.stringify(meta));
}

export async function readPrepared(prefix: string): Promise<{ matrix: DenseMatrix; meta: PreparedMeta }> {
  const meta = JSON.parse(await readFile(`${prefix}.json`, 'utf8')) as PreparedMeta;
  return { matrix: await readF32(`${prefix}.f32`, meta.rows, meta.cols), meta };
}

/** What a method child prints as its last stdout line. */
export interface MethodReport {
  method: string;
  dims: number;
  /** Fitting on the training split, start-up and file reading excluded. */
  fitMs: number;
  /** CPU time (all threads of the process) spent fitting, when the child measured it. */
  fitCpuMs?: number;
  /** Projecting every cell (training and hold-out) through the fitted model. */
  transformMs: number;
  params: Record<string, unknown>;
  versions: Record<string, string>;
  [extra: string]: unknown;
}
