// A Stop sent during the metrics stage (after the last epoch; at 10⁵ cells the stage took minutes) gives the
// map at once: the metrics computed before it are kept, the next step is not started, and the others are null
// with the report's note 'not computed: stopped by you' — which the page lists beside the metrics. A Stop
// during the epochs still gets every metric of its map, unless a second Stop comes. Order of events only, no
// timing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RunResult } from '../../src/api/engine-api.js';
import type { StageStep } from '../../src/api/stage-step.js';
import { EngineSession } from '../../src/engine/session.js';
import { SKIPPED_NOTE } from '../../src/engine/training-report.js';
import { packageRoot } from '../../src/util/paths.js';
import { qualityView } from '../../renderer/screens/explore-model.js';
import { outcome } from './session-outcome.js';

const FILE = {
  kind: 'path',
  path: join(packageRoot(), 'test', 'fixtures', 'formats', 'lognorm.h5ad'),
} as const;
// every step event sent (no throttle), so the order is the engine's own
const session = new EngineSession({ progressIntervalMs: 0 });
after(() => session.dispose());

/**
 * Trains 2 epochs, sending Stop when `when` accepts a train-stage event (stage 'epoch' for a train-progress
 * event), and a second Stop when `again` accepts a later one; the result and the metrics' steps said.
 */
async function stoppedRun(
  when: (stage: string, step?: StageStep) => boolean,
  again?: (stage: string, step?: StageStep) => boolean,
): Promise<{ result: RunResult; steps: string[] }> {
  const steps: string[] = [];
  let sent = false;
  let sentAgain = false;
  const off = session.onEvent((event) => {
    if (event.type === 'train-progress' && !sent && when('epoch')) {
      sent = true;
      void session.stopTraining();
    }
    if (event.type !== 'train-stage') return;
    if (event.stage === 'metrics' && event.step) steps.push(event.step.name);
    if (sent && again && !sentAgain && again(event.stage, event.step)) {
      sentAgain = true;
      void session.stopTraining();
    }
    if (!sent && when(event.stage, event.step)) {
      sent = true;
      void session.stopTraining();
    }
  });
  try {
    const done = outcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
    const result = await done;
    assert.ok(sent, 'the Stop was sent');
    assert.equal(sentAgain, again !== undefined, 'the second Stop was sent');
    return { result, steps };
  } finally {
    off();
  }
}

const notes = (r: RunResult): Record<string, string> =>
  (r.report.metricNotes ?? {}) as Record<string, string>;

test('a Stop at the silhouette keeps the kNN metrics, skips the rest and says so', async () => {
  await session.openFile(FILE, { layer: 'counts' });
  const { result, steps } = await stoppedRun(
    (stage, step) => stage === 'metrics' && step?.name === 'silhouette',
  );
  assert.deepEqual(steps, ['knn-map', 'pca-baseline', 'silhouette'], 'no step after the Stop');
  const m = result.metrics;
  assert.ok(typeof m.knn_holdout === 'number' && typeof m.knn_holdout_pca === 'number', JSON.stringify(m));
  assert.equal(m.silhouette, null);
  assert.equal(m.trustworthiness, null);
  assert.equal(m.knn_holdout_input, null);
  for (const metric of ['silhouette', 'trustworthiness', 'knn_holdout_input'])
    assert.equal(notes(result)[metric], SKIPPED_NOTE, metric);
  assert.notEqual(notes(result).knn_holdout, SKIPPED_NOTE);
  assert.deepEqual((result.report as { metrics?: unknown }).metrics, m, 'run.json holds the same metrics');
  // the page's Quality panel: a dash and the note, no NaN
  const view = qualityView(result);
  assert.ok(
    view.notes.includes('* input space, silhouette, trustworthiness: not computed: stopped by you.'),
    view.notes.join('\n'),
  );
  assert.ok(!JSON.stringify(view).includes('NaN'));
  // run.json as exported, and a saved session reopened: the same nulls and notes
  const runJson = JSON.parse((await session.exportReport()).text) as RunResult['report'];
  assert.deepEqual(runJson.metrics, m);
  assert.deepEqual(runJson.metricNotes, notes(result));
  const dir = mkdtempSync(join(tmpdir(), 'tl-stop-metrics-'));
  const fresh = new EngineSession();
  try {
    const saved = await session.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    writeFileSync(join(dir, saved.fileName), saved.bytes);
    const opened = await fresh.openSession({ kind: 'path', path: join(dir, saved.fileName) });
    assert.deepEqual(opened.result.metrics, m);
    assert.deepEqual(notes(opened.result), notes(result));
  } finally {
    fresh.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Stop as the metrics stage begins skips every metric; a Stop during the epochs skips none', async () => {
  const { result } = await stoppedRun((stage, step) => stage === 'metrics' && step === undefined);
  assert.ok(
    Object.values(result.metrics).every((v) => v === null),
    JSON.stringify(result.metrics),
  );
  assert.ok(Object.values(notes(result)).every((n) => n === SKIPPED_NOTE));
  const early = await stoppedRun((stage) => stage === 'epoch');
  assert.ok(typeof early.result.metrics.silhouette === 'number', JSON.stringify(early.result.metrics));
  assert.ok(!Object.values(notes(early.result)).includes(SKIPPED_NOTE));
});

// At 10⁵ cells the metrics of a run stopped during its epochs took minutes, and its Stop stayed disabled
// ("stopping…"): a second Stop (the Train screen's Skip metrics) now skips those not yet computed.
test('a second Stop during the metrics of a run stopped in its epochs skips the rest', async () => {
  const { result, steps } = await stoppedRun(
    (stage) => stage === 'epoch',
    (stage, step) => stage === 'metrics' && step?.name === 'silhouette',
  );
  assert.equal(result.stoppedReason, 'stopped');
  assert.deepEqual(steps, ['knn-map', 'pca-baseline', 'silhouette'], 'no step after the second Stop');
  assert.equal(typeof result.metrics.knn_holdout, 'number');
  for (const metric of ['silhouette', 'trustworthiness', 'knn_holdout_input'] as const) {
    assert.equal(result.metrics[metric], null, metric);
    assert.equal(notes(result)[metric], SKIPPED_NOTE, metric);
  }
});
