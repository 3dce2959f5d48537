/**
 * The run metrics with their costly parts on worker threads (issue 15 goal 3): computeMetrics's values bit
 * for bit for 1, 2 and 3 threads, and the values computed before the metrics had threads; the same values
 * in this thread when the workers cannot start; an abort rejects and ends the workers.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { indexLabels } from '../../src/data/label-index.js';
import { computeMetrics, type MetricInputs } from '../../src/engine/metrics.js';
import { computeMetricsThreaded } from '../../src/engine/metrics-threaded.js';
import { stratifiedSplit } from '../../src/evaluate/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { useCpuBackend } from '../preprocess/helpers.js';

before(useCpuBackend);

/** rows × cols around one centre per class (spread `scale`), plus unit noise. */
function clustered(codes: Int32Array, cols: number, seed: number, scale: number): DenseMatrix {
  const random = seededRandom(seed);
  const centres = Array.from({ length: 6 * cols }, () => scale * randomNormal(random));
  const data = new Float32Array(codes.length * cols);
  codes.forEach((code, r) => {
    for (let c = 0; c < cols; c++)
      data[r * cols + c] = centres[Math.max(0, code) * cols + c] + randomNormal(random);
  });
  return { data, rows: codes.length, cols };
}

function inputs(): MetricInputs {
  const random = seededRandom(3);
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const text = Array.from({ length: 3000 }, (_, r) => (r % 50 === 0 ? '' : names[Math.floor(random() * 6)]));
  const index = indexLabels(text);
  // 20 input columns: the wide search whose selection runs on the workers
  const input = clustered(index.indices, 20, 1, 0.3);
  const coords = clustered(index.indices, 3, 2, 1);
  const split = stratifiedSplit(index.indices, 0.2, seededRandom(0));
  return { coords, input, labels: index.indices, train: split.train, holdout: split.holdout, seed: 9 };
}

const openThreadHandles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

test('the threaded metrics equal computeMetrics bit for bit, for 1, 2 and 3 threads', async () => {
  const before = openThreadHandles();
  const m = inputs();
  const expected = computeMetrics(m);
  for (const key of Object.keys(expected) as (keyof typeof expected)[])
    assert.ok(typeof expected[key] === 'number', `${key} was computed`);
  for (const threads of [1, 2, 3]) {
    const threaded = await computeMetricsThreaded(m, { threads, minRows: 0 });
    // the same values, in the same order in the report
    assert.equal(JSON.stringify(threaded), JSON.stringify(expected));
  }
  // the values main's single-threaded code (commit 5cb57a0, before the metrics had threads) computed for
  // these inputs on the cpu backend: the threaded code changed none of them
  assert.deepEqual(expected, {
    knn_holdout: 0.6207482993197279,
    knn_train: 0.6296768707482994,
    knn_holdout_pca: 0.4336734693877551,
    knn_holdout_input: 0.42857142857142855,
    silhouette: 0.10696907050919062,
    trustworthiness: 0.5336790591805767,
  });
  assert.deepEqual(Object.keys(expected), [
    'knn_holdout',
    'knn_train',
    'knn_holdout_pca',
    'knn_holdout_input',
    'silhouette',
    'trustworthiness',
  ]);
  assert.equal(openThreadHandles(), before, 'every worker thread ended');
});

test('when the metrics workers cannot start, the same metrics are computed in this thread', async () => {
  const m = inputs();
  const missing = join(import.meta.dirname, 'no-such-worker.ts');
  const entry = { script: missing, evaluate: false, file: missing };
  const reasons: string[] = [];
  const onFallback = (reason: string) => reasons.push(reason);
  assert.deepEqual(
    await computeMetricsThreaded(m, { threads: 2, minRows: 0, entry, onFallback }),
    computeMetrics(m),
  );
  assert.match(reasons[0], /worker for the metrics is missing/);
  // a script that exists but fails as it starts
  const broken = { script: 'throw new Error("cannot start")', evaluate: true, file: import.meta.filename };
  assert.deepEqual(
    await computeMetricsThreaded(m, { threads: 2, minRows: 0, entry: broken }),
    computeMetrics(m),
  );
});

test('an aborted metrics stage rejects with the abort and ends its workers', async () => {
  const before = openThreadHandles();
  const controller = new AbortController();
  const pending = computeMetricsThreaded(inputs(), { threads: 2, minRows: 0, signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, { name: 'AbortError' });
  const aborted = AbortSignal.abort();
  await assert.rejects(computeMetricsThreaded(inputs(), { threads: 2, signal: aborted }), {
    name: 'AbortError',
  });
  assert.equal(openThreadHandles(), before, 'every worker thread ended');
});

// A headless audit: Ctrl-C (or SIGTERM) while `train` computed "kNN accuracy in the map" on 10 000 rows
// crashed the CLI with exit 7 and a stack trace — the workers' trustworthiness promise rejected with the abort
// while this thread was between two cheap metrics, with no handler yet, and tfjs-backend-wasm's Emscripten
// glue rethrows an unhandled rejection — instead of "cancelled (Ctrl-C); nothing was written", exit 130.
test('an abort between the cheap metrics rejects the stage without an unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const controller = new AbortController();
    const pace = async (step: { name: string }) => {
      if (step.name !== 'knn-map') return;
      controller.abort();
      // the event loop turns, as it does between the steps of a paced run, before this thread goes on
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await assert.rejects(
      computeMetricsThreaded(inputs(), { threads: 2, minRows: 0, signal: controller.signal, pace }),
      { name: 'AbortError' },
    );
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
