/**
 * The exact wide-data neighbour search with its selection on the metrics workers (issue 15): bit for bit
 * nearestNeighbours for 1, 2 and 3 threads — several query blocks and reference blocks, one or several
 * blocks a round, leave-one-out, duplicated rows (ties) — and narrow data go to the in-thread search.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { withMetricThreads } from '../../src/evaluate/metric-threads.js';
import { threadedNearestNeighbours } from '../../src/evaluate/nearest-threads.js';
import { nearestNeighbours } from '../../src/neighbours/nearest-neighbours.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { useCpuBackend } from '../preprocess/helpers.js';

before(useCpuBackend);

/** n points around 8 centres, every 31st row a copy of the one before (equal distances). */
function points(n: number, d: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  const centres = Array.from({ length: 8 * d }, () => 3 * randomNormal(random));
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    if (i % 31 === 7) {
      data.copyWithin(i * d, (i - 1) * d, i * d);
      continue;
    }
    const c = Math.floor(random() * 8);
    for (let j = 0; j < d; j++) data[i * d + j] = centres[c * d + j] + randomNormal(random);
  }
  return { data, rows: n, cols: d };
}

const openThreadHandles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

test('the threaded search gives nearestNeighbours bit for bit, for 1, 2 and 3 threads', async () => {
  const before = openThreadHandles();
  // 8 200 references: two reference blocks (8 192 + 8); 600 queries: three query blocks
  const reference = points(8200, 20, 1);
  const query = points(600, 20, 2);
  const expected = nearestNeighbours(reference, query, 7);
  const own = { data: reference.data.subarray(0, 700 * 20), rows: 700, cols: 20 };
  const exclude = Int32Array.from({ length: 700 }, (_, i) => (i % 5 === 0 ? -1 : i));
  const ownExpected = nearestNeighbours(own, own, 5, { exclude });
  for (const threads of [1, 2, 3]) {
    await withMetricThreads({ threads }, async (round) => {
      for (const perRound of [1, 4]) {
        const search = threadedNearestNeighbours(round, perRound);
        assert.deepEqual(await search(reference, query, 7, {}), expected, `${threads} threads, ${perRound}`);
        assert.deepEqual(
          await search(own, own, 5, { exclude }),
          ownExpected,
          `${threads} threads, leave-one-out`,
        );
      }
      // more neighbours than references, and narrow data (the in-thread search)
      const tiny = points(4, 20, 3);
      assert.deepEqual(
        await threadedNearestNeighbours(round)(tiny, query, 9, {}),
        nearestNeighbours(tiny, query, 9),
      );
      const narrow = points(500, 3, 4);
      assert.deepEqual(
        await threadedNearestNeighbours(round)(narrow, narrow, 4, {}),
        nearestNeighbours(narrow, narrow, 4),
      );
    });
  }
  assert.equal(openThreadHandles(), before, 'every worker thread ended');
});
