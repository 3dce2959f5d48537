/**
 * Memory follows the non-zeros: fitting and applying a recipe on a wide CSR matrix never allocates a typed
 * array anywhere near cells × all genes. The typed-array constructors are replaced by recording subclasses
 * for the duration of the call (every `new Float32Array(n)`, `Float64Array.from(…)`, `subarray`… in the
 * preprocessing and in tfjs goes through them), and the largest length seen is compared with the size of a
 * dense copy. The same probe on the dense route must see the dense copy, or the probe proves nothing.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { csrToDense } from '../../src/data/sparse.js';
import type { CsrMatrix } from '../../src/api/matrix.js';
import { applyRecipe, fitPreprocess } from '../../src/preprocess/index.js';
import { seededRandom } from '../../src/util/random.js';
import { geneNames, useCpuBackend } from './helpers.js';

before(useCpuBackend);

const KINDS = ['Float32Array', 'Float64Array', 'Int32Array', 'Uint8Array', 'Uint32Array'] as const;

/** Runs `fn` with recording typed-array constructors; returns its result and the largest length allocated. */
async function largestAllocation<T>(fn: () => Promise<T> | T): Promise<{ result: T; largest: number }> {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = KINDS.map((k) => g[k]);
  let largest = 0;
  for (const kind of KINDS) {
    // A subclass records the length of every instance it makes (new, from, of, subarray, slice, map…).
    const Base = g[kind] as Float32ArrayConstructor;
    g[kind] = class extends Base {
      // typed-array constructors take (length | array | buffer, offset?, length?): pass them all through
      constructor(...args: ConstructorParameters<Float32ArrayConstructor>) {
        super(...(args as unknown as [number]));
        if (this.length > largest) largest = this.length;
      }
    };
  }
  try {
    return { result: await fn(), largest };
  } finally {
    KINDS.forEach((k, i) => (g[k] = saved[i]));
  }
}

/** rows × cols counts with ~`perRow` non-zeros per row at random columns. */
function wideCsr(rows: number, cols: number, perRow: number, seed: number): CsrMatrix {
  const random = seededRandom(seed);
  const indptr = new Float64Array(rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let r = 0; r < rows; r++) {
    const picked = new Set<number>();
    // a few shared genes carry a two-group signal, the rest is scattered noise
    for (let c = 0; c < 30; c++) if (random() < (r % 2 ? 0.8 : 0.2)) picked.add(c);
    while (picked.size < perRow) picked.add(Math.floor(random() * cols));
    for (const c of [...picked].sort((a, b) => a - b)) {
      indices.push(c);
      data.push(1 + Math.floor(random() * 5));
    }
    indptr[r + 1] = indices.length;
  }
  return {
    format: 'csr',
    rows,
    cols,
    indptr,
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
  };
}

test('fitting and applying on a wide CSR never allocates cells × all genes', async () => {
  const rows = 300;
  const cols = 80_000; // a dense copy: 24 000 000 values
  const csr = wideCsr(rows, cols, 60, 5);
  const genes = geneNames(cols);
  const options = { topGenes: 200, pcaComponents: 10 };
  const limit = (rows * cols) / 50;

  const fit = await largestAllocation(() => fitPreprocess(csr, genes, options));
  assert.equal(fit.result.matrix.cols, 10);
  assert.ok(fit.largest < limit, `fit allocated ${fit.largest} values (limit ${limit})`);
  const applied = await largestAllocation(() => applyRecipe(fit.result.recipe, csr, genes));
  assert.ok(applied.largest < limit, `apply allocated ${applied.largest} values (limit ${limit})`);

  // The probe sees a dense route: densifying first allocates rows × cols.
  const dense = await largestAllocation(() => fitPreprocess(csrToDense(csr), genes, options));
  assert.ok(dense.largest >= rows * cols, `the dense route allocated only ${dense.largest}`);
});
