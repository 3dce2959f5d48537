/**
 * Stand-ins for the Electron objects electron/ is written against (Node 20 has no mock.module, so the code
 * takes them as parameters). Each fake implements only what the code under test calls.
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { types } from 'node:util';
import type { IpcMainOnLike } from '../../electron/drop-ipc.js';
import type { IpcMainLike } from '../../electron/ipc-handlers.js';
import { exposeApis, type ContextBridgeLike, type IpcRendererLike } from '../../electron/preload-api.js';
import { createIpcEngine } from '../../renderer/transport/ipc-engine.js';
import type { EngineApi } from '../../src/api/engine-api.js';
import { SHELL_GLOBAL, type EngineBridge, type ShellBridge } from '../../src/api/ipc-channels.js';
import type { FrameLike } from '../../electron/security.js';
import type { UtilityProcessLike, UtilityProcessModule } from '../../src/worker/utility-process-spawner.js';

type Handler = (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** A frame as WebFrameMain presents it. */
export function frame(url: string, parent: unknown = null): FrameLike {
  return { url, parent };
}

/**
 * ipcMain and ipcRenderer joined in memory: invoke() runs main's handler with `senderFrame` set to whatever
 * frame the "page" is in; sendToPage() delivers like webContents.send (with an event object first).
 */
export class FakeIpc {
  readonly handlers = new Map<string, Handler>();
  private readonly rendererListeners = new Map<string, Set<RendererListener>>();
  senderFrame: FrameLike | null = null;

  /** ipcMain.on listeners (ipcRenderer.send's receiving end). */
  readonly mainListeners = new Map<string, Set<Handler>>();

  readonly main: IpcMainLike & IpcMainOnLike = {
    on: (channel, listener) => {
      let set = this.mainListeners.get(channel);
      if (!set) this.mainListeners.set(channel, (set = new Set()));
      set.add(listener);
    },
    removeListener: (channel, listener) => {
      this.mainListeners.get(channel)?.delete(listener);
    },
    handle: (channel, handler) => {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, handler);
    },
    removeHandler: (channel) => {
      this.handlers.delete(channel);
    },
  };

  readonly renderer: IpcRendererLike = {
    send: (channel, ...args) => {
      for (const listener of this.mainListeners.get(channel) ?? []) {
        listener({ senderFrame: this.senderFrame }, ...structuredClone(args));
      }
    },
    invoke: async (channel, ...args) => {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      // structuredClone, as Electron's IPC does: nothing but data crosses
      return structuredClone(await handler({ senderFrame: this.senderFrame }, ...structuredClone(args)));
    },
    on: (channel, listener) => {
      let set = this.rendererListeners.get(channel);
      if (!set) this.rendererListeners.set(channel, (set = new Set()));
      set.add(listener);
    },
    removeListener: (channel, listener) => {
      this.rendererListeners.get(channel)?.delete(listener);
    },
  };

  /** What webContents.send does: the listener gets an IpcRendererEvent-like object, then the payload. */
  sendToPage = (channel: string, payload: unknown): void => {
    const event = { sender: { secret: 'the raw ipcRenderer' }, ports: [] };
    for (const listener of this.rendererListeners.get(channel) ?? [])
      listener(event, structuredClone(payload));
  };

  listenerCount(channel: string): number {
    return this.rendererListeners.get(channel)?.size ?? 0;
  }
}

/**
 * An Error as contextBridge hands it to the other world: "Errors thrown are also copied, … and any custom
 * properties on the Error object will be lost" (Electron's contextBridge docs) — only the message survives.
 */
function errorAcross(err: unknown): unknown {
  return types.isNativeError(err) ? new Error(err.message) : valueAcross(err);
}

/**
 * A value as contextBridge copies it between the preload's world and the page's: functions become proxies
 * (their arguments, results, throws and promise rejections copied again), promises are re-made, Errors keep
 * only their message, objects lose their prototype (plain copies of their own enumerable properties), typed
 * arrays are cloned and Blobs (Files) pass as they are.
 */
export function valueAcross(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      let result: unknown;
      try {
        result = (value as (...a: unknown[]) => unknown)(...args.map(valueAcross));
      } catch (err) {
        throw errorAcross(err);
      }
      return valueAcross(result);
    };
  }
  // util.types rather than instanceof: the built preload runs in its own vm realm in tests
  if (types.isPromise(value)) {
    return value.then(valueAcross, (err: unknown) => Promise.reject(errorAcross(err)));
  }
  if (types.isNativeError(value)) return errorAcross(value);
  if (value instanceof Blob) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return structuredClone(value);
  if (Array.isArray(value)) return value.map(valueAcross);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, valueAcross(v)]));
  }
  return value;
}

/** contextBridge.exposeInMainWorld recording what the page would get: the API as copied across (valueAcross). */
export class FakeContextBridge implements ContextBridgeLike {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`${key} exposed twice`);
    this.exposed.set(key, valueAcross(api));
  }
}

/**
 * Electron's utilityProcess module built on child_process.fork: same surface (fork → postMessage, 'message',
 * 'exit' with a code only), so the real utilityProcessSpawner and the real worker script run unchanged.
 */
export function forkUtilityProcess(): UtilityProcessModule & { children: UtilityProcessLike[] } {
  const children: UtilityProcessLike[] = [];
  return {
    children,
    fork(modulePath, args = [], options = {}) {
      const child = fork(modulePath, args, {
        serialization: 'advanced',
        env: options.env,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('error', () => undefined);
      const emitter = new EventEmitter();
      child.on('message', (m) => emitter.emit('message', m));
      // utilityProcess reports a signal death as a non-zero exit code
      child.once('exit', (code) => emitter.emit('exit', code ?? 1));
      const proc: UtilityProcessLike & { signalKill(): void } = {
        pid: child.pid,
        postMessage: (message) => {
          if (child.connected) child.send(message as object, () => undefined);
        },
        on: (event, listener) => emitter.on(event, listener),
        once: (event, listener) => emitter.once(event, listener),
        kill: () => child.kill('SIGTERM'),
        signalKill: () => child.kill('SIGKILL'),
      };
      children.push(proc);
      return proc;
    },
  };
}

/**
 * The page as the preload sets it up over `ipc`, calling from `mainFrame`: its shell bridge and its EngineApi
 * (the transport the renderer builds on the exposed bridge).
 */
export function exposedPage(ipc: FakeIpc, mainFrame: FrameLike): { shell: ShellBridge; api: EngineApi } {
  const bridge = new FakeContextBridge();
  exposeApis(bridge, ipc.renderer);
  ipc.senderFrame = mainFrame;
  return {
    shell: bridge.exposed.get(SHELL_GLOBAL) as ShellBridge,
    api: createIpcEngine(bridge.exposed.get('tripletlens') as EngineBridge),
  };
}
