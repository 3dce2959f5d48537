// markerGenes on small matrices: dense and CSR give the same result whatever the block size, requests that
// cannot be tested get one readable sentence, and the values are normalised only when they are counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EngineError } from '../../src/api/errors.js';
import { denseToCsr } from '../../src/data/sparse.js';
import type { DenseMatrix } from '../../src/data/types.js';
import { markerGenes } from '../../src/markers/marker-genes.js';

const genes = (n: number) => Array.from({ length: n }, (_, g) => `G${g}`);

/** 6 cells × 3 genes of counts: G0 high in cells 0–2, G1 everywhere, G2 only in cell 5. */
const COUNTS: DenseMatrix = {
  rows: 6,
  cols: 3,
  data: Float32Array.from([5, 1, 0, 6, 1, 0, 4, 2, 0, 0, 1, 0, 1, 2, 0, 0, 1, 3]),
};

test('the group is compared with the rest; counts are normalised and log1p-ed; best score first', () => {
  const result = markerGenes(COUNTS, genes(3), { group: Int32Array.from([0, 1, 2]) });
  assert.equal(result.values, 'log1p-normalised');
  assert.equal(result.reference, 'rest');
  assert.equal(result.groupSize, 3);
  assert.equal(result.referenceSize, 3);
  assert.equal(result.genes[0].gene, 'G0');
  assert.ok(result.genes[0].score > 0 && result.genes[0].logFoldChange > 0);
  assert.equal(result.genes[0].fractionGroup, 1);
  assert.equal(result.genes[0].fractionReference, 1 / 3);
  // cell 0: total 6, G0 = 5 → log1p(5 · 10 000 / 6)
  const mean0 = (Math.log1p((5 * 1e4) / 6) + Math.log1p((6 * 1e4) / 7) + Math.log1p((4 * 1e4) / 6)) / 3;
  assert.ok(Math.abs(result.genes[0].meanGroup - mean0) < 1e-5);
  for (let i = 1; i < result.genes.length; i++) assert.ok(result.genes[i - 1].score >= result.genes[i].score);
});

test('values that are not counts are ranked as imported, negatives below the zeros', () => {
  const m: DenseMatrix = { rows: 4, cols: 1, data: Float32Array.from([-1.5, -0.5, 0, 0.25]) };
  const result = markerGenes(m, ['G'], { group: Int32Array.from([2, 3]) });
  assert.equal(result.values, 'as-imported');
  // ranks 1, 2 | 3, 4: the group holds the two highest
  assert.ok(result.genes[0].score > 0);
  assert.equal(result.genes[0].fractionGroup, 0.5);
});

const matrices = fc
  .record({ rows: fc.integer({ min: 3, max: 12 }), cols: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      values: fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 9 })), {
        minLength: rows * cols,
        maxLength: rows * cols,
      }),
      groupBits: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: rows, maxLength: rows }),
      block: fc.integer({ min: 1, max: 8 }),
    }),
  );

test('dense and CSR, any block size, give the same statistics', () => {
  fc.assert(
    fc.property(matrices, ({ rows, cols, values, groupBits, block }) => {
      const dense: DenseMatrix = { rows, cols, data: Float32Array.from(values) };
      const group = Int32Array.from(groupBits.flatMap((b, r) => (b === 1 ? [r] : [])));
      const reference = Int32Array.from(groupBits.flatMap((b, r) => (b === 2 ? [r] : [])));
      fc.pre(group.length > 0 && reference.length > 0);
      const request = { group, reference, genes: cols };
      const whole = markerGenes(dense, genes(cols), request);
      const csr = markerGenes(denseToCsr(dense), genes(cols), request, { blockValues: block });
      assert.deepEqual(csr, whole);
      for (const g of whole.genes) {
        assert.ok(
          Number.isFinite(g.score) && g.pValue >= 0 && g.pValue <= 1 && g.pAdjusted >= g.pValue * (1 - 1e-12),
        );
        assert.ok(Number.isFinite(g.logFoldChange));
      }
    }),
  );
});

