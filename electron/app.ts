/**
 * Wires the desktop app together. Electron is passed in (main.ts hands over the real module) so this file —
 * like every other in electron/ — loads in plain Node for tests. Order matters: the app:// scheme must be
 * registered before `ready`; everything else happens once the app is ready.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendInfo } from '../src/api/engine-api.js';
import { packageRoot, packageVersion } from '../src/util/paths.js';
import { utilityProcessSpawner, type UtilityProcessModule } from '../src/worker/utility-process-spawner.js';
import type { WorkerEngine } from '../src/worker/worker-client.js';
import { aboutDetail } from './about.js';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol.js';
import { registerDropIpc } from './drop-ipc.js';
import { createEngineHost } from './engine-host.js';
import { createFileOpener } from './file-opener.js';
import { reportFailedDownload } from './download-outcome.js';
import { MENU_CHANNEL, type MenuCommand } from '../src/api/ipc-channels.js';
import { registerEngineIpc } from './ipc-handlers.js';
import { buildMenuTemplate } from './menu.js';
import { isFolder } from './open-dialogs.js';
import { createPathGuard } from './path-guard.js';
import { registerInputIpc, registerProjectedIpc } from './projected-ipc.js';
import { registerSaveIpc } from './save-ipc.js';
import { loadRecentFiles } from './recent-files.js';
import { saveDialogFilters } from './save-filters.js';
import { APP_SCHEME, denyAllPermissions, hardenWebContents, isTrustedSender } from './security.js';
import { createMainWindow, type WindowOptions } from './window.js';

/** The Electron main-process modules the app uses. */
export type ElectronMain = Pick<
  typeof import('electron'),
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'protocol' | 'session' | 'utilityProcess'
>;

/** Where the app's own files are (all inside the package: app.asar when packaged). */
export function appFiles(root = packageRoot()) {
  return {
    renderer: join(root, 'dist', 'renderer'),
    preload: join(root, 'dist', 'electron', 'preload.cjs'),
    worker: join(root, 'dist', 'worker', 'engine-worker.js'),
    icon: join(root, 'build', 'icon.png'),
  };
}

/** @tensorflow/tfjs's version from its package.json — read as a file: the main process never loads tfjs. */
function tfjsVersion(root: string): string {
  try {
    const pkg = join(root, 'node_modules', '@tensorflow', 'tfjs', 'package.json');
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** What startApp hands back (main.ts ignores it; tests wait on it). */
export interface RunningApp {
  /** Resolves once the window, menu and IPC are set up (or the app quit because it is not built). */
  started: Promise<void>;
  /** Ends the engine worker (what 'before-quit' does). */
  shutdown(): Promise<void>;
}

/**
 * The default session's rules: no permissions, app:// served from `renderer`, downloads through a save dialog
 * (and an error box when one fails while it is written).
 */
function configureSession(electron: ElectronMain, renderer: string): void {
  const { app, dialog, protocol, session } = electron;
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(renderer, request.url));
  // The page saves exports as downloads; each one goes through the native save dialog.
  session.defaultSession.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({
      title: 'Save',
      defaultPath: join(app.getPath('documents'), item.getFilename()),
      filters: saveDialogFilters(item.getFilename()),
    });
    reportFailedDownload(item, (title, content) => dialog.showErrorBox(title, content));
  });
}

type MainWindow = InstanceType<ElectronMain['BrowserWindow']>;

/** The About box: the app's versions and the engine's backend (or why it is not known). */
async function showAboutBox(
  dialog: ElectronMain['dialog'],
  win: MainWindow | null,
  engine: WorkerEngine | null,
): Promise<void> {
  let backend: BackendInfo | { error: string };
  try {
    backend = (await engine?.backendInfo()) ?? { error: 'the engine is not running' };
  } catch (err) {
    backend = { error: err instanceof Error ? err.message : String(err) };
  }
  const detail = aboutDetail({
    appVersion: packageVersion(),
    electron: process.versions.electron ?? 'unknown',
    chrome: process.versions.chrome ?? 'unknown',
    node: process.versions.node,
    tfjs: tfjsVersion(packageRoot()),
    backend,
  });
  const options = { type: 'info' as const, title: 'About TripletLens', message: 'TripletLens', detail };
  if (win) await dialog.showMessageBox(win, options);
  else await dialog.showMessageBox(options);
}

/** Opens the main window. A page whose renderer dies is loaded again: the engine and its data live on. */
function openMainWindow(
  BrowserWindow: ElectronMain['BrowserWindow'],
  files: ReturnType<typeof appFiles>,
  warn: (what: string, url: string) => void,
): MainWindow {
  const win = createMainWindow(BrowserWindow as unknown as new (o: WindowOptions) => MainWindow, {
    preload: files.preload,
    icon: existsSync(files.icon) ? files.icon : undefined,
    onDenied: warn,
  });
  // The page picks the engine up again through getState() on start.
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    console.warn(`TripletLens: the page's renderer ${details.reason}; reloading it`);
    if (!win.isDestroyed()) win.webContents.reload();
  });
  return win;
}

