/**
 * The main-process side of EngineApi: one ipcMain.handle per request method, each forwarding to the worker
 * engine after two checks — the sender is the main window's top frame on the app's origin, and any file
 * path is one the user picked. Outcomes travel as InvokeOutcome data so the page keeps the error's fields.
 */
import type { EngineApi, EngineArgs, EngineRequestMethod } from '../src/api/engine-api.js';
import { ENGINE_REQUEST_METHODS } from '../src/api/engine-api.js';
import { toErrorInfo } from '../src/api/errors.js';
import { INVOKE_CHANNELS, type InvokeOutcome } from '../src/api/ipc-channels.js';
import type { PathGuard } from './path-guard.js';
import type { FrameLike } from './security.js';

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(
    channel: string,
    handler: (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}

export interface EngineIpcOptions {
  /** True when the frame may use the engine (security.ts isTrustedSender against the main window). */
  isTrusted(frame: FrameLike | null): boolean;
  /** Refuses paths the user did not pick. */
  paths: PathGuard;
  /** Told about every refused call (logged by main). Default: nothing. */
  onRejected?(method: EngineRequestMethod, reason: string): void;
}

/** Registers every handler; returns a function that removes them. */
export function registerEngineIpc(
  ipcMain: IpcMainLike,
  engine: Omit<EngineApi, 'onEvent'>,
  options: EngineIpcOptions,
): () => void {
  for (const method of ENGINE_REQUEST_METHODS) {
    ipcMain.handle(INVOKE_CHANNELS[method], async (event, ...args): Promise<InvokeOutcome> => {
      if (!options.isTrusted(event.senderFrame)) {
        const reason = `refused ${method} from ${event.senderFrame?.url ?? 'an unknown frame'}`;
        options.onRejected?.(method, reason);
        return { ok: false, error: { kind: 'forbidden', message: `TripletLens ${reason}` } };
      }
      try {
        const typedArgs = args as EngineArgs<typeof method>;
        options.paths.check(method, typedArgs);
        const call = engine[method] as (...a: unknown[]) => Promise<unknown>;
        return { ok: true, value: await call(...typedArgs) };
      } catch (err) {
        return { ok: false, error: toErrorInfo(err) };
      }
    });
  }
  return () => {
    for (const method of ENGINE_REQUEST_METHODS) ipcMain.removeHandler(INVOKE_CHANNELS[method]);
  };
}
