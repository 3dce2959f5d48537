/**
 * The forest search on worker threads (issue 15): bit-for-bit the in-thread result for 1, 2 and 3 threads
 * (all rows and a subset as queries, several seeds); a worker's error surfaces as an EngineError and an
 * abort as an AbortError, and in every case no worker thread is left behind — in this process (its active
 * handles) and in a child process that must end on its own after a failed search.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { EngineError } from '../../src/api/errors.js';
import { approximateNeighbours } from '../../src/neighbours/approximate-neighbours.js';
import { approximateNeighboursThreaded } from '../../src/neighbours/forest-threads.js';
import { findRowNeighbours, rowNeighbours } from '../../src/neighbours/row-neighbours.js';
import { packageRoot } from '../../src/util/paths.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

/** n points around 12 Gaussian centres, with duplicated rows (ties) mixed in. */
function points(n: number, d: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  const centres = Array.from({ length: 12 * d }, () => 4 * randomNormal(random));
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    if (i % 97 === 5) {
      data.copyWithin(i * d, (i - 1) * d, i * d);
      continue;
    }
    const c = Math.floor(random() * 12);
    for (let j = 0; j < d; j++) data[i * d + j] = centres[c * d + j] + randomNormal(random);
  }
  return { data, rows: n, cols: d };
}

/** Worker threads and their ports still open in this process. */
const openThreadHandles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

const x = points(4500, 8, 1);
const all = Int32Array.from({ length: x.rows }, (_, i) => i);
const some = Int32Array.from({ length: 2600 }, (_, i) => (i * 7) % x.rows);
// exactMaxRows below the row count: the approximate (forest) search, whose work the threads share
const forest = { exactMaxRows: 100 };

test('the threaded forest search gives the in-thread neighbours bit for bit, for 1, 2 and 3 threads', async () => {
  const before = openThreadHandles();
  for (const [queries, seed] of [
    [all, 3],
    [some, 11],
  ] as const) {
    const inThread = rowNeighbours(x, queries, 9, { ...forest, seed });
    assert.deepEqual(inThread, approximateNeighbours(x, queries, 9, { seed }));
    for (const threads of [1, 2, 3]) {
      const found = await findRowNeighbours(x, queries, 9, { ...forest, seed, threads });
      assert.equal(found.k, inThread.k);
      assert.deepEqual(found.index, inThread.index, `${threads} threads, seed ${seed}`);
    }
  }
  // other forest settings (more rounds, small leaves, one tree) through the threaded path directly
  const options = { seed: 2, trees: 1, leafSize: 8, refineRounds: 3 };
  const threaded = await approximateNeighboursThreaded(x, all, 5, options, { threads: 2 });
  assert.deepEqual(threaded, approximateNeighbours(x, all, 5, options));
  assert.equal(openThreadHandles(), before, 'every worker thread ended');
});

test('the threaded search says how many query visits are done, round by round, up to all of them', async () => {
  const reports: [number, number][] = [];
  const options = { ...forest, seed: 3, threads: 2, refineRounds: 2 };
  const found = await findRowNeighbours(x, some, 9, {
    ...options,
    onQueries: (done, total) => reports.push([done, total]),
  });
  assert.deepEqual(found, await findRowNeighbours(x, some, 9, options), 'the same neighbours');
  // each of the 3 searches of every query (the first and 2 refinement rounds) ends with a report
  const total = 3 * some.length;
  assert.ok(reports.every(([, t]) => t === total));
  const ends = reports.filter(([done]) => done > 0 && done % some.length === 0).map(([done]) => done);
  assert.deepEqual([...new Set(ends)], [some.length, 2 * some.length, total]);
  const done = reports.map(([d]) => d);
  assert.deepEqual(
    done,
    [...done].sort((a, b) => a - b),
    'never goes back',
  );
});

test('the threaded search says its trees being built, before any query, from none to all of them', async () => {
  const events: string[] = [];
  const options = { ...forest, seed: 3, threads: 2, trees: 4 };
  const found = await findRowNeighbours(x, some, 9, {
    ...options,
    onTrees: (done, total) => events.push(`trees ${done}/${total}`),
    onQueries: () => events.push('queries'),
  });
  assert.deepEqual(found, await findRowNeighbours(x, some, 9, options), 'the same neighbours');
  const trees = events.slice(0, events.indexOf('queries'));
  assert.equal(trees[0], 'trees 0/4');
  assert.equal(trees.at(-1), 'trees 4/4');
  assert.ok(!events.slice(trees.length).some((e) => e.startsWith('trees')), 'all before the queries');
});

test('the exact search and k < 1 stay in the calling thread with the same result', async () => {
  const small = points(300, 5, 4);
  const queries = Int32Array.from({ length: 300 }, (_, i) => i);
  assert.deepEqual(
    await findRowNeighbours(small, queries, 6, { threads: 2 }),
    rowNeighbours(small, queries, 6),
  );
  assert.deepEqual(await findRowNeighbours(x, all, 0, { ...forest, threads: 2 }), {
    k: 0,
    index: new Int32Array(0),
  });
});

test('an error in a worker thread rejects with an EngineError and ends every worker', async () => {
  const before = openThreadHandles();
  for (const failAtRound of [0, 2]) {
    await assert.rejects(
      approximateNeighboursThreaded(x, all, 5, { seed: 1 }, { threads: 2, failAtRound }),
      (err: unknown) =>
        err instanceof EngineError &&
        err.kind === 'internal' &&
        /neighbour search failed: test failure requested/.test(err.message),
    );
    assert.equal(openThreadHandles(), before, `workers ended after a failure at round ${failAtRound}`);
  }
});

test('aborting the search rejects with an AbortError and ends every worker', async () => {
  const before = openThreadHandles();
  const early = new AbortController();
  early.abort();
  await assert.rejects(findRowNeighbours(x, all, 5, { ...forest, threads: 2, signal: early.signal }), {
    name: 'AbortError',
  });
  const during = new AbortController();
  const search = findRowNeighbours(x, all, 5, { ...forest, threads: 2, signal: during.signal });
  setImmediate(() => during.abort());
  await assert.rejects(search, { name: 'AbortError' });
  assert.equal(openThreadHandles(), before);
});

test('a process whose threaded search failed exits on its own (no worker keeps it alive)', () => {
  const script = [
    "import { approximateNeighboursThreaded } from './src/neighbours/forest-threads.ts';",
    'const data = Float32Array.from({ length: 3000 * 4 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);',
    'const x = { data, rows: 3000, cols: 4 };',
    'const all = Int32Array.from({ length: 3000 }, (_, i) => i);',
    'approximateNeighboursThreaded(x, all, 5, {}, { threads: 2, failAtRound: 1 })',
    "  .then(() => console.log('resolved'), (err) => console.log(`rejected: ${err.kind}`));",
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: packageRoot(),
    encoding: 'utf8',
    // a hang (a worker keeping the process alive) would run into this and fail the test
    timeout: 120_000,
  });
  assert.equal(child.error, undefined, `the child did not end by itself: ${child.error?.message}`);
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /rejected: internal/);
});
