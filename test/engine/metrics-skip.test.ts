/**
 * A Stop during the metrics stage (`ThreadedMetricOptions.skip`): the metrics computed before it are kept as
 * computeMetrics gives them, the next step is not started, the others are null and named in the report's order,
 * and the workers end — in this thread and on threads. Without a skip nothing changes.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import type { StageStep } from '../../src/api/stage-step.js';
import { indexLabels } from '../../src/data/label-index.js';
import { computeMetrics, type MetricInputs } from '../../src/engine/metrics.js';
import { computeMetricsThreaded } from '../../src/engine/metrics-threaded.js';
import type { RunMetrics } from '../../src/engine/types.js';
import { stratifiedSplit } from '../../src/evaluate/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { useCpuBackend } from '../preprocess/helpers.js';

before(useCpuBackend);

/** rows × cols around one centre per class, plus unit noise. */
function clustered(codes: Int32Array, cols: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  const centres = Array.from({ length: 4 * cols }, () => randomNormal(random));
  const data = new Float32Array(codes.length * cols);
  codes.forEach((code, r) => {
    for (let c = 0; c < cols; c++) data[r * cols + c] = centres[code * cols + c] + randomNormal(random);
  });
  return { data, rows: codes.length, cols };
}

function inputs(): MetricInputs {
  const random = seededRandom(5);
  const index = indexLabels(Array.from({ length: 1200 }, () => 'abcd'[Math.floor(random() * 4)]));
  const split = stratifiedSplit(index.indices, 0.2, seededRandom(0));
  return {
    coords: clustered(index.indices, 2, 2),
    input: clustered(index.indices, 12, 1),
    labels: index.indices,
    train: split.train,
    holdout: split.holdout,
    seed: 9,
  };
}

const openThreadHandles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;

/** The metrics with a Stop pressed when step `at` is said; the steps said and the metrics named skipped. */
async function stoppedAt(
  at: StageStep['name'],
  threads: number,
): Promise<{ metrics: RunMetrics; said: string[]; skipped: string[] | null }> {
  const skip = new AbortController();
  const said: string[] = [];
  let skipped: string[] | null = null;
  const metrics = await computeMetricsThreaded(inputs(), {
    threads,
    minRows: 0,
    skip: skip.signal,
    onSkipped: (names) => (skipped = names),
    pace: (step) => {
      said.push(step.name);
      if (step.name === at) skip.abort();
      return Promise.resolve();
    },
  });
  return { metrics, said, skipped };
}

for (const threads of [1, 2]) {
  test(`a Stop at the silhouette keeps the metrics computed before it and skips the rest (${threads} thread(s))`, async () => {
    const handles = openThreadHandles();
    const expected = computeMetrics(inputs());
    assert.ok(typeof expected.knn_holdout_pca === 'number', 'the kept metrics have values');
    const { metrics, said, skipped } = await stoppedAt('silhouette', threads);
    assert.deepEqual(metrics, {
      knn_holdout: expected.knn_holdout,
      knn_train: expected.knn_train,
      knn_holdout_pca: expected.knn_holdout_pca,
      knn_holdout_input: null,
      silhouette: null,
      trustworthiness: null,
    });
    assert.deepEqual(skipped, ['knn_holdout_input', 'silhouette', 'trustworthiness']);
    assert.deepEqual(said, ['knn-map', 'pca-baseline', 'silhouette'], 'no step after the Stop');
    assert.equal(openThreadHandles(), handles, 'every worker thread ended');
  });
}

test('a Stop before the stage skips every metric; no Stop changes nothing', async () => {
  const all = await computeMetricsThreaded(inputs(), { threads: 1, skip: AbortSignal.abort() });
  assert.ok(Object.values(all).every((v) => v === null));
  let skipped: string[] | null = null;
  const whole = await computeMetricsThreaded(inputs(), {
    threads: 2,
    minRows: 0,
    skip: new AbortController().signal,
    onSkipped: (names) => (skipped = names),
  });
  assert.equal(JSON.stringify(whole), JSON.stringify(computeMetrics(inputs())));
  assert.equal(skipped, null, 'nothing skipped');
});