test('reference rows also in the group are left out and counted', () => {
  const result = markerGenes(COUNTS, genes(3), {
    group: Int32Array.from([0, 1]),
    reference: Int32Array.from([1, 3, 4]),
  });
  assert.equal(result.reference, 'cells');
  assert.equal(result.overlapRemoved, 1);
  assert.equal(result.referenceSize, 2);
});

test('requests that cannot be tested are refused with one sentence', () => {
  const refused = (request: Parameters<typeof markerGenes>[2], pattern: RegExp) =>
    assert.throws(
      () => markerGenes(COUNTS, genes(3), request),
      (err: unknown) =>
        err instanceof EngineError && err.kind === 'invalid-request' && pattern.test(err.message),
    );
  refused({ group: new Int32Array() }, /Select at least one cell/);
  refused({ group: Int32Array.from([0, 1, 2, 3, 4, 5]) }, /no rest/);
  refused({ group: Int32Array.from([0, 9]) }, /row 9, but the open data has rows 0 to 5/);
  refused({ group: Int32Array.from([0]), reference: Int32Array.from([0]) }, /also in the selection/);
  refused({ group: Int32Array.from([0]), reference: new Int32Array() }, /reference selection is empty/);
  refused({ group: Int32Array.from([0]), genes: 0 }, /number of marker genes/);
});

test('a non-finite value in already-transformed data is named, not ranked', () => {
  const m: DenseMatrix = { rows: 3, cols: 2, data: Float32Array.from([0.5, 1, NaN, 2, 0.1, 0.2]) };
  assert.throws(
    () => markerGenes(m, ['A', 'B'], { group: Int32Array.from([0]) }),
    /cell row 1, gene A: its value is NaN/,
  );
});

test('genes limits the list; unsorted rows with repeats are accepted', () => {
  const result = markerGenes(COUNTS, genes(3), { group: Int32Array.from([2, 0, 1, 0]), genes: 2 });
  assert.equal(result.genes.length, 2);
  assert.equal(result.groupSize, 3);
});

/** 6 cells × 2 genes of log2(x + 1) values (not counts): A high in cells 0–2, B everywhere. */
const LOG2: DenseMatrix = {
  rows: 6,
  cols: 2,
  data: Float32Array.from([3.5, 1, 4, 1.25, 3, 2, 0.5, 1, 0, 1.5, 1, 2]),
};

test("a log1p base (uns['log1p']['base']) changes only the fold change, as scanpy undoes the log", () => {
  const request = { group: Int32Array.from([0, 1, 2]), reference: Int32Array.from([3, 4, 5]) };
  for (const r of [request, { group: request.group }]) {
    const natural = markerGenes(LOG2, genes(2), r);
    const base2 = markerGenes(LOG2, genes(2), r, { log1pBase: 2 });
    assert.equal(natural.log1pBase, undefined);
    assert.equal(base2.log1pBase, 2);
    // scores, p-values, means and fractions are the same numbers: the base is no part of the test
    assert.deepEqual(
      base2.genes.map(({ logFoldChange: _, ...g }) => g),
      natural.genes.map(({ logFoldChange: _, ...g }) => g),
    );
    for (const g of base2.genes) {
      // scanpy: log2((expm1(mean · ln 2) + 1e-9) / (expm1(mean reference · ln 2) + 1e-9))
      const want = Math.log2((2 ** g.meanGroup - 1 + 1e-9) / (2 ** g.meanReference - 1 + 1e-9));
      assert.ok(Math.abs(g.logFoldChange - want) < 1e-12, `${g.gene}: ${g.logFoldChange} vs ${want}`);
    }
    assert.notEqual(base2.genes[0].logFoldChange, natural.genes[0].logFoldChange);
  }
});

