// The real engine worker killed after the data was loaded: the host's replay reopens it under the ids the page
// holds — the dataset's, a reopened session's run's and its projected cells' — so what a page asks with them
// after the restart (the neighbourhood check, markers, Export projected cells, Save session) is answered for
// the data and map it shows, not refused as of another dataset or run.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { projectionRef } from '../../src/api/annotate.js';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { samplePath } from '../../src/util/paths.js';
import { forkSpawner } from '../../src/worker/spawner.js';
import { createWorkerEngine, type WorkerEngine } from '../../src/worker/worker-client.js';

/** Kills the worker and waits for the host to announce its exit. */
async function killWorker(engine: WorkerEngine, events: EngineEvent[]): Promise<void> {
  const seen = events.length;
  const pid = engine.workerPid();
  assert.ok(pid !== null, 'a worker is running');
  process.kill(pid, 'SIGKILL');
  while (!events.slice(seen).some((e) => e.type === 'worker-exit'))
    await new Promise((r) => setTimeout(r, 20));
}

describe('ids after a crash replay, through the real worker', () => {
  const engine = createWorkerEngine(forkSpawner());
  const dir = mkdtempSync(join(tmpdir(), 'tl-replay-ids-'));
  const events: EngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  after(async () => {
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const group = Int32Array.from({ length: 20 }, (_, i) => i);

  test('an opened file: markers after the restart are of the dataset the page holds', async () => {
    const summary = await engine.openFile({ kind: 'sample' });
    await killWorker(engine, events);
    const markers = await engine.markerGenes({ group, genes: 5 });
    assert.equal(markers.datasetId, summary.datasetId);
    assert.equal((await engine.getState()).dataset?.datasetId, summary.datasetId);
  });

  /** Trains one epoch on the open data. */
  const train = async () => {
    const finished = new Promise<void>((resolve) => {
      const off = engine.onEvent((e) => {
        if (e.type === 'run-finished' || e.type === 'run-failed') {
          off();
          resolve();
        }
      });
    });
    await engine.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
    await finished;
  };

  test('a reopened session: neighbourhood, markers, projected cells and Save session by the page’s ids', async () => {
    await engine.openFile({ kind: 'sample' });
    await train();
    const projected = await engine.embedFile({ kind: 'sample' });
    const saved = await engine.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: projectionRef(projected),
    });
    const path = join(dir, 'saved.tripletlens');
    writeFileSync(path, saved.bytes);
    const opened = await engine.openSession({ kind: 'path', path });
    assert.equal(opened.inputStatus, 'attached');
    assert.ok(opened.projected, 'the session holds its projected cells');
    const shownProjection = await engine.exportProjected(opened.projected.projectionId);

    await killWorker(engine, events);
    const neighbourhood = await engine.cellNeighbours(0);
    assert.equal(neighbourhood.runId, opened.result.runId, 'the neighbourhood is of the run the page shows');
    const markers = await engine.markerGenes({ group, genes: 5 });
    assert.equal(markers.datasetId, opened.summary.datasetId);
    const state = await engine.getState();
    assert.equal(state.dataset?.datasetId, opened.summary.datasetId);
    assert.equal(state.lastRun?.runId, opened.result.runId);
    assert.equal(state.lastRun?.datasetId, opened.result.datasetId);
    const again = await engine.exportProjected(opened.projected.projectionId);
    assert.equal(again.text, shownProjection.text);
    const resaved = await engine.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: projectionRef(opened.projected),
    });
    assert.ok(resaved.bytes.length > 0);
  });
  test('a re-attached session whose input is back where it was saved: held under the ids of the re-attach', async () => {
    const input = join(dir, 'cells.csv');
    const moved = join(dir, 'moved.csv');
    copyFileSync(samplePath(), input);
    await engine.openFile({ kind: 'path', path: input });
    await train();
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    const path = join(dir, 'moved.tripletlens');
    writeFileSync(path, saved.bytes);
    renameSync(input, moved);
    const opened = await engine.openSession({ kind: 'path', path });
    assert.equal(opened.inputStatus, 'missing');
    const attached = await engine.attachSessionInput({ kind: 'path', path: moved });
    renameSync(moved, input); // the replay finds the input where the session says, and moved.csv is gone

    await killWorker(engine, events);
    const neighbourhood = await engine.cellNeighbours(0);
    assert.equal(neighbourhood.runId, attached.result.runId, 'the run the page shows is held');
    const markers = await engine.markerGenes({ group, genes: 5 });
    assert.equal(markers.datasetId, attached.summary.datasetId);
  });
});
