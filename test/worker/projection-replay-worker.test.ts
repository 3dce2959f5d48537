// The real engine worker killed after Explore ▸ Project another file: a projection onto a reopened session's
// map (which the replay brings back) is projected again under the id the page holds, so Export projected
// cells and Save session with them work after the restart — or, when its file is gone since, the replay says
// so naming its id; a projection onto a freshly trained map (which the replay cannot bring back) is said lost
// in the crash notice. A file uploaded to serve is projected again from the copy serve keeps while the cells
// are shown, and forgotten without a word once serve let it go (the page removed them).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { projectionRef } from '../../src/api/annotate.js';
import { UPLOAD_FOLDER_PREFIX } from '../../src/api/upload-folder.js';
import { samplePath } from '../../src/util/paths.js';
import { killWorker, realWorker, trainOneEpoch } from './fixtures/real-worker.js';

describe('projected cells after a crash, through the real worker', () => {
  const worker = realWorker('tl-projection-replay-');
  const { engine, events, dir } = worker;

  test('projected onto a reopened session’s map: projected again, exported and saved by the page’s id', async () => {
    await engine.openFile({ kind: 'sample' });
    await trainOneEpoch(engine);
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    const path = join(dir, 'saved.tripletlens');
    writeFileSync(path, saved.bytes);
    const opened = await engine.openSession({ kind: 'path', path });
    assert.equal(opened.inputStatus, 'attached');
    const projected = await engine.embedFile({ kind: 'sample' }, { decimal: '.' });
    const shown = await engine.exportProjected(projected.projectionId);

    const crash = await killWorker(worker);
    const exit = crash.find((e) => e.type === 'worker-exit');
    assert.ok(exit?.type === 'worker-exit');
    assert.doesNotMatch(exit.message, /projected/, 'nothing is said lost');
    const again = await engine.exportProjected(projected.projectionId);
    assert.equal(again.text, shown.text);
    const resaved = await engine.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: projectionRef(projected),
    });
    assert.ok(resaved.bytes.length > saved.bytes.length, 'saved with the projected cells');
  });

  test('projected onto a freshly trained map: the crash notice says the projected rows are lost too', async () => {
    await engine.openFile({ kind: 'sample' });
    await trainOneEpoch(engine);
    const projected = await engine.embedFile({ kind: 'sample' });
    const crash = await killWorker(worker);
    const exits = crash.filter((e) => e.type === 'worker-exit');
    assert.equal(exits.length, 1);
    const exit = exits[0];
    assert.ok(exit.type === 'worker-exit');
    assert.match(exit.message, /The projected rows \(the sample\) are lost too: project the file again\./);
    assert.equal(exit.lostProjection, projected.projectionId, 'named for the page to drop them');
    // the map it was projected onto is said lost, once
    const discarded = crash.filter((e) => e.type === 'run-discarded');
    assert.equal(discarded.length, 1);
    // the fresh worker is not asked to project onto a map it does not hold
    await assert.rejects(engine.exportProjected(projected.projectionId), /no longer held/);
  });

  test('projected from a file gone since: the session comes back, the projection is said lost by its id', async () => {
    await engine.openFile({ kind: 'sample' });
    await trainOneEpoch(engine);
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    const path = join(dir, 'gone.tripletlens');
    writeFileSync(path, saved.bytes);
    const opened = await engine.openSession({ kind: 'path', path });
    const query = join(dir, 'query.csv');
    copyFileSync(samplePath(), query);
    const projected = await engine.embedFile({ kind: 'path', path: query });
    await killWorker(worker);
    rmSync(query);

    const seen = events.length;
    const coordinates = await engine.exportCoordinates();
    assert.ok(coordinates.text.length > 0, 'the session’s map is back');
    const said = events.slice(seen).filter((e) => e.type === 'replay-incomplete');
    assert.equal(said.length, 1);
    assert.ok(said[0].type === 'replay-incomplete');
    assert.equal(said[0].projectionId, projected.projectionId);
    assert.match(
      said[0].message,
      /the projected rows \(query\.csv\) could not be projected again: .*query\.csv/,
    );
    assert.deepEqual(
      events.slice(seen).filter((e) => e.type === 'run-discarded'),
      [],
      'the map is not said lost',
    );
    assert.equal((await engine.getState()).lastRun?.runId, opened.result.runId);
    await assert.rejects(engine.exportProjected(projected.projectionId), /no longer held/);
  });

  test('projected from a file uploaded to serve (kept while shown): projected again; once let go, forgotten unsaid', async () => {
    await engine.openFile({ kind: 'sample' });
    await trainOneEpoch(engine);
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    const path = join(dir, 'uploaded.tripletlens');
    writeFileSync(path, saved.bytes);
    await engine.openSession({ kind: 'path', path });
    // serve's temporary copy of the upload, where its server keeps one, as it hands it to the engine
    const folder = join(dir, `${UPLOAD_FOLDER_PREFIX}test`, 'u1');
    mkdirSync(folder, { recursive: true });
    const copy = join(folder, 'query.csv');
    copyFileSync(samplePath(), copy);
    const projected = await engine.embedFile({
      kind: 'uploaded',
      uploadId: 'u1',
      name: 'query.csv',
      path: copy,
    });
    const shown = await engine.exportProjected(projected.projectionId);
    const crash = await killWorker(worker);
    const exit = crash.find((e) => e.type === 'worker-exit');
    assert.ok(exit?.type === 'worker-exit');
    assert.match(exit.message, /will be reopened with its map/);
    assert.doesNotMatch(exit.message, /projected/, 'nothing is said lost');
    assert.equal(exit.lostProjection, undefined);
    let seen = events.length;
    const again = await engine.exportProjected(projected.projectionId);
    assert.equal(again.text, shown.text, 'projected again from the upload serve kept');
    assert.deepEqual(
      events.slice(seen).filter((e) => e.type === 'replay-incomplete'),
      [],
      'all of it came back',
    );

    // the page removed the cells and serve deleted their upload: no page shows them, nothing is said
    rmSync(folder, { recursive: true });
    const second = await killWorker(worker);
    const secondExit = second.find((e) => e.type === 'worker-exit');
    assert.ok(secondExit?.type === 'worker-exit');
    assert.doesNotMatch(secondExit.message, /projected/);
    assert.equal(secondExit.lostProjection, undefined);
    seen = events.length;
    await engine.exportCoordinates();
    assert.deepEqual(
      events.slice(seen).filter((e) => e.type === 'replay-incomplete'),
      [],
      'not said lost: the page removed them',
    );
    await assert.rejects(engine.exportProjected(projected.projectionId), /no longer held/);
  });
});
