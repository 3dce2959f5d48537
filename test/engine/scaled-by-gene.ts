/**
 * Values scaled per gene as scanpy's sc.pp.scale leaves X — each gene centred on its mean and divided by its
 * population standard deviation, a constant gene 0 — for the checks of a query the user scaled itself
 * (engine/centring.ts): the scale-mismatch and session tests, `embed`'s CLI test and bench/scale-centring.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { DenseMatrix } from '../../src/api/matrix.js';

/** `values` centred and divided by their population standard deviation; all 0 when they are constant. */
export function scaledValues(values: readonly number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return values.map((v) => (sd > 0 ? (v - mean) / sd : 0));
}

/** `m` with every column (gene) scaled by `scaledValues`. */
export function zscoredByGene(m: DenseMatrix): DenseMatrix {
  const data = Float32Array.from(m.data);
  for (let c = 0; c < m.cols; c++) {
    const column = Array.from({ length: m.rows }, (_, r) => m.data[r * m.cols + c]);
    scaledValues(column).forEach((v, r) => (data[r * m.cols + c] = v));
  }
  return { rows: m.rows, cols: m.cols, data };
}

/** Writes at `path` the CSV `source` with its columns from `firstGene` on scaled by `scaledValues`. */
export function writeScaledCsv(source: string, firstGene: string, path: string): void {
  const rows = Papa.parse<string[]>(readFileSync(source, 'utf8').trim()).data;
  const first = rows[0].indexOf(firstGene);
  if (first < 0) throw new Error(`${source} has no column ${firstGene}`);
  const cells = rows.slice(1);
  for (let c = first; c < rows[0].length; c++) {
    const scaled = scaledValues(cells.map((row) => Number(row[c])));
    cells.forEach((row, i) => (row[c] = String(scaled[i])));
  }
  writeFileSync(path, Papa.unparse(rows));
}
