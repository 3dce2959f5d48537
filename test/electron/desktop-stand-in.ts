/**
 * The desktop app's main side without Electron, for tests that drive its flows through the IPC path: the real
 * IPC handlers (sender check, path guard) in front of the real built worker in a fork-based utilityProcess
 * stand-in, the real file opener with the Project and re-attach dialogs' handlers, the native open dialogs
 * answered from a queue, the real save-dialog handler answered from another, and the preload's two bridges as
 * contextBridge copies them (`bridges`; `page` is the page's EngineApi and ShellBridge on them). The menu's commands to the
 * page are recorded, and also delivered over the menu channel as main sends them.
 */
import { join } from 'node:path';
import { createEngineHost } from '../../electron/engine-host.js';
import { createFileOpener, type FileOpener } from '../../electron/file-opener.js';
import { registerEngineIpc } from '../../electron/ipc-handlers.js';
import { createPathGuard } from '../../electron/path-guard.js';
import { exposeApis } from '../../electron/preload-api.js';
import { registerInputIpc, registerProjectedIpc } from '../../electron/projected-ipc.js';
import { registerSaveIpc } from '../../electron/save-ipc.js';
import { APP_START_URL, isTrustedSender } from '../../electron/security.js';
import { createIpcEngine } from '../../renderer/transport/ipc-engine.js';
import type { EngineApi } from '../../src/api/engine-api.js';
import {
  MENU_CHANNEL,
  SHELL_GLOBAL,
  type EngineBridge,
  type MenuCommand,
  type ShellBridge,
} from '../../src/api/ipc-channels.js';
import { packageRoot } from '../../src/util/paths.js';
import { utilityProcessSpawner } from '../../src/worker/utility-process-spawner.js';
import type { WorkerEngine } from '../../src/worker/worker-client.js';
import { FakeContextBridge, FakeIpc, forkUtilityProcess, frame } from './fakes.js';

export interface DesktopStandIn {
  ipc: FakeIpc;
  engine: WorkerEngine;
  opener: FileOpener;
  /** The open dialogs' answers, first in first out (none left: cancelled). */
  openAnswers: string[];
  /** The save dialogs' answers, first in first out (none left: cancelled). */
  saveAnswers: string[];
  /** Every menu command main sent the page. */
  commands: MenuCommand[];
  /** What the preload exposes, as the page sees it across contextBridge. */
  bridges: { engine: EngineBridge; shell: ShellBridge };
  /** The page's EngineApi (renderer/transport/ipc-engine.ts on the bridge) and shell bridge. */
  page: { api: EngineApi; shell: ShellBridge };
  dispose(): Promise<void>;
}

/** Starts the stand-in; `tempDir` is where the save dialog's default folder points. */
export function startDesktopStandIn(tempDir: string): DesktopStandIn {
  const ipc = new FakeIpc();
  const mainFrame = frame(APP_START_URL);
  ipc.senderFrame = mainFrame;
  const isTrusted = (f: Parameters<typeof isTrustedSender>[0]) => isTrustedSender(f, mainFrame);
  const engine = createEngineHost({
    spawn: utilityProcessSpawner(forkUtilityProcess(), {
      script: join(packageRoot(), 'dist', 'worker', 'engine-worker.js'),
      env: { TRIPLETLENS_BACKEND: 'cpu' },
    }),
    sendToPage: ipc.sendToPage,
  });
  const paths = createPathGuard();
  registerEngineIpc(ipc.main, engine, { isTrusted, paths });
  const openAnswers: string[] = [];
  const saveAnswers: string[] = [];
  const commands: MenuCommand[] = [];
  const opener = createFileOpener({
    showOpenDialog: async () => {
      const path = openAnswers.shift();
      return { canceled: path === undefined, filePaths: path === undefined ? [] : [path] };
    },
    showErrorBox: () => undefined,
    addRecentDocument: () => undefined,
    clearRecentDocuments: () => undefined,
    recent: {
      list: () => [],
      add: async () => undefined,
      remove: async () => undefined,
      clear: async () => undefined,
    },
    paths,
    command: (c) => {
      commands.push(c);
      ipc.sendToPage(MENU_CHANNEL, c);
    },
    refreshMenu: () => undefined,
    platform: 'linux',
  });
  registerProjectedIpc(ipc.main, { isTrusted, choose: (pick) => opener.chooseProjected(pick) });
  registerInputIpc(ipc.main, { isTrusted, choose: (pick) => opener.chooseInput(pick) });
  registerSaveIpc(ipc.main, {
    isTrusted,
    showSaveDialog: async () => {
      const filePath = saveAnswers.shift();
      return filePath === undefined ? { canceled: true } : { canceled: false, filePath };
    },
    defaultFolder: () => tempDir,
    paths,
  });
  const context = new FakeContextBridge();
  exposeApis(context, ipc.renderer);
  const bridges = {
    engine: context.exposed.get('tripletlens') as EngineBridge,
    shell: context.exposed.get(SHELL_GLOBAL) as ShellBridge,
  };
  return {
    ipc,
    engine,
    opener,
    openAnswers,
    saveAnswers,
    commands,
    bridges,
    page: { api: createIpcEngine(bridges.engine), shell: bridges.shell },
    dispose: () => engine.dispose(),
  };
}
