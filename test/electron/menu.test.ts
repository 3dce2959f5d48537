import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aboutDetail } from '../../electron/about.js';
import { buildMenuTemplate, type MenuActions, type MenuItem } from '../../electron/menu.js';

function recordingActions() {
  const called: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void called.push([name, ...args].join(' '));
  const actions: MenuActions = {
    open: record('open'),
    openFolder: record('openFolder'),
    openSample: record('openSample'),
    openMetadata: record('openMetadata'),
    openRecent: record('openRecent'),
    clearRecent: record('clearRecent'),
    exportCoordinates: record('exportCoordinates'),
    exportFigure: record('exportFigure'),
    saveSession: record('saveSession'),
    openSession: record('openSession'),
    undo: record('undo'),
    redo: record('redo'),
    about: record('about'),
    quit: record('quit'),
  };
  return { actions, called };
}

const find = (items: MenuItem[] | undefined, label: string) => items?.find((i) => i.label === label);

test('File holds every required item, each wired to its action; Help holds About', () => {
  const { actions, called } = recordingActions();
  const template = buildMenuTemplate(actions, ['/data/pbmc.csv'], 'linux');
  const file = find(template, '&File')?.submenu;
  const labels = file?.filter((i) => i.label).map((i) => i.label);
  assert.deepEqual(labels, [
    'Open…',
    'Open 10x folder…',
    'Open sample',
    'Open metadata…',
    'Recent files',
    'Save Session…',
    'Open Session…',
    'Export coordinates…',
    'Export figure…',
    'Quit',
  ]);
  for (const label of [
    'Open…',
    'Open 10x folder…',
    'Open sample',
    'Open metadata…',
    'Export coordinates…',
    'Export figure…',
    'Quit',
  ]) {
    find(file, label)?.click?.();
  }
  const recent = find(file, 'Recent files')?.submenu ?? [];
  recent[0].click?.();
  find(recent, 'Clear recent files')?.click?.();
  find(find(template, '&Help')?.submenu, 'About TripletLens')?.click?.();
  assert.deepEqual(called, [
    'open',
    'openFolder',
    'openSample',
    'openMetadata',
    'exportCoordinates',
    'exportFigure',
    'quit',
    'openRecent /data/pbmc.csv',
    'clearRecent',
    'about',
  ]);
  assert.equal(template[0].label, '&File', 'no macOS app menu on Linux');
  assert.equal(buildMenuTemplate(actions, [], 'darwin')[0].role, 'appMenu');
});

test('Recent files names folders as folders and opens them like files', () => {
  const { actions, called } = recordingActions();
  const folder = '/runs/sample1/filtered_feature_bc_matrix';
  const template = buildMenuTemplate(actions, [folder, '/data/a.h5ad'], 'linux', (p) => p === folder);
  const recent = find(find(template, '&File')?.submenu, 'Recent files')?.submenu ?? [];
  assert.equal(recent[0].label, `filtered_feature_bc_matrix (folder) — ${folder}`);
  assert.equal(recent[1].label, 'a.h5ad — /data/a.h5ad');
  recent[0].click?.();
  assert.deepEqual(called, [`openRecent ${folder}`]);
});

test('an empty recent list shows a disabled placeholder', () => {
  const template = buildMenuTemplate(recordingActions().actions, [], 'win32');
  const recent = find(find(template, '&File')?.submenu, 'Recent files')?.submenu;
  assert.deepEqual(recent, [{ label: 'No recent files', enabled: false }]);
});

test('About names the app, Electron, tfjs and the backend in use', () => {
  const detail = aboutDetail({
    appVersion: '0.1.0',
    electron: '41.7.1',
    chrome: '140.0',
    node: '22.1.0',
    tfjs: '4.22.0',
    backend: {
      backend: 'wasm',
      reason: 'tfjs-node is not installed',
      attempts: [],
      versions: {},
      threads: 2,
      simd: true,
      nativeHint: 'npm install @tensorflow/tfjs-node for native speed',
    },
  });
  assert.match(detail, /TripletLens 0\.1\.0/);
  assert.match(detail, /Electron 41\.7\.1/);
  assert.match(detail, /TensorFlow\.js 4\.22\.0/);
  assert.match(detail, /Backend: wasm \(SIMD\), 2 threads — tfjs-node is not installed/);
  assert.match(detail, /tfjs-node for native speed/);
  assert.match(
    aboutDetail({
      appVersion: '1',
      electron: 'e',
      chrome: 'c',
      node: 'n',
      tfjs: 't',
      backend: { error: 'worker died' },
    }),
    /Backend: unknown \(worker died\)/,
  );
});

test('File has Save/Open Session with their shortcuts; Edit has Undo/Redo for label edits and selections', () => {
  const { actions, called } = recordingActions();
  const template = buildMenuTemplate(actions, [], 'linux');
  const file = find(template, '&File')?.submenu;
  assert.equal(find(file, 'Save Session…')?.accelerator, 'CmdOrCtrl+S');
  assert.equal(find(file, 'Open Session…')?.accelerator, 'CmdOrCtrl+Shift+O');
  const accelerators = (file ?? []).map((i) => i.accelerator).filter(Boolean);
  assert.equal(new Set(accelerators).size, accelerators.length, 'no shortcut is used twice');
  const edit = find(template, '&Edit')?.submenu;
  assert.equal(find(edit, 'Undo')?.accelerator, 'CmdOrCtrl+Z');
  assert.equal(find(edit, 'Redo')?.accelerator, 'CmdOrCtrl+Shift+Z');
  assert.deepEqual(
    edit?.filter((i) => i.role).map((i) => i.role),
    ['cut', 'copy', 'paste', 'selectAll'],
  );
  find(file, 'Save Session…')?.click?.();
  find(file, 'Open Session…')?.click?.();
  find(edit, 'Undo')?.click?.();
  find(edit, 'Redo')?.click?.();
  assert.deepEqual(called, ['saveSession', 'openSession', 'undo', 'redo']);
});
