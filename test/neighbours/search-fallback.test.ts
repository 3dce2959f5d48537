/**
 * The neighbour search (more than exactMaxRows rows, at the start of a run) when its worker threads cannot
 * run: the script missing (the package rebuilt or reinstalled under a long-lived serve, a packaging mistake)
 * or failing as it starts (a locked or broken file). The search then runs in the calling thread with the
 * same neighbours, and says why once — where it used to reject and fail the run.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { findRowNeighbours, rowNeighbours } from '../../src/neighbours/row-neighbours.js';
import { seededRandom } from '../../src/util/random.js';

function points(rows: number, cols: number): DenseMatrix {
  const random = seededRandom(7);
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => random()) };
}

const x = points(600, 4);
const queries = Int32Array.from({ length: x.rows }, (_, i) => i);
// below the row count: the approximate (forest) search, the one that runs on worker threads
const search = { exactMaxRows: 100, seed: 5 };
const missing = join(import.meta.dirname, 'no-such-forest-worker.js');

const openThreadHandles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

test('a missing worker script: the same neighbours in this thread, and why, said once', async () => {
  const reasons: string[] = [];
  const found = await findRowNeighbours(x, queries, 6, {
    ...search,
    threads: 2,
    entry: { script: missing, evaluate: false, file: missing },
    onFallback: (reason) => reasons.push(reason),
  });
  assert.deepEqual(found, rowNeighbours(x, queries, 6, search));
  assert.equal(reasons.length, 1);
  assert.match(reasons[0], /worker for the neighbour search is missing \(.*no-such-forest-worker\.js\)/);
  // the run's note reaches users of an installed package and the app: the remedy is theirs, not a developer's alone
  assert.match(reasons[0], /reinstall TripletLens/);
  assert.ok(!reasons[0].includes('\n'), 'the first line only');
});

test('a worker script that fails as it starts: the same neighbours in this thread, no thread left', async () => {
  const before = openThreadHandles();
  const reasons: string[] = [];
  const broken = {
    script: 'throw new Error("locked by antivirus")',
    evaluate: true,
    file: import.meta.filename,
  };
  const found = await findRowNeighbours(x, queries, 6, {
    ...search,
    threads: 2,
    entry: broken,
    onFallback: (reason) => reasons.push(reason),
  });
  assert.deepEqual(found, rowNeighbours(x, queries, 6, search));
  assert.equal(reasons.length, 1);
  assert.match(reasons[0], /neighbour search failed: locked by antivirus/);
  assert.equal(openThreadHandles(), before, 'every worker thread ended');
});

test('an abort during the search still rejects with the abort, not a search in this thread', async () => {
  const reasons: string[] = [];
  const during = new AbortController();
  const found = findRowNeighbours(x, queries, 6, {
    ...search,
    threads: 2,
    signal: during.signal,
    onFallback: (reason) => reasons.push(reason),
  });
  setImmediate(() => during.abort());
  await assert.rejects(found, { name: 'AbortError' });
  assert.deepEqual(reasons, []);
});
