/**
 * startApp (electron/app.ts) wired to a fake Electron: the order of setup, the window, the protocol, the
 * menu, the dialogs and the IPC as the real app would use them — with the real built worker behind a
 * fork-based utilityProcess.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startApp, type ElectronMain } from '../../electron/app.js';
import {
  CHOOSE_INPUT_CHANNEL,
  CHOOSE_PROJECTED_CHANNEL,
  CHOOSE_SAVE_CHANNEL,
  DROP_CHANNEL,
  EVENT_CHANNEL,
  INVOKE_CHANNELS,
  MENU_CHANNEL,
  type InvokeOutcome,
} from '../../src/api/ipc-channels.js';
import type { MenuItem } from '../../electron/menu.js';
import type { OpenDialogOptions } from '../../electron/open-dialogs.js';
import type { SaveDialogOptions } from '../../electron/save-ipc.js';
import { APP_START_URL } from '../../electron/security.js';
import type { WindowOptions } from '../../electron/window.js';
import { ENGINE_REQUEST_METHODS } from '../../src/api/engine-api.js';
import { samplePath } from '../../src/util/paths.js';
import { FakeIpc, forkUtilityProcess } from './fakes.js';

const userData = mkdtempSync(join(tmpdir(), 'tl-app-user-'));
after(() => rmSync(userData, { recursive: true, force: true }));

class FakeWebContents extends EventEmitter {
  reloads = 0;
  reload() {
    this.reloads++;
  }
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly mainFrame = { url: APP_START_URL, parent: null };
  openHandler: unknown = null;
  setWindowOpenHandler(handler: unknown) {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

function fakeElectron() {
  const log: string[] = [];
  const ipc = new FakeIpc();
  const appEvents = new EventEmitter();
  const sessionEvents = new EventEmitter();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const windows: FakeWindow[] = [];
  let menu: MenuItem[] = [];
  let protocolHandler: ((request: { url: string }) => Promise<Response>) | null = null;
  const dialogAnswers: string[][] = [];
  const dialogOptions: OpenDialogOptions[] = [];
  const saveAnswers: string[] = [];
  const saveOptions: SaveDialogOptions[] = [];
  const recentDocuments: string[] = [];
  const utilityProcess = forkUtilityProcess();

  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loaded = '';
    constructor(readonly options: WindowOptions) {
      super();
      log.push('new BrowserWindow');
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    focus() {
      log.push('focus');
    }
    show() {}
    async loadURL(url: string) {
      this.loaded = url;
    }
  }

  const electron = {
    app: {
      on: (event: string, listener: (...a: unknown[]) => void) => appEvents.on(event, listener),
      whenReady: () => ready,
      enableSandbox: () => log.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        log.push('singleInstance');
        return true;
      },
      getPath: (name: string) => (name === 'userData' ? userData : join(userData, name)),
      addRecentDocument: (path: string) => recentDocuments.push(path),
      clearRecentDocuments: () => recentDocuments.splice(0),
      quit: () => log.push('quit'),
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        dialogOptions.push(args.at(-1) as OpenDialogOptions);
        const filePaths = dialogAnswers.shift() ?? [];
        return { canceled: filePaths.length === 0, filePaths };
      },
      showSaveDialog: async (...args: unknown[]) => {
        saveOptions.push(args.at(-1) as SaveDialogOptions);
        const filePath = saveAnswers.shift();
        return { canceled: filePath === undefined, ...(filePath ? { filePath } : {}) };
      },
      showErrorBox: (title: string) => log.push(`error box: ${title}`),
      showMessageBox: async () => ({ response: 0 }),
    },
    ipcMain: ipc.main,
    Menu: {
      buildFromTemplate: (template: MenuItem[]) => template,
      setApplicationMenu: (m: MenuItem[]) => {
        menu = m;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) =>
        log.push(
          `privileged ${schemes.map((s) => `${s.scheme}:${s.privileges.standard && s.privileges.secure}`)}`,
        ),
      handle: (scheme: string, handler: typeof protocolHandler) => {
        log.push(`handle ${scheme}`);
        protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (c: unknown, p: string, cb: (ok: boolean) => void) => void) => {
          h(null, 'media', (ok) => log.push(`permission media ${ok}`));
        },
        setPermissionCheckHandler: () => undefined,
        on: (event: string, listener: (...a: unknown[]) => void) => sessionEvents.on(event, listener),
      },
    },
    utilityProcess,
  };
  return {
    electron: electron as unknown as ElectronMain,
    log,
    ipc,
    appEvents,
    ready: markReady,
    windows,
    menu: () => menu,
    protocol: () => protocolHandler,
    dialogAnswers,
    dialogOptions,
    saveAnswers,
    saveOptions,
    recentDocuments,
    sessionEvents,
    utilityProcess,
  };
}

const fileMenu = (menu: MenuItem[]) => menu.find((m) => m.label === '&File')?.submenu ?? [];
const click = (menu: MenuItem[], label: string) =>
  fileMenu(menu)
    .find((m) => m.label === label)
    ?.click?.();
/** A short wait for what should not happen (a refused drop sends no command). */
const settle = () => new Promise((r) => setTimeout(r, 50));
/**
 * Waits until `ok()` holds: a menu action awaits its dialog and the file checks before it sends the page its
 * command, which on a loaded machine takes longer than any fixed wait (a 50 ms one failed CI at load 11).
 */
