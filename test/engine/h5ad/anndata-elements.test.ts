// writeStreamed (src/engine/h5ad/anndata-elements.ts) with a zero dimension: a copied X of 0 genes and more
// rows than a block was created with chunks [rows, 0], which HDF5 refuses — and h5wasm did not throw, so the
// result silently had no X. writeDense kept no rows of a 0-column matrix ([0, 0]).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Dataset } from 'h5wasm/node';
import { writeDense, writeStreamed } from '../../../src/engine/h5ad/anndata-elements.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-anndata-elements-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Writes with `fill` into a new file, then returns the shapes of its datasets by name. */
async function shapesAfter(
  name: string,
  fill: (f: InstanceType<Awaited<ReturnType<typeof loadH5wasm>>['File']>) => void,
) {
  const h5wasm = await loadH5wasm();
  const path = join(dir, name);
  const w = new h5wasm.File(path, 'w');
  try {
    fill(w);
  } finally {
    w.close();
  }
  const r = new h5wasm.File(path, 'r');
  try {
    return Object.fromEntries(r.keys().map((k) => [k, (r.get(k) as Dataset).shape]));
  } finally {
    r.close();
  }
}

test('a rows × 0 matrix is written with its rows, whole, in blocks or compressed', async () => {
  const empty = () => new Float32Array(0);
  const shapes = await shapesAfter('zero-cols.h5', (f) => {
    writeStreamed(f, 'whole', 10, 0, empty);
    writeStreamed(f, 'blocks', 10, 0, empty, 3);
    writeStreamed(f, 'gzip', 10, 0, empty, 3, 4);
    writeStreamed(f, 'no-rows', 0, 5, empty, 3, 4);
    writeDense(f, 'dense', { rows: 10, cols: 0, data: new Float32Array(0) }, 3);
  });
  assert.deepEqual(shapes, {
    whole: [10, 0],
    blocks: [10, 0],
    gzip: [10, 0],
    'no-rows': [0, 5],
    dense: [10, 0],
  });
});

test('a compressed matrix smaller than a block is still written whole and compressed', async () => {
  const data = Float32Array.from({ length: 12 }, (_, i) => i);
  const h5wasm = await loadH5wasm();
  const path = join(dir, 'small-gzip.h5');
  const w = new h5wasm.File(path, 'w');
  try {
    writeStreamed(w, 'x', 4, 3, (a, b) => data.subarray(a * 3, b * 3), 100, 6);
  } finally {
    w.close();
  }
  const r = new h5wasm.File(path, 'r');
  try {
    const x = r.get('x') as Dataset;
    assert.deepEqual(x.shape, [4, 3]);
    assert.deepEqual(Array.from(x.value as Float32Array), Array.from(data));
    assert.deepEqual(
      x.filters.map((f) => [f.id, f.cd_values]),
      [[1, [6]]],
    );
  } finally {
    r.close();
  }
});
