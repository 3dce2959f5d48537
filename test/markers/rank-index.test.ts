// The rank index (src/markers/rank-index.ts): a group against the rest from the index gives the direct path's
// statistics (same ranks, so the same z and p; sums within float rounding) on random sparse and dense
// matrices — counts and as-imported values with negatives, ties and stored zeros — and it is built only when
// it fits, kept per matrix and dropped when another matrix is indexed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { denseToCsr } from '../../src/data/sparse.js';
import type { CsrMatrix, DenseMatrix } from '../../src/data/types.js';
import { markerGenes, type MarkerStats } from '../../src/markers/marker-genes.js';
import { rankIndexBytes } from '../../src/markers/rank-index.js';
import { forgetRankIndex, hasRankIndex } from '../../src/markers/rank-index-store.js';

const names = (n: number) => Array.from({ length: n }, (_, g) => `G${g}`);

function close(actual: number, expected: number, what: string, relative = 1e-9): void {
  // both NaN: the direct path's own log fold change of negative as-imported means (not the index's doing)
  if (Number.isNaN(expected) && Number.isNaN(actual)) return;
  const tolerance = relative * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

function assertSame(indexed: MarkerStats, direct: MarkerStats): void {
  assert.equal(indexed.genes.length, direct.genes.length);
  assert.equal(indexed.groupSize, direct.groupSize);
  assert.equal(indexed.referenceSize, direct.referenceSize);
  indexed.genes.forEach((a, i) => {
    const b = direct.genes[i];
    assert.equal(a.gene, b.gene);
    close(a.score, b.score, `${a.gene} score`);
    close(a.pValue, b.pValue, `${a.gene} p`);
    close(a.pAdjusted, b.pAdjusted, `${a.gene} p adjusted`);
    close(a.meanGroup, b.meanGroup, `${a.gene} mean group`);
    close(a.meanReference, b.meanReference, `${a.gene} mean reference`);
    // the reference's sum is total − group's: a mean near 0 differs by ~1e-17, which log2(… + 1e-9) magnifies
    close(a.logFoldChange, b.logFoldChange, `${a.gene} log fold change`, 1e-6);
    assert.equal(a.fractionGroup, b.fractionGroup);
    assert.equal(a.fractionReference, b.fractionReference);
  });
}

/** Matrices tall enough for the radix sort (> 32 values a gene), mostly zeros, with many ties. */
const cases = fc
  .record({
    rows: fc.integer({ min: 3, max: 160 }),
    cols: fc.integer({ min: 1, max: 5 }),
    counts: fc.boolean(),
  })
  .chain(({ rows, cols, counts }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      values: fc.array(
        counts
          ? fc.oneof(
              fc.constant(0),
              fc.constant(0),
              fc.integer({ min: 1, max: 4 }),
              fc.integer({ min: 1, max: 90 }),
            )
          : fc.oneof(
              fc.constant(0),
              fc.constant(0),
              fc.constantFrom(-1.5, -0.25, 0.5, 2),
              fc.float({ min: -3, max: 3, noNaN: true }),
            ),
        { minLength: rows * cols, maxLength: rows * cols },
      ),
      groupBits: fc.array(fc.boolean(), { minLength: rows, maxLength: rows }),
      storedZeros: fc.boolean(),
    }),
  );

/** CSR of `dense`, optionally with every zero stored explicitly (a stored zero must count as a zero). */
function csrOf(dense: DenseMatrix, storedZeros: boolean): CsrMatrix {
  if (!storedZeros) return denseToCsr(dense);
  const { rows, cols } = dense;
  return {
    format: 'csr',
    rows,
    cols,
    indptr: Float64Array.from({ length: rows + 1 }, (_, r) => r * cols),
    indices: Int32Array.from({ length: rows * cols }, (_, k) => k % cols),
    data: Float32Array.from(dense.data),
  };
}

test('a group against the rest: the indexed path equals the direct path, CSR and dense', () => {
  fc.assert(
    fc.property(cases, ({ rows, cols, values, groupBits, storedZeros }) => {
      const group = Int32Array.from(groupBits.flatMap((b, r) => (b ? [r] : [])));
      fc.pre(group.length > 0 && group.length < rows);
      const dense: DenseMatrix = { rows, cols, data: Float32Array.from(values) };
      const csr = csrOf(dense, storedZeros);
      const request = { group, genes: cols };
      const direct = markerGenes(csr, names(cols), request, { rankIndex: false });
      assert.equal(hasRankIndex(csr), false);
      const indexed = markerGenes(csr, names(cols), request);
      assert.equal(hasRankIndex(csr), true);
      assertSame(indexed, direct);
      // the index is kept: a second group (the complement) reads it again
      const complement = Int32Array.from(groupBits.flatMap((b, r) => (b ? [] : [r])));
      assertSame(
        markerGenes(csr, names(cols), { group: complement, genes: cols }),
        markerGenes(csr, names(cols), { group: complement, genes: cols }, { rankIndex: false }),
      );
      // dense input keeps the direct path and agrees
      assertSame(markerGenes(dense, names(cols), request), direct);
    }),
    { numRuns: 300 },
  );
});

const COUNTS: DenseMatrix = {
  rows: 6,
  cols: 3,
  data: Float32Array.from([5, 1, 0, 6, 1, 0, 4, 2, 0, 0, 1, 0, 1, 2, 0, 0, 1, 3]),
};

test('without room for the index the direct path answers and nothing is kept', () => {
  forgetRankIndex();
  const csr = denseToCsr(COUNTS);
  const request = { group: Int32Array.from([0, 1, 2]) };
  const tooSmall = rankIndexBytes(csr) * 2 - 1; // the index may take half of what is available
  const fallback = markerGenes(csr, names(3), request, { availableBytes: tooSmall });
  assert.equal(hasRankIndex(csr), false);
  const indexed = markerGenes(csr, names(3), request, { availableBytes: tooSmall + 1 });
  assert.equal(hasRankIndex(csr), true);
  assertSame(indexed, fallback);
});

test('a group against another selection never builds the index', () => {
  forgetRankIndex();
  const csr = denseToCsr(COUNTS);
  markerGenes(csr, names(3), { group: Int32Array.from([0, 1]), reference: Int32Array.from([3, 4]) });
  assert.equal(hasRankIndex(csr), false);
});

test('indexing another matrix drops the previous one', () => {
  const first = denseToCsr(COUNTS);
  const second = denseToCsr(COUNTS);
  markerGenes(first, names(3), { group: Int32Array.from([0]) });
  assert.equal(hasRankIndex(first), true);
  markerGenes(second, names(3), { group: Int32Array.from([0]) });
  assert.equal(hasRankIndex(second), true);
  assert.equal(hasRankIndex(first), false);
});
