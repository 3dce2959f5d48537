// The desktop app's Project another file: the page asks main for its native open dialog (a file, or a Cell
// Ranger folder), main allows the chosen path for the engine and answers with it, and the page's
// embedFile({ kind: 'path' }) then passes the path guard — the engine reads the file itself, no bytes through
// IPC. Before, the page could only send a picked file's bytes (every one of them, in one IPC message).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFileOpener } from '../../electron/file-opener.js';
import { registerEngineIpc } from '../../electron/ipc-handlers.js';
import type { OpenDialogOptions } from '../../electron/open-dialogs.js';
import { createPathGuard } from '../../electron/path-guard.js';
import { registerInputIpc, registerProjectedIpc } from '../../electron/projected-ipc.js';
import { APP_START_URL, isTrustedSender } from '../../electron/security.js';
import { ENGINE_REQUEST_METHODS, type EngineApi } from '../../src/api/engine-api.js';
import { CHOOSE_INPUT_CHANNEL, CHOOSE_PROJECTED_CHANNEL } from '../../src/api/ipc-channels.js';
import { exposedPage, FakeIpc, frame } from './fakes.js';

function setup(answer: { canceled: boolean; filePaths: string[] }) {
  const ipc = new FakeIpc();
  const mainFrame = frame(APP_START_URL);
  const isTrusted = (f: Parameters<typeof isTrustedSender>[0]) => isTrustedSender(f, mainFrame);
  const paths = createPathGuard();
  const embedded: unknown[] = [];
  const attached: unknown[] = [];
  const engine = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((m) => [
      m,
      async (...args: unknown[]) => {
        if (m === 'embedFile') embedded.push(args.length > 2 ? [args[0], args[2]] : args[0]);
        if (m === 'attachSessionInput') attached.push(args[0]);
        if (m === 'exportProjected')
          return { fileName: 'q.projected.csv', mimeType: 'text/csv', text: `${String(args[0])}\n` };
        return { method: m };
      },
    ]),
  ) as unknown as Omit<EngineApi, 'onEvent'>;
  registerEngineIpc(ipc.main, engine, { isTrusted, paths });
  const dialogs: OpenDialogOptions[] = [];
  const recent: string[] = [];
  const opener = createFileOpener({
    showOpenDialog: async (options) => {
      dialogs.push(options);
      return answer;
    },
    showErrorBox: () => undefined,
    addRecentDocument: (path) => void recent.push(path),
    clearRecentDocuments: () => undefined,
    recent: {
      list: () => recent,
      add: async (path) => void recent.push(path),
      remove: async () => undefined,
      clear: async () => undefined,
    },
    paths,
    command: () => undefined,
    refreshMenu: () => undefined,
    platform: 'linux',
  });
  const rejected: string[] = [];
  const unregister = registerProjectedIpc(ipc.main, {
    isTrusted,
    choose: (pick) => opener.chooseProjected(pick),
    onRejected: (reason) => void rejected.push(reason),
  });
  const unregisterInput = registerInputIpc(ipc.main, {
    isTrusted,
    choose: (pick) => opener.chooseInput(pick),
    onRejected: (reason) => void rejected.push(reason),
  });
  return {
    ...exposedPage(ipc, mainFrame),
    ipc,
    mainFrame,
    dialogs,
    recent,
    rejected,
    embedded,
    attached,
    unregister,
    unregisterInput,
  };
}

test('a file chosen in the Project dialog is projected by its path: the engine reads it, the guard allows it', async () => {
  const s = setup({ canceled: false, filePaths: ['/data/sample2.h5ad'] });
  const path = await s.shell.chooseProjected('file');
  assert.equal(path, '/data/sample2.h5ad');
  assert.equal(s.dialogs[0].title, 'Project a file onto the map');
  assert.deepEqual(s.dialogs[0].properties, ['openFile']);
  assert.ok(s.dialogs[0].filters?.[0].extensions.includes('h5ad'));
  assert.deepEqual(await s.api.embedFile({ kind: 'path', path: '/data/sample2.h5ad' }), {
    method: 'embedFile',
  });
  assert.deepEqual(s.embedded, [{ kind: 'path', path: '/data/sample2.h5ad' }]);
  assert.deepEqual(s.recent, [], 'a projected file is not opened as data: not in Recent files');
  // a path nobody chose stays refused
  await assert.rejects(s.api.embedFile({ kind: 'path', path: '/etc/passwd' }), { kind: 'forbidden' });
});

test('a Cell Ranger folder: the folder dialog', async () => {
  const s = setup({ canceled: false, filePaths: ['/data/run2/filtered_feature_bc_matrix'] });
  assert.equal(await s.shell.chooseProjected('folder'), '/data/run2/filtered_feature_bc_matrix');
  assert.deepEqual(s.dialogs[0].properties, ['openDirectory']);
  assert.match(s.dialogs[0].title, /^Project a Cell Ranger output folder/);
  await s.api.embedFile({ kind: 'path', path: '/data/run2/filtered_feature_bc_matrix' });
  assert.equal(s.embedded.length, 1);
});

