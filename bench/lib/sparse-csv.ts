/**
 * The CSV route of the sparse benchmark: the first ROWS cells of make_counts.py's raw CSR written as the CSV
 * a user would convert them to (`cell,cell_type,GENE00000,…`, every zero written out). Streams row by row;
 * written to a temporary name and renamed, so an interrupted run never leaves a truncated file behind.
 */
import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const COMMA = 44;
const ZERO = 48;
const NEWLINE = 10;

export function writeCsvSlice(dir: string, out: string, rows: number): { bytes: number; rows: number } {
  const shape = JSON.parse(readFileSync(join(dir, 'shape.json'), 'utf8')) as { rows: number; cols: number };
  const n = Math.min(rows, shape.rows);
  const ip = readFileSync(join(dir, 'indptr.f64'));
  const indptr = new Float64Array(ip.buffer.slice(ip.byteOffset, ip.byteOffset + (n + 1) * 8));
  const f = readFileSync(join(dir, 'indices.i32'));
  const d = readFileSync(join(dir, 'data.f32'));
  const nnz = indptr[n];
  // copies of the first n rows' values only (aligned), not the whole file's
  const indices = new Int32Array(f.buffer.slice(f.byteOffset, f.byteOffset + nnz * 4));
  const data = new Float32Array(d.buffer.slice(d.byteOffset, d.byteOffset + nnz * 4));
  const types = readFileSync(join(dir, 'cell_type.txt'), 'utf8').split('\n');
  const tmp = `${out}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  try {
    const genes = Array.from({ length: shape.cols }, (_, j) => `GENE${String(j).padStart(5, '0')}`);
    const header = Buffer.from(`cell,cell_type,${genes.join(',')}\n`);
    bytes += writeSync(fd, header);
    const line = Buffer.alloc(shape.cols * 12 + 64);
    for (let r = 0; r < n; r++) {
      let p = line.write(`cell${String(r).padStart(6, '0')},${types[r]}`, 0);
      let k = indptr[r];
      const end = indptr[r + 1];
      for (let c = 0; c < shape.cols; c++) {
        line[p++] = COMMA;
        if (k < end && indices[k] === c) p += line.write(String(data[k++]), p);
        else line[p++] = ZERO;
      }
      line[p++] = NEWLINE;
      bytes += writeSync(fd, line, 0, p);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, out);
  return { bytes, rows: n };
}
