// The desktop app's AnnData export: the page asks main for a save dialog, main allows the chosen path for
// the engine and answers with it, and the page's exportAnnData(labels, { kind: 'path' }) then passes the path
// guard — the engine writes the file there itself, no bytes through IPC. Before, the whole file crossed the
// worker, main and the page as bytes and was saved from a Blob.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { registerEngineIpc } from '../../electron/ipc-handlers.js';
import { createPathGuard } from '../../electron/path-guard.js';
import { registerSaveIpc, type SaveDialogOptions } from '../../electron/save-ipc.js';
import { APP_START_URL, isTrustedSender } from '../../electron/security.js';
import { ENGINE_REQUEST_METHODS, type EngineApi } from '../../src/api/engine-api.js';
import { CHOOSE_SAVE_CHANNEL } from '../../src/api/ipc-channels.js';
import { FAKE_H5AD_BYTES, FakeEngine } from '../worker/fixtures/fake-engine.js';
import { exposedPage, FakeIpc, frame } from './fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'tl-save-ipc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function setup(answer: { canceled: boolean; filePath?: string }) {
  const ipc = new FakeIpc();
  const mainFrame = frame(APP_START_URL);
  const isTrusted = (f: Parameters<typeof isTrustedSender>[0]) => isTrustedSender(f, mainFrame);
  const paths = createPathGuard();
  const engine = new FakeEngine();
  // main calls each method on its own, as the worker engine's closures allow
  const bound = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((m) => [m, (engine[m] as (...a: unknown[]) => unknown).bind(engine)]),
  ) as unknown as Omit<EngineApi, 'onEvent'>;
  registerEngineIpc(ipc.main, bound, { isTrusted, paths });
  const dialogs: SaveDialogOptions[] = [];
  const rejected: string[] = [];
  const unregister = registerSaveIpc(ipc.main, {
    isTrusted,
    showSaveDialog: async (options) => {
      dialogs.push(options);
      return answer;
    },
    defaultFolder: () => '/home/me/Documents',
    paths,
    onRejected: (reason) => void rejected.push(reason),
  });
  return {
    ...exposedPage(ipc, mainFrame),
    ipc,
    mainFrame,
    engine,
    dialogs,
    rejected,
    unregister,
  };
}

test('the save dialog’s path is where the engine writes the .h5ad: only its name and size cross IPC', async () => {
  const chosen = join(dir, 'atlas.tripletlens.h5ad');
  const s = setup({ canceled: false, filePath: chosen });
  const path = await s.shell.chooseSavePath('atlas.tripletlens.h5ad');
  assert.equal(path, chosen);
  assert.deepEqual(s.dialogs, [
    {
      title: 'Save',
      defaultPath: join('/home/me/Documents', 'atlas.tripletlens.h5ad'),
      filters: [
        { name: 'AnnData (scanpy, cellxgene)', extensions: ['h5ad'] },
        { name: 'All files', extensions: ['*'] },
      ],
    },
  ]);
  const edited = {
    column: 'label_edited',
    source: 'label',
    categories: ['a'],
    codes: Int32Array.from([0, -1]),
  };
  const written = await s.api.exportAnnData(edited, { kind: 'path', path: chosen });
  assert.deepEqual(written, {
    kind: 'path',
    path: chosen,
    fileName: 'result.h5ad',
    mimeType: 'application/x-hdf5',
    bytes: FAKE_H5AD_BYTES.length,
  });
  assert.deepEqual(new Uint8Array(readFileSync(chosen)), FAKE_H5AD_BYTES);
  assert.deepEqual(s.engine.calls.at(-1), {
    method: 'exportAnnData',
    args: [edited, { kind: 'path', path: chosen }],
  });
});

test('a path nobody chose in the dialog is refused before the engine sees it', async () => {
  const s = setup({ canceled: true });
  assert.equal(await s.shell.chooseSavePath('atlas.tripletlens.h5ad'), null, 'cancelled');
  const elsewhere = join(dir, 'not-chosen.h5ad');
  await assert.rejects(s.api.exportAnnData(null, { kind: 'path', path: elsewhere }), {
    kind: 'forbidden',
  });
  assert.equal(existsSync(elsewhere), false);
  assert.deepEqual(s.engine.calls, []);
});

test('a foreign frame, or a name with folders in it, gets no dialog', async () => {
  const s = setup({ canceled: false, filePath: join(dir, 'x.h5ad') });
  s.ipc.senderFrame = frame('https://evil.example/');
  assert.equal(await s.shell.chooseSavePath('x.h5ad'), null);
  s.ipc.senderFrame = s.mainFrame;
  for (const name of ['../../.bashrc', '/etc/passwd', 'a\\b.h5ad', '', 42, 'x\u0000.h5ad']) {
    assert.equal(await s.ipc.renderer.invoke(CHOOSE_SAVE_CHANNEL, name), null, String(name));
  }
  assert.equal(s.dialogs.length, 0);
  assert.equal(s.rejected.length, 7, s.rejected.join(' | '));
  await assert.rejects(s.api.exportAnnData(null, { kind: 'path', path: join(dir, 'x.h5ad') }), {
    kind: 'forbidden',
  });
  s.unregister();
  assert.ok(!s.ipc.handlers.has(CHOOSE_SAVE_CHANNEL));
});
