/**
 * The background rank index (rank-index-store.ts): a build on worker threads is shared by every caller that
 * asks during it (one build, not two), is dropped and its threads ended when another matrix's build starts
 * or the index is forgotten, and a failed build leaves its matrix to the direct path with the same results.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CsrMatrix } from '../../src/data/types.js';
import { denseToCsr } from '../../src/data/sparse.js';
import { markerGenes } from '../../src/markers/marker-genes.js';
import { buildRankIndex } from '../../src/markers/rank-index.js';
import {
  forgetRankIndex,
  hasRankIndex,
  rankIndexBuilding,
  rankIndexBuilds,
  rankIndexOf,
  startRankIndex,
} from '../../src/markers/rank-index-store.js';
import { seededRandom } from '../../src/util/random.js';

const openThreadHandles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

function counts(rows: number, cols: number, seed: number): CsrMatrix {
  const random = seededRandom(seed);
  const data = Float32Array.from({ length: rows * cols }, () =>
    random() < 0.4 ? Math.floor(random() * 6) : 0,
  );
  return denseToCsr({ rows, cols, data });
}

const genes = (n: number) => Array.from({ length: n }, (_, g) => `G${g}`);
/** On threads however small the matrix is. */
const threaded = { threads: 2, minThreadedValues: 0 };

test('callers during a background build await that build: one build, the in-thread index', async () => {
  forgetRankIndex();
  const matrix = counts(400, 9, 1);
  const builds = rankIndexBuilds();
  const first = startRankIndex(matrix, genes(9), () => null, threaded);
  assert.equal(rankIndexBuilding(), true);
  const second = startRankIndex(matrix, genes(9), () => null, threaded);
  assert.equal(second, first);
  // a synchronous caller meanwhile neither waits nor builds: the direct path answers it
  assert.equal(rankIndexOf(matrix, genes(9), null), null);
  const index = await first;
  assert.ok(index);
  assert.equal(rankIndexBuilds() - builds, 1);
  assert.equal(hasRankIndex(matrix), true);
  assert.equal(rankIndexBuilding(), false);
  assert.deepEqual(index, buildRankIndex(matrix, genes(9), null));
  assert.equal(await startRankIndex(matrix, genes(9), () => null, threaded), index);
  assert.equal(rankIndexBuilds() - builds, 1);
});

test("another matrix's build, or forgetting, cancels a build in progress and ends its threads", async () => {
  forgetRankIndex();
  const before = openThreadHandles();
  const a = counts(500, 8, 2);
  const b = counts(300, 8, 3);
  const buildingA = startRankIndex(a, genes(8), () => null, threaded);
  const buildingB = startRankIndex(b, genes(8), () => null, threaded);
  assert.equal(await buildingA, null);
  assert.ok(await buildingB);
  assert.equal(hasRankIndex(a), false);
  assert.equal(hasRankIndex(b), true);
  // under way on its threads when forgotten
  const again = startRankIndex(a, genes(8), () => null, threaded);
  await new Promise((resolve) => setImmediate(resolve));
  forgetRankIndex();
  assert.equal(await again, null);
  assert.equal(hasRankIndex(a), false);
  assert.equal(hasRankIndex(b), false);
  assert.equal(rankIndexBuilding(), false);
  assert.equal(openThreadHandles(), before);
});

test('a failed build leaves the matrix to the direct path, with the same results, and is not retried', async () => {
  forgetRankIndex();
  const matrix = counts(600, 6, 4);
  assert.equal(await startRankIndex(matrix, genes(6), () => null, { ...threaded, failIn: 'rank' }), null);
  assert.equal(hasRankIndex(matrix), false);
  const builds = rankIndexBuilds();
  assert.equal(await startRankIndex(matrix, genes(6), () => null, threaded), null);
  assert.equal(rankIndexOf(matrix, genes(6), null), null);
  assert.equal(rankIndexBuilds(), builds);
  const request = { group: Int32Array.from({ length: 150 }, (_, i) => i * 4), genes: 6 };
  const answered = markerGenes(matrix, genes(6), request);
  assert.equal(hasRankIndex(matrix), false);
  assert.deepEqual(answered, markerGenes(matrix, genes(6), request, { rankIndex: false }));
});
