// The real engine worker killed after a session was opened: the host's replay reopens the session, so the map
// the page shows is held again — its coordinates export as before — and no crash notice calls it lost.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { forkSpawner } from '../../src/worker/spawner.js';
import { createWorkerEngine } from '../../src/worker/worker-client.js';

test('a reopened session survives the worker being killed: the same map is exported after the restart', async () => {
  const engine = createWorkerEngine(forkSpawner());
  const dir = mkdtempSync(join(tmpdir(), 'tl-session-replay-'));
  after(async () => {
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const events: EngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  const ended = () => events.some((e) => e.type === 'run-finished' || e.type === 'run-failed');

  await engine.openFile({ kind: 'sample' });
  await engine.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
  while (!ended()) await new Promise((r) => setTimeout(r, 20));
  assert.ok(events.some((e) => e.type === 'run-finished'));
  const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0) });
  const path = join(dir, 'saved.tripletlens');
  writeFileSync(path, saved.bytes);
  const opened = await engine.openSession({ kind: 'path', path });
  assert.equal(opened.inputStatus, 'attached');
  const before = await engine.exportCoordinates();

  const seen = events.length;
  const pid = engine.workerPid();
  process.kill(pid ?? 0, 'SIGKILL');
  while (!events.slice(seen).some((e) => e.type === 'worker-exit'))
    await new Promise((r) => setTimeout(r, 20));
  const crash = events.slice(seen);
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
