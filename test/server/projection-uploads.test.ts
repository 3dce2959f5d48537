// How long serve keeps a file uploaded for Explore ▸ Project another file (and the metadata file joined to its
// cells): while the projection it made is live — a crashed engine worker's replay projects it again — and not
// a moment longer: the next projection, other data opened, metadata joined, a finished run, a crash that did
// not bring the cells back, or the page removing them deletes it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import type { EngineApi, EngineEvent, EngineEventListener, FileSource } from '../../src/api/engine-api.js';
import { projectionEnded, releaseEndedProjections } from '../../src/server/projection-uploads.js';
import { UploadStore } from '../../src/server/upload-store.js';
import { eventually } from './eventually.js';

/** A request carrying `text`, as the page's upload sends a file. */
function request(text: string): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(text)]), {
    headers: {},
    setTimeout: () => undefined,
  }) as unknown as IncomingMessage;
}

describe('a projected upload lives as long as its projection', () => {
  const parent = mkdtempSync(join(tmpdir(), 'tl-projection-uploads-'));
  const store = new UploadStore({ parentDir: parent, reserveBytes: 0 });
  after(async () => {
    await store.close();
    rmSync(parent, { recursive: true, force: true });
  });

  /** Uploads `name`; its source as the engine gets it, and its temporary path. */
  const upload = async (name: string) => {
    const { uploadId } = await store.receive(request('id,g1\nc1,1\n'), name);
    const source: FileSource = { kind: 'uploaded', uploadId, name };
    const path = store.paths().find((p) => p.includes(uploadId)) ?? '';
    assert.ok(existsSync(path), name);
    return { source, path };
  };
  /** Projects an uploaded file with an uploaded metadata file, as the API route settles the call. */
  const project = async (projectionId: string) => {
    const file = await upload('query.csv');
    const meta = await upload('query_meta.csv');
    await store.settle('embedFile', file.source, true, [meta.source], projectionId);
    return [file.path, meta.path];
  };
  const exist = (paths: string[]) => paths.map((p) => existsSync(p));

  test('kept once projected, with its metadata file; deleted when the next projection replaces it', async () => {
    const first = await project('projection-1');
    assert.deepEqual(exist(first), [true, true], 'a crash replay can read them again');
    const second = await project('projection-2');
    assert.deepEqual(exist(first), [false, false], 'the engine holds one projection');
    assert.deepEqual(exist(second), [true, true]);
    await store.settle('embedFile', { kind: 'path', path: '/data/other.csv' }, true, [], 'projection-3');
    assert.deepEqual(exist(second), [false, false], 'replaced by a projection from a path');
  });

  test('a failed projection keeps nothing of its own and leaves the live one be', async () => {
    const live = await project('projection-4');
    const failed = await upload('broken.csv');
    await store.settle('embedFile', failed.source, false);
    assert.equal(existsSync(failed.path), false);
    assert.deepEqual(exist(live), [true, true]);
  });

  test('deleted when other data is opened, a session too, or a metadata file is joined', async () => {
    for (const method of ['openFile', 'openSession', 'openMetadata'] as const) {
      const live = await project(`projection-${method}`);
      const data = await upload('other.csv');
      await store.settle(method, data.source, true);
      assert.deepEqual(exist(live), [false, false], method);
    }
  });

  test('kept when the session’s input is re-attached (the engine keeps the projection)', async () => {
    const live = await project('projection-5');
    const input = await upload('input.csv');
    await store.settle('attachSessionInput', input.source, true);
    assert.deepEqual(exist(live), [true, true]);
  });

  test('deleted when the page removes the cells — only those of the projection it names', async () => {
    const live = await project('projection-6');
    assert.equal(await store.releaseProjection('projection-5'), false, 'not the live projection');
    assert.deepEqual(exist(live), [true, true]);
    assert.equal(await store.releaseProjection('projection-6'), true);
    assert.deepEqual(exist(live), [false, false]);
    assert.equal(await store.releaseProjection('projection-6'), false, 'once');
  });

  test('deleted on the engine events that end the projection: a finished run, a crash that lost it', async () => {
    const listeners = new Set<EngineEventListener>();
    const engine = {
      onEvent: (listener: EngineEventListener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    } as unknown as EngineApi;
    const errors: unknown[] = [];
    const stop = releaseEndedProjections(engine, store, (err) => errors.push(err));
    const announce = (event: EngineEvent) => {
      for (const listener of listeners) listener(event);
    };
    // the deletion runs after the event: waited for
    const gone = (paths: string[], what: string) => eventually(() => exist(paths).every((e) => !e), what);
    const crash = (lostProjection?: string): EngineEvent => ({
      type: 'worker-exit',
      message: 'The engine process stopped',
      code: null,
      signal: 'SIGKILL',
      ...(lostProjection === undefined ? {} : { lostProjection }),
    });
    let live = await project('projection-7');
    // a crash that keeps the cells (a session's map, which the replay brings back) ends no projection
    assert.equal(projectionEnded(crash()), undefined);
    announce(crash());
    assert.deepEqual(exist(live), [true, true], 'the replay reads them again');
    announce(crash('projection-7'));
    await gone(live, 'a crash that lost them');
    live = await project('projection-8');
    announce({ type: 'replay-incomplete', message: 'not all', projectionId: 'projection-8' });
    await gone(live, 'a replay that could not project them again');
    live = await project('projection-9');
    const stage: EngineEvent = { type: 'train-stage', runId: 'r', stage: 'train' };
    assert.equal(projectionEnded(stage), undefined);
    announce({ type: 'run-finished', result: {} } as EngineEvent);
    await gone(live, 'a finished run replaced the map they were on');
    stop();
    assert.equal(listeners.size, 0);
    assert.deepEqual(errors, []);
  });
});