test("counts are log1p'd by the engine in natural log: a file's log1p base does not apply to them", () => {
  const request = { group: Int32Array.from([0, 1, 2]) };
  const natural = markerGenes(COUNTS, genes(3), request);
  const withBase = markerGenes(COUNTS, genes(3), request, { log1pBase: 2 });
  assert.equal(withBase.values, 'log1p-normalised');
  assert.equal(withBase.log1pBase, undefined);
  assert.deepEqual(withBase, natural);
});

test("the request's valueLog picks the fold change: log1p in e, 2 or 10, or log2 values' difference of means", () => {
  // G0 of LOG2: group 3.5, 4, 3 (mean 3.5), reference 0.5, 0, 1 (mean 0.5), sums exact in float32
  // log2((b^3.5 − 1 + 1e-9) / (b^0.5 − 1 + 1e-9)) by hand: e 49.505 → 5.6295, 2 24.899 → 4.6380, 10 1462.0 → 10.514
  const want = { log1p: 5.629525, 'log1p-base2': 4.638045, 'log1p-base10': 10.51374, log2: 3 } as const;
  const matrices = [LOG2, denseToCsr(LOG2)];
  const requests = [
    { group: Int32Array.from([0, 1, 2]), reference: Int32Array.from([3, 4, 5]) },
    { group: Int32Array.from([0, 1, 2]) },
  ];
  for (const m of matrices) {
    for (const r of requests) {
      // the file says base 2: a choice in the request wins over it
      const byFile = markerGenes(m, genes(2), r, { log1pBase: 2 });
      for (const [valueLog, lfc] of Object.entries(want)) {
        const result = markerGenes(
          m,
          genes(2),
          { ...r, valueLog: valueLog as keyof typeof want },
          {
            log1pBase: 2,
          },
        );
        assert.equal(result.valueLog, valueLog);
        assert.equal(
          result.log1pBase,
          { log1p: undefined, 'log1p-base2': 2, 'log1p-base10': 10, log2: undefined }[
            valueLog as keyof typeof want
          ],
        );
        const g0 = result.genes.find((g) => g.gene === 'G0');
        assert.ok(g0 && Math.abs(g0.logFoldChange - lfc) < 1e-5, `${valueLog}: ${g0?.logFoldChange}`);
        // scores, p-values, means and fractions do not depend on the choice
        assert.deepEqual(
          result.genes.map(({ logFoldChange: _, ...g }) => g),
          byFile.genes.map(({ logFoldChange: _, ...g }) => g),
        );
      }
      // G1: means 17/12 and 1.5 → log2 values' fold change is their difference
      const g1 = markerGenes(m, genes(2), { ...r, valueLog: 'log2' }).genes.find((g) => g.gene === 'G1');
      assert.ok(g1 && Math.abs(g1.logFoldChange - (17 / 12 - 1.5)) < 1e-6);
      assert.equal(byFile.valueLog, undefined);
    }
  }
});

test('a valueLog other than the four choices is refused, naming them', () => {
  for (const bad of ['log1p-base3', 'LOG2', 2, null, '']) {
    assert.throws(
      () =>
        markerGenes(LOG2, genes(2), {
          group: Int32Array.from([0, 1, 2]),
          valueLog: bad as unknown as 'log2',
        }),
      (err: unknown) =>
        err instanceof EngineError &&
        err.kind === 'invalid-request' &&
        /must be one of 'log1p', 'log1p-base2', 'log1p-base10', 'log2', got/.test(err.message),
    );
  }
});

test("counts are log1p'd by the engine: the request's valueLog does not apply to them", () => {
  const request = { group: Int32Array.from([0, 1, 2]) };
  const natural = markerGenes(COUNTS, genes(3), request);
  const log2 = markerGenes(COUNTS, genes(3), { ...request, valueLog: 'log2' });
  assert.equal(log2.valueLog, undefined);
  assert.deepEqual(log2, natural);
});
