/**
 * The rank index on worker threads (rank-index-threads.ts): bit for bit the index of the in-thread build and
 * of the builder as it was before threads (rank-index-reference.ts), for 1, 2 and 3 threads, several block
 * sizes, counts and as-imported values with stored zeros, matrices on plain and on shared memory; a worker's
 * error surfaces as an EngineError and an abort as an AbortError, and no worker thread is left behind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineError } from '../../src/api/errors.js';
import { csrLibraryFactors } from '../../src/preprocess/csr-transform.js';
import type { CsrMatrix } from '../../src/data/types.js';
import { buildRankIndex, type RankIndex } from '../../src/markers/rank-index.js';
import { balancedRanges, buildRankIndexThreaded } from '../../src/markers/rank-index-threads.js';
import { onSharedMemory } from '../../src/util/shared-arrays.js';
import { seededRandom } from '../../src/util/random.js';
import { referenceRankIndex } from './rank-index-reference.js';

/** Worker threads and their ports still open in this process. */
const openThreadHandles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

/** A random CSR matrix: counts (many ties) or signed reals, some genes empty, some stored zeros. */
function randomCsr(rows: number, cols: number, seed: number, counts: boolean): CsrMatrix {
  const random = seededRandom(seed);
  const indptr = new Float64Array(rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  const density = Array.from({ length: cols }, (_, g) => (g % 7 === 3 ? 0 : random() * 0.6));
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < cols; g++) {
      if (random() >= density[g]) continue;
      indices.push(g);
      const storedZero = random() < 0.03;
      data.push(storedZero ? 0 : counts ? 1 + Math.floor(random() * random() * 30) : (random() - 0.3) * 4);
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

const names = (n: number) => Array.from({ length: n }, (_, g) => `G${g}`);

/** The bytes of every array of the index equal (so -0, NaN and rounding would all show). */
function assertSameIndex(actual: RankIndex, expected: RankIndex, what: string): void {
  for (const key of ['ranks', 'zeroRank', 'ties', 'sum', 'positive', 'stored'] as const) {
    const a = actual[key];
    const b = expected[key];
    const bytes = (x: typeof a) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
    assert.ok(bytes(a).equals(bytes(b)), `${what}: ${key} differs`);
  }
}

test('the threaded index equals the in-thread and the former single-thread build, bit for bit', async () => {
  const before = openThreadHandles();
  for (const [rows, cols, seed, counts] of [
    [900, 40, 1, true],
    [700, 23, 2, false],
    [50, 3, 3, true],
  ] as const) {
    const plain = randomCsr(rows, cols, seed, counts);
    const factors = counts ? csrLibraryFactors(plain, 1e4, names(cols)) : null;
    const reference = referenceRankIndex(plain, names(cols), factors);
    assertSameIndex(buildRankIndex(plain, names(cols), factors), reference, 'in-thread');
    assertSameIndex(buildRankIndex(plain, names(cols), factors, 256), reference, 'in-thread, small blocks');
    const shared = {
      ...plain,
      indices: onSharedMemory(plain.indices),
      data: onSharedMemory(plain.data),
    };
    for (const threads of seed === 1 ? [1, 2, 3] : [2]) {
      for (const [matrix, blockValues] of [
        [plain, undefined],
        [shared, 300],
      ] as const) {
        const index = await buildRankIndexThreaded(matrix, names(cols), factors, {
          threads,
          ...(blockValues ? { blockValues } : {}),
        });
        assertSameIndex(index, reference, `${rows}×${cols}, ${threads} threads, blocks ${blockValues}`);
      }
    }
  }
  // more threads than genes with values: empty ranges rank nothing
  const empty: CsrMatrix = {
    format: 'csr',
    rows: 400,
    cols: 3,
    indptr: Float64Array.from({ length: 401 }, (_, r) => r),
    indices: new Int32Array(400).fill(2),
    data: Float32Array.from({ length: 400 }, (_, r) => 1 + (r % 5)),
  };
  const report = { workerCpuSeconds: [] as number[] };
  assertSameIndex(
    await buildRankIndexThreaded(empty, names(3), null, { threads: 3, report }),
    referenceRankIndex(empty, names(3), null),
    'one gene with values, 3 threads',
  );
  // each worker's own CPU time: a number per thread (NaN only where the OS does not tell)
  assert.equal(report.workerCpuSeconds.length, 3);
  for (const s of report.workerCpuSeconds) {
    assert.ok(process.platform !== 'linux' || s >= 0, `worker CPU ${s}`);
  }
  assert.equal(openThreadHandles(), before);
});

test('gene ranges: contiguous, covering every gene, about equal stored values', () => {
  const entries = Int32Array.from([5, 0, 100, 3, 3, 3, 90, 1, 0, 0]);
  const ranges = balancedRanges(entries, 2);
  assert.deepEqual([...ranges], [0, 3, 10]);
  assert.deepEqual([...balancedRanges(entries, 1)], [0, 10]);
  // one gene holding every value: a range may be empty
  assert.deepEqual([...balancedRanges(Int32Array.from([0, 0, 100]), 3)], [0, 2, 3, 3]);
  const three = balancedRanges(new Int32Array(2), 3);
  assert.equal(three[0], 0);
  assert.equal(three[3], 2);
  for (let i = 1; i < three.length; i++) assert.ok(three[i] >= three[i - 1]);
});

test('a worker error is an EngineError, an abort an AbortError; no thread is left behind', async () => {
  const before = openThreadHandles();
  const matrix = randomCsr(300, 12, 4, true);
  for (const failIn of ['count', 'rank'] as const) {
    await assert.rejects(
      buildRankIndexThreaded(matrix, names(12), null, { threads: 2, failIn }),
      (err: unknown) =>
        err instanceof EngineError &&
        err.kind === 'internal' &&
        /worker thread of the marker rank index failed: test failure/.test(err.message),
    );
  }
  const abort = new AbortController();
  const building = buildRankIndexThreaded(matrix, names(12), null, { threads: 2, signal: abort.signal });
  abort.abort();
  await assert.rejects(building, (err: unknown) => err instanceof Error && err.name === 'AbortError');
  assert.equal(openThreadHandles(), before);
});
