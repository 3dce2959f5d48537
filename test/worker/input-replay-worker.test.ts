// The real engine worker killed while a reopened session's input was loaded, the input gone before the replay:
// the session and its map come back, its input does not — and the host says so (replay-incomplete, naming the
// session's run) in the words the replay's caller also gets, rather than leaving pages to show the dataset
// as loaded, or calling the map lost. A session shown without its input before the crash is not said anew.
import assert from 'node:assert/strict';
import { copyFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { samplePath } from '../../src/util/paths.js';
import { killWorker, realWorker, trainOneEpoch } from './fixtures/real-worker.js';

describe('a session’s input gone by the replay, through the real worker', () => {
  const worker = realWorker('tl-input-replay-');
  const { engine, events, dir } = worker;

  /** Trains one epoch on `input` and saves the session as `name`; returns the session's path. */
  const trainAndSave = async (input: string, name: string): Promise<string> => {
    copyFileSync(samplePath(), input);
    await engine.openFile({ kind: 'path', path: input });
    await trainOneEpoch(engine);
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    const path = join(dir, name);
    writeFileSync(path, saved.bytes);
    return path;
  };

  /** The events of the next call after a crash (which runs the replay), and its error. */
  const nextCall = async (): Promise<{ said: EngineEvent[]; error: string }> => {
    const seen = events.length;
    const error = await engine.exportCoordinates().then(
      () => '',
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    return { said: events.slice(seen), error };
  };

  test('a re-attached input that cannot be re-attached again: the session’s input is said not loaded', async () => {
    const input = join(dir, 'cells.csv');
    const path = await trainAndSave(input, 'moved.tripletlens');
    const moved = join(dir, 'moved.csv');
    renameSync(input, moved);
    const opened = await engine.openSession({ kind: 'path', path });
    assert.equal(opened.inputStatus, 'missing');
    const attached = await engine.attachSessionInput({ kind: 'path', path: moved });
    await killWorker(worker);
    rmSync(moved);

    const { said, error } = await nextCall();
    assert.match(
      error,
      /session \(moved\.tripletlens\) was reopened with its map, but its input \(moved\.csv\)/,
    );
    // the re-attached file is gone: said so by its path, not as a file whose content differs (never compared)
    assert.ok(error.includes(`could not be re-attached: ${moved} was not found`), error);
    assert.doesNotMatch(error, /content differs|SHA-256/);
    const incomplete = said.filter((e) => e.type === 'replay-incomplete');
    assert.equal(incomplete.length, 1);
    assert.ok(incomplete[0].type === 'replay-incomplete');
    assert.equal(incomplete[0].detachedRunId, attached.result.runId);
    assert.equal(incomplete[0].message, error, 'one sentence, for the notice and the caller alike');
    assert.deepEqual(
      said.filter((e) => e.type === 'run-discarded'),
      [],
      'the map is back',
    );
    const state = await engine.getState();
    assert.equal(state.dataset, null, 'no data is loaded');
    assert.equal(state.lastRun?.runId, attached.result.runId);
  });

  test('a session that found its input, gone since: said not loaded; a session shown without it: nothing new', async () => {
    const input = join(dir, 'found.csv');
    const path = await trainAndSave(input, 'found.tripletlens');
    const opened = await engine.openSession({ kind: 'path', path });
    assert.equal(opened.inputStatus, 'attached');
    await killWorker(worker);
    rmSync(input);

    const { said, error } = await nextCall();
    assert.match(error, /session \(found\.tripletlens\) was reopened with its map, but its input/);
    const incomplete = said.find((e) => e.type === 'replay-incomplete');
    assert.ok(incomplete?.type === 'replay-incomplete');
    assert.equal(incomplete.detachedRunId, opened.result.runId);

    // shown without its input from then on: a later crash reopens it as it was, and says nothing new
    await killWorker(worker);
    const again = await nextCall();
    assert.deepEqual(
      again.said.filter((e) => e.type === 'replay-incomplete' || e.type === 'run-discarded'),
      [],
    );
  });
});
