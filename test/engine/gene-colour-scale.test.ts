/**
 * Colouring by a gene: a file of counts is coloured on the marker table's scale, log1p(count · 10 000 / the
 * cell's total), as scanpy's normalize_total + log1p colour a map; other values as imported. A scanpy
 * walkthrough on a Cell Ranger folder coloured CD79A by raw UMI counts, 0 to 17: most B cells looked dark,
 * the colours following sequencing depth and a few high counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseToCsr } from '../../src/data/sparse.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { DEFAULT_TARGET_SUM } from '../../src/preprocess/index.js';
import { columnValues } from '../../src/engine/session-summary.js';
import { blobTable } from './helpers.js';

test('a gene of a file of counts comes log-normalised, said by its scale; log values come as imported', () => {
  const table = blobTable({ classes: 3, perClass: 10, genes: 12, seed: 5 });
  const m = table.values as DenseMatrix;
  const counts = Float32Array.from(m.data, (v) => Math.max(0, Math.round(v * 3)));
  const csr = denseToCsr({ data: counts, rows: m.rows, cols: m.cols });
  const gene = 4;
  const v = columnValues({ ...table, values: csr }, { kind: 'gene', gene: table.genes[gene] });
  assert.ok(v.kind === 'numeric');
  assert.equal(v.scale, 'log1p-normalised');
  assert.equal(v.name, table.genes[gene]);
  for (let r = 0; r < m.rows; r++) {
    let total = 0;
    for (let g = 0; g < m.cols; g++) total += counts[r * m.cols + g];
    const expected = total > 0 ? Math.log1p((counts[r * m.cols + gene] * DEFAULT_TARGET_SUM) / total) : 0;
    assert.ok(Math.abs(v.values[r] - expected) <= 1e-5 * Math.max(1, expected), `cell ${r}`);
  }
  assert.equal(v.max, Math.max(...v.values));

  const logged = Float32Array.from(counts, (c) => Math.log1p(c));
  const l = columnValues(
    { ...table, values: { data: logged, rows: m.rows, cols: m.cols } },
    {
      kind: 'gene',
      gene: table.genes[gene],
    },
  );
  assert.ok(l.kind === 'numeric');
  assert.equal(l.scale, undefined);
  assert.deepEqual(
    [...l.values],
    Array.from({ length: m.rows }, (_, r) => logged[r * m.cols + gene]),
  );
});
