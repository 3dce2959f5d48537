// The real engine worker killed after the data was loaded: the host's replay reopens it under the ids the page
// holds — the dataset's, a reopened session's run's and its projected cells' — so what a page asks with them
// after the restart (the neighbourhood check, markers, Export projected cells, Save session) is answered for
// the data and map it shows, not refused as of another dataset or run.
import assert from 'node:assert/strict';
import { copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { projectionRef } from '../../src/api/annotate.js';
import { samplePath } from '../../src/util/paths.js';
import { killWorker, realWorker, trainOneEpoch } from './fixtures/real-worker.js';

describe('ids after a crash replay, through the real worker', () => {
  const worker = realWorker('tl-replay-ids-');
  const { engine, dir } = worker;
  const group = Int32Array.from({ length: 20 }, (_, i) => i);

  test('an opened file: markers after the restart are of the dataset the page holds', async () => {
    const summary = await engine.openFile({ kind: 'sample' });
    await killWorker(worker);
    const markers = await engine.markerGenes({ group, genes: 5 });
    assert.equal(markers.datasetId, summary.datasetId);
    assert.equal((await engine.getState()).dataset?.datasetId, summary.datasetId);
  });

  test('a reopened session: neighbourhood, markers, projected cells and Save session by the page’s ids', async () => {
    await engine.openFile({ kind: 'sample' });
    await trainOneEpoch(engine);
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

    await killWorker(worker);
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
    await trainOneEpoch(engine);
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    const path = join(dir, 'moved.tripletlens');
    writeFileSync(path, saved.bytes);
    renameSync(input, moved);
    const opened = await engine.openSession({ kind: 'path', path });
    assert.equal(opened.inputStatus, 'missing');
    const attached = await engine.attachSessionInput({ kind: 'path', path: moved });
    renameSync(moved, input); // the replay finds the input where the session says, and moved.csv is gone

    await killWorker(worker);
    const neighbourhood = await engine.cellNeighbours(0);
    assert.equal(neighbourhood.runId, attached.result.runId, 'the run the page shows is held');
    const markers = await engine.markerGenes({ group, genes: 5 });
    assert.equal(markers.datasetId, attached.summary.datasetId);
  });
});
