/**
 * What the preload exposes, written against the two Electron objects it needs (passed in, so tests use fakes):
 * `window.tripletlens` is the EngineBridge — one function per ENGINE_API_METHODS entry, nothing else, each
 * resolving to plain outcome data that the page turns back into EngineApi (contextBridge would strip a
 * thrown error's fields) — and `window.tripletlensShell` only lets the page hear menu commands, hand over a
 * dropped file's path, ask for the native dialog of Project another file, of a reopened session's input and
 * for a save dialog's path. No raw
 * ipcRenderer reaches the page, and listeners are wrapped so the page never sees the IpcRendererEvent
 * (which carries `sender`).
 */
import type { EngineEvent, EngineEventListener } from '../src/api/engine-api.js';
import { ENGINE_REQUEST_METHODS } from '../src/api/engine-api.js';
import { isEngineError, toErrorInfo } from '../src/api/errors.js';
import type {
  EngineBridge,
  InputPick,
  InvokeOutcome,
  MenuCommand,
  ProjectedPick,
  ShellBridge,
} from '../src/api/ipc-channels.js';
import {
  CHOOSE_INPUT_CHANNEL,
  CHOOSE_PROJECTED_CHANNEL,
  CHOOSE_SAVE_CHANNEL,
  DROP_CHANNEL,
  EVENT_CHANNEL,
  INVOKE_CHANNELS,
  isMenuCommand,
  MENU_CHANNEL,
  SHELL_GLOBAL,
} from '../src/api/ipc-channels.js';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The part of Electron's webUtils the preload uses (Electron ≥ 29; File.path is gone since Electron 32). */
export interface WebUtilsLike {
  getPathForFile(file: Blob): string;
}

/** The part of Electron's contextBridge the preload uses. */
export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}

/** Subscribes `listener` to `channel`, handing it only the payload; returns the unsubscribe function. */
function subscribe<T>(
  ipc: IpcRendererLike,
  channel: string,
  accept: (payload: unknown) => payload is T,
  listener: (payload: T) => void,
): () => void {
  const wrapped = (_event: unknown, payload: unknown) => {
    if (accept(payload)) listener(payload);
  };
  ipc.on(channel, wrapped);
  return () => {
    ipc.removeListener(channel, wrapped);
  };
}

const isEvent = (value: unknown): value is EngineEvent =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** main's reply as an InvokeOutcome; anything else (it never should be) as an 'internal' failure. */
function asOutcome(reply: unknown): InvokeOutcome {
  const r = reply as { ok?: unknown; value?: unknown; error?: unknown } | null;
  if (r?.ok === true) return { ok: true, value: r.value };
  if (r?.ok === false && isEngineError(r.error)) return { ok: false, error: r.error };
  return { ok: false, error: { kind: 'internal', message: 'The app sent a malformed reply to the page' } };
}

/**
 * Builds the EngineBridge the page gets: each request method invokes its channel and resolves to the
 * outcome as data. It never rejects: a failed invoke (no handler, IPC torn down) is an outcome too.
 */
export function createPreloadEngine(ipc: IpcRendererLike): EngineBridge {
  const methods = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((method) => [
      method,
      async (...args: unknown[]): Promise<InvokeOutcome> => {
        try {
          return asOutcome(await ipc.invoke(INVOKE_CHANNELS[method], ...args));
        } catch (err) {
          return { ok: false, error: toErrorInfo(err) };
        }
      },
    ]),
  );
  return {
    ...(methods as unknown as Omit<EngineBridge, 'onEvent'>),
    onEvent(listener: EngineEventListener) {
      return subscribe(ipc, EVENT_CHANNEL, isEvent, listener);
    },
  };
}

/** Builds the shell bridge: menu commands, dropped files opened by path, the Project, input and save dialogs. */
export function createShellBridge(ipc: IpcRendererLike, webUtils?: WebUtilsLike): ShellBridge {
  return {
    onMenuCommand(listener: (command: MenuCommand) => void) {
      return subscribe(ipc, MENU_CHANNEL, isMenuCommand, listener);
    },
    openDropped(file: Blob) {
      let path = '';
      try {
        path = webUtils?.getPathForFile(file) ?? '';
      } catch {
        // not a File the browser got from disk
      }
      if (!path) return false;
      ipc.send(DROP_CHANNEL, path);
      return true;
    },
    async chooseProjected(pick: ProjectedPick) {
      // main answers with the chosen path or null; anything else (it never should be) is no choice
      const path = await ipc.invoke(CHOOSE_PROJECTED_CHANNEL, pick);
      return typeof path === 'string' && path.length > 0 ? path : null;
    },
    async chooseInput(pick: InputPick) {
      // the same: the chosen path, or null for no choice
      const path = await ipc.invoke(CHOOSE_INPUT_CHANNEL, pick);
      return typeof path === 'string' && path.length > 0 ? path : null;
    },
    async chooseSavePath(fileName: string) {
      // the same: the chosen path, or null for no choice
      const path = await ipc.invoke(CHOOSE_SAVE_CHANNEL, fileName);
      return typeof path === 'string' && path.length > 0 ? path : null;
    },
  };
}

/** Exposes both globals in the page's main world. */
export function exposeApis(
  contextBridge: ContextBridgeLike,
  ipc: IpcRendererLike,
  webUtils?: WebUtilsLike,
): void {
  contextBridge.exposeInMainWorld('tripletlens', createPreloadEngine(ipc));
  contextBridge.exposeInMainWorld(SHELL_GLOBAL, createShellBridge(ipc, webUtils));
}
