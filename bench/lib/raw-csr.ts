/** make_counts.py's raw CSR arrays (PATH.csr/: indptr.f64, indices.i32, data.f32, shape.json) as a CsrMatrix. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CsrMatrix } from '../../src/api/matrix.js';

function readArray<T>(
  path: string,
  make: (buffer: ArrayBuffer, offset: number, length: number) => T,
  bytes: number,
): T {
  const file = readFileSync(path);
  // readFileSync's Buffer may share a pool or start unaligned: copy into an aligned ArrayBuffer when needed
  if (file.byteOffset % bytes !== 0) {
    const copy = new Uint8Array(file.byteLength);
    copy.set(file);
    return make(copy.buffer, 0, file.byteLength / bytes);
  }
  return make(file.buffer as ArrayBuffer, file.byteOffset, file.byteLength / bytes);
}

/** The raw CSR arrays of make_counts.py, optionally cut to the first `rows` rows (views, no copies). */
export function readRawCsr(dir: string, rows?: number): { matrix: CsrMatrix; genes: string[] } {
  const shape = JSON.parse(readFileSync(join(dir, 'shape.json'), 'utf8')) as { rows: number; cols: number };
  const indptr = readArray(join(dir, 'indptr.f64'), (b, o, n) => new Float64Array(b, o, n), 8);
  const indices = readArray(join(dir, 'indices.i32'), (b, o, n) => new Int32Array(b, o, n), 4);
  const data = readArray(join(dir, 'data.f32'), (b, o, n) => new Float32Array(b, o, n), 4);
  const n = rows ? Math.min(rows, shape.rows) : shape.rows;
  const genes = Array.from({ length: shape.cols }, (_, j) => `GENE${String(j).padStart(5, '0')}`);
  const matrix: CsrMatrix = {
    format: 'csr',
    rows: n,
    cols: shape.cols,
    indptr: indptr.subarray(0, n + 1),
    indices,
    data,
  };
  return { matrix, genes };
}