test('a metadata table joined to the projected cells: its own dialog, and its path passes the guard with the file', async () => {
  const s = setup({ canceled: false, filePaths: ['/data/annotations.csv'] });
  assert.equal(await s.shell.chooseProjected('metadata'), '/data/annotations.csv');
  assert.equal(s.dialogs[0].title, 'Metadata table to join to the projected cells');
  assert.deepEqual(s.dialogs[0].properties, ['openFile']);
  assert.ok(s.dialogs[0].filters?.[0].extensions.includes('tsv'));
  assert.deepEqual(s.recent, [], 'not opened as data: not in Recent files');
  // the projected file itself was chosen in its dialog too (here: the same answer, allowed alike)
  await s.api.embedFile(
    { kind: 'path', path: '/data/annotations.csv' },
    {},
    { kind: 'path', path: '/data/annotations.csv' },
  );
  assert.equal(s.embedded.length, 1);
  // a metadata path nobody chose is refused, though the projected file was chosen
  await assert.rejects(
    s.api.embedFile(
      { kind: 'path', path: '/data/annotations.csv' },
      {},
      { kind: 'path', path: '/etc/passwd' },
    ),
    { kind: 'forbidden' },
  );
  await assert.rejects(
    s.api.embedFile(
      { kind: 'path', path: '/data/annotations.csv' },
      {},
      { kind: 'uploaded', uploadId: 'u1', name: 'a.csv', path: '/tmp/a.csv' },
    ),
    { kind: 'forbidden' },
  );
  assert.equal(s.embedded.length, 1);
});

test('Export projected cells asks the engine by the projection’s id: the CSV comes back as text, no path involved', async () => {
  const s = setup({ canceled: true, filePaths: [] });
  assert.deepEqual(await s.api.exportProjected('projection-7'), {
    fileName: 'q.projected.csv',
    mimeType: 'text/csv',
    text: 'projection-7\n',
  });
});

test('a cancelled dialog answers null and allows nothing', async () => {
  const s = setup({ canceled: true, filePaths: [] });
  assert.equal(await s.shell.chooseProjected('file'), null);
  assert.equal(s.dialogs.length, 1);
});

test('a foreign frame, or a request for anything but a file or folder, gets no dialog', async () => {
  const s = setup({ canceled: false, filePaths: ['/data/sample2.h5ad'] });
  s.ipc.senderFrame = frame('https://evil.example/');
  assert.equal(await s.shell.chooseProjected('file'), null);
  s.ipc.senderFrame = s.mainFrame;
  assert.equal(await s.ipc.renderer.invoke(CHOOSE_PROJECTED_CHANNEL, '/etc'), null);
  assert.equal(s.dialogs.length, 0);
  assert.equal(s.rejected.length, 2, s.rejected.join(' | '));
  await assert.rejects(s.api.embedFile({ kind: 'path', path: '/data/sample2.h5ad' }), {
    kind: 'forbidden',
  });
  s.unregister();
  assert.ok(!s.ipc.handlers.has(CHOOSE_PROJECTED_CHANNEL));
});

// The re-attach of a reopened session's input in the desktop app: the page asks main for the dialog of a file
// or a Cell Ranger folder, and re-attaches the chosen path with attachSessionInput({ kind: 'path' }). Before,
// the page could only read a file's bytes into the page (a folder could not be re-attached at all).
test('a reopened session’s input chosen in its dialog is re-attached by its path: a file or a Cell Ranger folder', async () => {
  const s = setup({ canceled: false, filePaths: ['/data/moved/pbmc.h5ad'] });
  await assert.rejects(s.api.attachSessionInput({ kind: 'path', path: '/data/moved/pbmc.h5ad' }), {
    kind: 'forbidden',
  });
  assert.equal(await s.shell.chooseInput('file'), '/data/moved/pbmc.h5ad');
  assert.equal(s.dialogs[0].title, 'Open the session’s input file again');
  assert.deepEqual(s.dialogs[0].properties, ['openFile']);
  await s.api.attachSessionInput({ kind: 'path', path: '/data/moved/pbmc.h5ad' });
  assert.deepEqual(s.attached, [{ kind: 'path', path: '/data/moved/pbmc.h5ad' }]);
  assert.deepEqual(s.recent, [], 'not opened as new data: not in Recent files');

  const folder = setup({ canceled: false, filePaths: ['/data/run1/filtered_feature_bc_matrix'] });
  assert.equal(await folder.shell.chooseInput('folder'), '/data/run1/filtered_feature_bc_matrix');
  assert.deepEqual(folder.dialogs[0].properties, ['openDirectory']);
  assert.match(folder.dialogs[0].title, /^Open the session’s input again: its Cell Ranger output folder/);
  await folder.api.attachSessionInput({ kind: 'path', path: '/data/run1/filtered_feature_bc_matrix' });
  assert.equal(folder.attached.length, 1);
});

test('the input dialog: a foreign frame or a pick other than a file or folder gets none; cancelled allows nothing', async () => {
  const s = setup({ canceled: false, filePaths: ['/data/moved/pbmc.h5ad'] });
  s.ipc.senderFrame = frame('https://evil.example/');
  assert.equal(await s.shell.chooseInput('file'), null);
  s.ipc.senderFrame = s.mainFrame;
  assert.equal(await s.ipc.renderer.invoke(CHOOSE_INPUT_CHANNEL, 'metadata'), null);
  assert.equal(await s.ipc.renderer.invoke(CHOOSE_INPUT_CHANNEL, '/etc'), null);
  assert.equal(s.dialogs.length, 0);
  assert.equal(s.rejected.length, 3, s.rejected.join(' | '));
  await assert.rejects(s.api.attachSessionInput({ kind: 'path', path: '/data/moved/pbmc.h5ad' }), {
    kind: 'forbidden',
  });
  const cancelled = setup({ canceled: true, filePaths: [] });
  assert.equal(await cancelled.shell.chooseInput('folder'), null);
  s.unregisterInput();
  assert.ok(!s.ipc.handlers.has(CHOOSE_INPUT_CHANNEL));
});