const until = async (what: string, ok: () => boolean, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const menuCommands = (sent: { channel: string; payload: unknown }[]) =>
  sent.filter((s) => s.channel === MENU_CHANNEL).map((s) => s.payload);

test('startApp: scheme before ready, then a secure window on app://, IPC, menu, dialogs and recent files', async () => {
  const fake = fakeElectron();
  const running = startApp(fake.electron);
  assert.deepEqual(
    fake.log,
    ['privileged app:true', 'enableSandbox', 'singleInstance'],
    'scheme registered before ready',
  );
  assert.equal(fake.windows.length, 0);
  fake.ready();
  await running.started;
  try {
    assert.ok(fake.log.includes('handle app'));
    assert.ok(fake.log.includes('permission media false'), 'permissions refused');
    const [win] = fake.windows;
    assert.equal(fake.windows.length, 1);
    assert.equal(win.loaded, APP_START_URL);
    assert.equal(win.options.webPreferences.sandbox, true);
    assert.equal(win.options.webPreferences.contextIsolation, true);
    assert.match(win.options.webPreferences.preload, /dist[\\/]electron[\\/]preload\.cjs$/);
    assert.equal(win.webContents.listenerCount('will-navigate'), 1, 'hardened once although both hooks ran');

    // the page itself is served by the protocol handler, with the CSP
    const page = await fake.protocol()?.({ url: APP_START_URL });
    assert.equal(page?.status, 200);
    assert.match(page?.headers.get('content-security-policy') ?? '', /default-src 'none'/);

    // every EngineApi method has a handler, and the Project, input and save dialogs have one; the main window's frame is trusted
    assert.deepEqual(
      [...fake.ipc.handlers.keys()].sort(),
      [
        ...ENGINE_REQUEST_METHODS.map((m) => INVOKE_CHANNELS[m]),
        CHOOSE_PROJECTED_CHANNEL,
        CHOOSE_INPUT_CHANNEL,
        CHOOSE_SAVE_CHANNEL,
      ].sort(),
    );
    const invoke = async (method: keyof typeof INVOKE_CHANNELS, frame: unknown, ...args: unknown[]) =>
      (await fake.ipc.handlers.get(INVOKE_CHANNELS[method])?.(
        { senderFrame: frame as never },
        ...args,
      )) as InvokeOutcome;
    const foreign = await invoke('getState', { url: APP_START_URL, parent: win.webContents.mainFrame });
    assert.equal(foreign.ok, false);

    // File ▸ Open…: the native dialog's pick is allowed, remembered, and sent to the page as a command
    const sample = samplePath();
    const denied = await invoke('openFile', win.webContents.mainFrame, { kind: 'path', path: sample });
    assert.ok(!denied.ok && denied.error.kind === 'forbidden', 'not picked yet');
    fake.dialogAnswers.push([sample]);
    click(fake.menu(), 'Open…');
    await until('the Open… command', () => menuCommands(win.webContents.sent).length > 0);
    assert.deepEqual(menuCommands(win.webContents.sent), [{ kind: 'open-path', path: sample }]);
    assert.deepEqual(fake.recentDocuments, [sample]);
    const stored = JSON.parse(readFileSync(join(userData, 'recent-files.json'), 'utf8')) as {
      files: string[];
    };
    assert.deepEqual(stored.files, [sample]);
    const recent = fileMenu(fake.menu()).find((m) => m.label === 'Recent files')?.submenu ?? [];
    assert.match(recent[0].label ?? '', /pbmc68k_reduced_lognorm\.csv/);

    const opened = await invoke('openFile', win.webContents.mainFrame, { kind: 'path', path: sample });
    assert.ok(opened.ok, JSON.stringify(opened));
    assert.equal((opened.value as { rows: number }).rows, 700);
    assert.equal(fake.utilityProcess.children.length, 1, 'the engine runs in a utility process');

    // cancelling the dialog does nothing; the other commands go to the page
    click(fake.menu(), 'Open…');
    click(fake.menu(), 'Open sample');
    click(fake.menu(), 'Export coordinates…');
    click(fake.menu(), 'Export figure…');
    await until('the three commands', () => menuCommands(win.webContents.sent).length >= 4);
    // the cancelled Open… sends nothing, so only the three are sent after the first Open…'s
    await settle();
    assert.deepEqual(menuCommands(win.webContents.sent).slice(1), [
      { kind: 'open-sample' },
      { kind: 'export-coordinates' },
      { kind: 'export-figure' },
    ]);

    // exports arrive as downloads and get the native save dialog
    let dialogOptions: { defaultPath?: string } | null = null;
    let onDone: ((e: unknown, state: string) => void) | null = null;
    fake.sessionEvents.emit(
      'will-download',
      {},
      {
        getFilename: () => 'pbmc_coordinates.csv',
        getSavePath: () => '/home/u/pbmc_coordinates.csv',
        setSaveDialogOptions: (o: { defaultPath?: string }) => (dialogOptions = o),
        once: (_event: 'done', listener: (e: unknown, state: string) => void) => (onDone = listener),
      },
    );
    assert.match(
      (dialogOptions as { defaultPath?: string } | null)?.defaultPath ?? '',
      /pbmc_coordinates\.csv$/,
    );
    // a download that fails while it is written (a full disk) is said in an error box; a completed one is not
    (onDone as ((e: unknown, state: string) => void) | null)?.({}, 'interrupted');
    assert.deepEqual(
      fake.log.filter((l) => l.startsWith('error box')),
      ['error box: Save failed'],
    );
    // an AnnData export is offered as .h5ad first
    let h5adFilters: { extensions: string[] }[] = [];
    fake.sessionEvents.emit(
      'will-download',
      {},
      {
        getFilename: () => 'pbmc.tripletlens.h5ad',
        getSavePath: () => '',
        setSaveDialogOptions: (o: { filters: { extensions: string[] }[] }) => (h5adFilters = o.filters),
        once: (_event: 'done', listener: (e: unknown, state: string) => void) => listener({}, 'completed'),
      },
    );
    assert.deepEqual(h5adFilters[0]?.extensions, ['h5ad']);

    // a second launch focuses this window; a crashed page is reloaded (the engine keeps the data)
    fake.appEvents.emit('second-instance');
    assert.ok(fake.log.includes('focus'));
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    assert.equal(win.webContents.reloads, 1);

    // engine events reach the page
    assert.ok(win.webContents.sent.every((s) => s.channel === MENU_CHANNEL || s.channel === EVENT_CHANNEL));
  } finally {
    await running.shutdown();
  }
});

test('the new formats: Open… filters, Open 10x folder…, a dropped file or folder, folders in Recent files', async () => {
  const fake = fakeElectron();
  const running = startApp(fake.electron);
  fake.ready();
  await running.started;
  try {
    const [win] = fake.windows;
    const commands = () =>
      win.webContents.sent.filter((s) => s.channel === MENU_CHANNEL).map((s) => s.payload);
    // opening is async (Recent files is written first): wait for the page's next command, not a fixed time,
    // so a loaded machine cannot fail the test; a command that never comes fails after 20 s
    const nextCommand = async (count: number): Promise<unknown> => {
      for (let waited = 0; commands().length <= count && waited < 20_000; waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return commands().at(-1);
    };
    const invoke = async (path: string) =>
      (await fake.ipc.handlers.get(INVOKE_CHANNELS.openFile)?.(
        { senderFrame: win.webContents.mainFrame },
        { kind: 'path', path },
      )) as InvokeOutcome;

    // File ▸ Open…: the dialog offers the HDF5 and MatrixMarket formats (cancelled here)
    const dialogs = fake.dialogOptions.length;
    click(fake.menu(), 'Open…');
    await until('the Open… dialog', () => fake.dialogOptions.length > dialogs);
    const open = fake.dialogOptions.at(-1);
    assert.deepEqual(
      open?.properties,
      process.platform === 'darwin' ? ['openFile', 'openDirectory'] : ['openFile'],
    );
    for (const ext of ['h5ad', 'h5', 'loom', 'mtx', 'gz', 'csv', 'tsv']) {
      assert.ok(open?.filters?.[0].extensions.includes(ext), ext);
    }

    // File ▸ Open 10x folder…: a folder picker; the folder is opened, allowed and remembered as a folder
    const folder = join(userData, 'filtered_feature_bc_matrix');
    mkdirSync(folder, { recursive: true });
    fake.dialogAnswers.push([folder]);
    let count = commands().length;
    click(fake.menu(), 'Open 10x folder…');
    assert.deepEqual(await nextCommand(count), { kind: 'open-path', path: folder });
    assert.deepEqual(fake.dialogOptions.at(-1)?.properties, ['openDirectory']);
    const recent = fileMenu(fake.menu()).find((m) => m.label === 'Recent files')?.submenu ?? [];
    assert.equal(recent[0].label, `filtered_feature_bc_matrix (folder) — ${folder}`);
    const folderOutcome = await invoke(folder);
    assert.ok(folderOutcome.ok || folderOutcome.error.kind !== 'forbidden', JSON.stringify(folderOutcome));

    // a file dropped on the window (the preload sends its path): opened like Open…
    const dropped = join(userData, 'adata.h5ad');
    writeFileSync(dropped, 'not really HDF5');
    assert.equal((await invoke(dropped)).ok, false);
    fake.ipc.senderFrame = win.webContents.mainFrame;
    count = commands().length;
    fake.ipc.renderer.send(DROP_CHANNEL, dropped);
    assert.deepEqual(await nextCommand(count), { kind: 'open-path', path: dropped });
    const droppedOutcome = await invoke(dropped);
    assert.ok(
      !droppedOutcome.ok && droppedOutcome.error.kind !== 'forbidden',
      'allowed now (the engine judges it)',
    );

    // a dropped folder (a Cell Ranger output) opens the same way
    count = commands().length;
    fake.ipc.renderer.send(DROP_CHANNEL, folder);
    assert.deepEqual(await nextCommand(count), { kind: 'open-path', path: folder });

    // Explore ▸ Project another file: the page asks for the dialog; the chosen file is allowed for embedFile
    const projected = join(userData, 'sample2.h5ad');
    writeFileSync(projected, 'not really HDF5 either');
    const embed = async () =>
      (await fake.ipc.handlers.get(INVOKE_CHANNELS.embedFile)?.(
        { senderFrame: win.webContents.mainFrame },
        { kind: 'path', path: projected },
      )) as InvokeOutcome;
    const refused = await embed();
    assert.ok(!refused.ok && refused.error.kind === 'forbidden', 'not chosen yet');
    fake.dialogAnswers.push([projected]);
    const chosen = await fake.ipc.handlers.get(CHOOSE_PROJECTED_CHANNEL)?.(
      { senderFrame: win.webContents.mainFrame },
      'file',
    );
    assert.equal(chosen, projected);
    assert.equal(fake.dialogOptions.at(-1)?.title, 'Project a file onto the map');
    const projectedOutcome = await embed();
    assert.ok(
      !projectedOutcome.ok && projectedOutcome.error.kind !== 'forbidden',
      `allowed now (the engine judges it): ${JSON.stringify(projectedOutcome)}`,
    );

    // Export ▸ AnnData .h5ad: the save dialog's path is allowed for exportAnnData, and only then
    const saveTo = join(userData, 'chosen.tripletlens.h5ad');
    const exportTo = async () =>
      (await fake.ipc.handlers.get(INVOKE_CHANNELS.exportAnnData)?.(
        { senderFrame: win.webContents.mainFrame },
        null,
        { kind: 'path', path: saveTo },
      )) as InvokeOutcome;
    const notChosen = await exportTo();
    assert.ok(!notChosen.ok && notChosen.error.kind === 'forbidden', 'not chosen yet');
    fake.saveAnswers.push(saveTo);
    const saveChosen = await fake.ipc.handlers.get(CHOOSE_SAVE_CHANNEL)?.(
      { senderFrame: win.webContents.mainFrame },
      'pbmc.tripletlens.h5ad',
    );
    assert.equal(saveChosen, saveTo);
    assert.equal(fake.saveOptions.at(-1)?.defaultPath, join(userData, 'documents', 'pbmc.tripletlens.h5ad'));
    const exported = await exportTo();
    assert.ok(
      !exported.ok && exported.error.kind !== 'forbidden',
      `allowed now (the engine judges it: no trained run): ${JSON.stringify(exported)}`,
    );

    // refused: a drop from another frame, a path that does not exist, something that is not a path
    const before = commands().length;
    fake.ipc.senderFrame = { url: APP_START_URL, parent: win.webContents.mainFrame };
    fake.ipc.renderer.send(DROP_CHANNEL, dropped);
    fake.ipc.senderFrame = win.webContents.mainFrame;
    fake.ipc.renderer.send(DROP_CHANNEL, join(userData, 'missing.h5ad'));
    fake.ipc.renderer.send(DROP_CHANNEL, 'relative.csv');
    fake.ipc.renderer.send(DROP_CHANNEL, { path: dropped });
    await settle();
    assert.equal(commands().length, before);
  } finally {
    await running.shutdown();
  }
});
