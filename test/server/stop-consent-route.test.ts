/**
 * The engine's refusal to stop a run in progress unasked, over HTTP as `tripletlens serve` carries it: pages of
 * one server share the engine, so Open in a second tab cancelled the first tab's run without a word. The
 * refusal reaches the page with the run's id (the EngineErrorInfo field `runId`) for the page to ask its user
 * and call again naming it — a third argument openSession's confinement, set by the server, must keep — with
 * the same upload, which the refusal must not delete.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EngineEvent, EngineRequestMethod } from '../../src/api/engine-api.js';
import { errorFromWire } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { callRoute, type RouteReply } from './fake-engine-server.js';

describe('a call that would stop the run in progress, over HTTP', { timeout: 180_000 }, () => {
  const engine = new EngineSession();
  const base = mkdtempSync(join(tmpdir(), 'tl-stop-consent-'));
  let server: RunningServer;
  let runId = '';

  const call = <T>(method: EngineRequestMethod, args: unknown[]): Promise<RouteReply<T>> =>
    callRoute<T>(server, method, args);

  before(async () => {
    server = await startServer({ engine, port: 0, root: base, staticDir: base });
    const summary = await engine.openFile({ kind: 'sample' });
    const label = summary.suggestedLabel;
    assert.ok(label !== null, 'the sample suggests its label column');
    const progress = new Promise<void>((resolve) => {
      const off = engine.onEvent((e: EngineEvent) => {
        if (e.type === 'train-progress') {
          off();
          resolve();
        }
      });
    });
    // long enough to be running through the calls below (no epoch limit or plateau stop in reach)
    ({ runId } = await engine.startTraining({
      labelColumn: label,
      epochs: 100000,
      patience: 0,
      snapshotEvery: 0,
    }));
    await progress;
  });
  after(async () => {
    await server?.close();
    engine.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  test('openFile is refused with the run’s id, which the page’s transport rebuilds', async () => {
    const reply = await call('openFile', [{ kind: 'sample' }]);
    assert.ok(!reply.ok);
    assert.equal(reply.error.kind, 'busy');
    assert.equal(reply.error.runId, runId);
    assert.match(
      reply.error.message,
      /^Training on .* is running \(epoch \d+ of \d+\)\. Opening .* stops it\.$/,
    );
    const rebuilt = errorFromWire(reply.error);
    assert.equal(rebuilt.runId, runId, 'errorFromWire keeps the run id');
    assert.equal(rebuilt.kind, 'busy');
  });

  test('openSession’s consent passes the server’s confinement: the call goes on to read the file', async () => {
    const junk = { kind: 'upload', name: 'saved.tripletlens', bytes: new Uint8Array(4) };
    const unasked = await call('openSession', [junk]);
    assert.ok(!unasked.ok);
    assert.equal(unasked.error.kind, 'busy', 'refused without the consent');
    const named = await call('openSession', [junk, null, runId]);
    assert.ok(!named.ok);
    // past the refusal, the bytes are read — and are no session: the run is not stopped for a bad file
    assert.equal(named.error.kind, 'import', named.error.message);
    assert.equal((await engine.getState()).activeRunId, runId);
  });

  test('an upload refused so is kept for the call that names the run', async () => {
    const posted = await fetch(`http://127.0.0.1:${server.port}/api/upload?name=meta.csv`, {
      method: 'POST',
      headers: { 'x-tripletlens-token': server.token },
      body: 'id,donor\nno-such-cell,d1\n',
    });
    assert.equal(posted.status, 200);
    const { uploadId } = (await posted.json()) as { uploadId: string };
    const source = { kind: 'uploaded', uploadId, name: 'meta.csv' };
    const unasked = await call('openMetadata', [source]);
    assert.ok(!unasked.ok);
    assert.equal(unasked.error.kind, 'busy');
    const named = await call('openMetadata', [source, {}, runId]);
    assert.ok(!named.ok);
    // read, and refused for what it holds — not "no longer on the server; pick the file again"
    assert.doesNotMatch(named.error.message, /no longer on the server/);
    assert.match(named.error.message, /meta\.csv/);
    assert.equal((await engine.getState()).activeRunId, runId);
  });
});