export function startApp(electron: ElectronMain): RunningApp {
  const { app, BrowserWindow, dialog, ipcMain, Menu, protocol, utilityProcess } = electron;
  const files = appFiles();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  // One app, one engine: a second launch focuses the existing window instead of starting another worker.
  const primary = app.requestSingleInstanceLock();
  if (!primary) app.quit();
  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  let win: InstanceType<typeof BrowserWindow> | null = null;
  let engine: WorkerEngine | null = null;
  const paths = createPathGuard();
  const warn = (what: string, url: string) =>
    console.warn(`TripletLens denied ${what}${url ? ` to ${url}` : ''}`);

  // Every web contents (the window and anything it might try to create) is hardened, not just ours.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, warn));

  const sendToPage = (channel: string, payload: unknown) => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  };
  const command = (c: MenuCommand) => sendToPage(MENU_CHANNEL, c);

  app.on('window-all-closed', () => app.quit());
  const shutdown = async () => {
    await engine?.dispose();
  };
  app.on('before-quit', () => void shutdown());

  const started = app.whenReady().then(async () => {
    if (!primary) return;
    if (!existsSync(files.renderer) || !existsSync(files.worker)) {
      dialog.showErrorBox(
        'TripletLens is not built',
        `Missing ${files.renderer} or ${files.worker}. Run 'npm run build'.`,
      );
      app.quit();
      return;
    }
    configureSession(electron, files.renderer);

    const recent = await loadRecentFiles(join(app.getPath('userData'), 'recent-files.json'));
    for (const path of recent.list()) paths.allow(path);

    engine = createEngineHost({
      spawn: utilityProcessSpawner(utilityProcess as unknown as UtilityProcessModule, {
        script: files.worker,
      }),
      sendToPage,
    });
    const isTrusted = (frame: Parameters<typeof isTrustedSender>[0]) =>
      isTrustedSender(frame, win && !win.isDestroyed() ? win.webContents.mainFrame : null);
    registerEngineIpc(ipcMain, engine, {
      isTrusted,
      paths,
      onRejected: (_method, reason) => console.warn(`TripletLens ${reason}`),
    });

    const opener = createFileOpener({
      showOpenDialog: (options) =>
        win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options),
      showErrorBox: (title, content) => dialog.showErrorBox(title, content),
      addRecentDocument: (path) => app.addRecentDocument(path),
      clearRecentDocuments: () => app.clearRecentDocuments(),
      recent,
      paths,
      command,
      refreshMenu: () => refreshMenu(),
      platform: process.platform,
    });
    registerProjectedIpc(ipcMain, {
      isTrusted,
      choose: (pick) => opener.chooseProjected(pick),
      onRejected: (reason) => console.warn(`TripletLens ${reason}`),
    });
    registerInputIpc(ipcMain, {
      isTrusted,
      choose: (pick) => opener.chooseInput(pick),
      onRejected: (reason) => console.warn(`TripletLens ${reason}`),
    });
    registerSaveIpc(ipcMain, {
      isTrusted,
      showSaveDialog: (options) =>
        win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options),
      defaultFolder: () => app.getPath('documents'),
      paths,
      onRejected: (reason) => console.warn(`TripletLens ${reason}`),
    });
    registerDropIpc(ipcMain, {
      isTrusted,
      open: (path) => void opener.openData(path),
      onRejected: (reason) => console.warn(`TripletLens ${reason}`),
    });

    const refreshMenu = () => {
      const template = buildMenuTemplate(
        {
          open: opener.open,
          openFolder: opener.openFolder,
          openSample: () => command({ kind: 'open-sample' }),
          openMetadata: opener.openMetadata,
          openRecent: opener.openRecent,
          clearRecent: opener.clearRecent,
          exportCoordinates: () => command({ kind: 'export-coordinates' }),
          exportFigure: () => command({ kind: 'export-figure' }),
          saveSession: () => command({ kind: 'save-session' }),
          openSession: opener.openSession,
          undo: () => command({ kind: 'undo' }),
          redo: () => command({ kind: 'redo' }),
          about: () => void showAbout(),
          quit: () => app.quit(),
        },
        recent.list(),
        process.platform,
        isFolder,
      );
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(template as Parameters<typeof Menu.buildFromTemplate>[0]),
      );
    };

    const showAbout = () => showAboutBox(dialog, win, engine);

    refreshMenu();
    win = openMainWindow(BrowserWindow, files, warn);
    win.on('closed', () => {
      win = null;
    });
  });
  return { started, shutdown };
}
