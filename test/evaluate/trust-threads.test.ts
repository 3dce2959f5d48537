/**
 * Trustworthiness with its per-point penalties on the metrics workers (issue 15): the in-thread value bit for
 * bit for 1, 2 and 3 threads, on a subsample and on every row, with ties; NaN where it is undefined; a worker
 * that throws rejects the round with an EngineError and leaves no thread behind.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { EngineError } from '../../src/api/errors.js';
import { withMetricThreads } from '../../src/evaluate/metric-threads.js';
import { trustworthinessThreaded } from '../../src/evaluate/trust-threads.js';
import { trustworthiness } from '../../src/evaluate/trustworthiness.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { useCpuBackend } from '../preprocess/helpers.js';

before(useCpuBackend);

function noise(rows: number, cols: number, seed: number, round = false): DenseMatrix {
  const random = seededRandom(seed);
  // rounded values make equal distances (the tie rule counts)
  const data = Float32Array.from({ length: rows * cols }, () =>
    round ? Math.round(2 * randomNormal(random)) : randomNormal(random),
  );
  return { data, rows, cols };
}

const openThreadHandles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

test('threaded trustworthiness equals the in-thread value for 1, 2 and 3 threads', async () => {
  const before = openThreadHandles();
  const high = noise(900, 40, 1);
  const low = {
    data: high.data.filter((_, i) => i % 40 < 2).map((v, i) => v + 0.3 * Math.sin(i)),
    rows: 900,
    cols: 2,
  };
  const tiedHigh = noise(300, 6, 2, true);
  const tiedLow = noise(300, 2, 3, true);
  const cases = [
    { args: [high, low, 15, 400] as const, seed: 5 },
    { args: [high, low, 7, 2000] as const, seed: 6 },
    { args: [tiedHigh, tiedLow, 10, 2000] as const, seed: 7 },
  ];
  for (const threads of [1, 2, 3]) {
    await withMetricThreads({ threads }, async (round) => {
      for (const { args, seed } of cases) {
        const [h, l, k, max] = args;
        const expected = trustworthiness(h, l, k, seededRandom(seed), max);
        assert.ok(expected > 0 && expected < 1, `a value strictly inside (0, 1): ${expected}`);
        assert.equal(await trustworthinessThreaded(round, h, l, k, seededRandom(seed), max), expected);
      }
      assert.ok(Number.isNaN(await trustworthinessThreaded(round, tiedHigh, tiedLow, 150)));
    });
  }
  assert.equal(openThreadHandles(), before, 'every worker thread ended');
});

test('a metrics worker that throws rejects with an EngineError naming the metrics and ends every worker', async () => {
  const before = openThreadHandles();
  await assert.rejects(
    withMetricThreads({ threads: 2 }, (round) => round({ type: 'fail' })),
    (err: unknown) => err instanceof EngineError && /the metrics failed/.test(err.message),
  );
  assert.equal(openThreadHandles(), before, 'every worker thread ended');
});
