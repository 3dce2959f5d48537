/** The UI benchmark's synthetic engine reaches the page the way the Electron preload's bridge does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asPreloadBridge, createFakeEngine } from '../../bench/lib/fake-engine.js';
import { createIpcEngine } from '../../renderer/transport/ipc-engine.js';
import { EngineError } from '../../src/api/errors.js';

test('asPreloadBridge: values and typed errors come through the page’s IPC transport', async () => {
  const page = createIpcEngine(asPreloadBridge(createFakeEngine({ cells: 40 })));
  const summary = await page.openFile({ kind: 'sample' });
  assert.equal(summary.rows, 40);
  await assert.rejects(
    page.openFile({ kind: 'upload', name: 'bad.csv', bytes: new Uint8Array(1) }),
    (err: unknown) =>
      err instanceof EngineError && err.kind === 'import' && /line 3, column 2/.test(err.message),
  );
});
