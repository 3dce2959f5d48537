// The real engine worker killed after a session was opened: the host's replay reopens the session, so the map
// the page shows is held again — its coordinates export as before — and no crash notice calls it lost.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { killWorker, realWorker, trainOneEpoch } from './fixtures/real-worker.js';

test('a reopened session survives the worker being killed: the same map is exported after the restart', async () => {
  const worker = realWorker('tl-session-replay-');
  const { engine, events, dir } = worker;
  await engine.openFile({ kind: 'sample' });
  await trainOneEpoch(engine);
  assert.ok(events.some((e) => e.type === 'run-finished'));
  const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0) });
  const path = join(dir, 'saved.tripletlens');
  writeFileSync(path, saved.bytes);
  const opened = await engine.openSession({ kind: 'path', path });
  assert.equal(opened.inputStatus, 'attached');
  const before = await engine.exportCoordinates();

  const pid = engine.workerPid();
  const crash = await killWorker(worker);
  assert.deepEqual(
    crash.filter((e) => e.type === 'run-discarded'),
    [],
    'the session’s map is not announced as lost',
  );
  const exit = crash.find((e) => e.type === 'worker-exit');
  assert.match(
    exit?.type === 'worker-exit' ? exit.message : '',
    /The session \(saved\.tripletlens\) will be reopened/,
  );

  const restored = await engine.exportCoordinates();
  assert.notEqual(engine.workerPid(), pid, 'a new worker');
  assert.equal(restored.text, before.text);
  const state = await engine.getState();
  assert.equal(state.dataset?.rows, opened.summary.rows);
  assert.deepEqual(state.lastRun?.labels, opened.result.labels);
});
