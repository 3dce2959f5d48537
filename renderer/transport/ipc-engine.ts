/**
 * EngineApi over Electron IPC, on the page's side of contextBridge. The preload's `window.tripletlens`
 * (EngineBridge, src/api/ipc-channels.ts) resolves every call to plain outcome data, because contextBridge
 * copies a thrown Error with its message only; here each failure becomes the typed EngineError again, with
 * kind, file, line and column (errorFromWire, the same decoder the HTTP transport uses). No DOM types.
 */
import type { EngineBridge } from '../../src/api/ipc-channels.js';
import type { EngineApi } from '../../src/api/engine-api.js';
import { ENGINE_REQUEST_METHODS } from '../../src/api/engine-api.js';
import { errorFromWire } from '../../src/api/errors.js';

export function createIpcEngine(bridge: EngineBridge): EngineApi {
  const methods = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((method) => [
      method,
      async (...args: unknown[]) => {
        const call = bridge[method] as (...a: unknown[]) => Promise<unknown>;
        const outcome = (await call(...args)) as { ok?: unknown; value?: unknown; error?: unknown } | null;
        if (outcome?.ok === true) return outcome.value;
        throw errorFromWire(outcome?.ok === false ? outcome.error : outcome);
      },
    ]),
  ) as unknown as Omit<EngineApi, 'onEvent'>;
  return {
    ...methods,
    onEvent: (listener) => bridge.onEvent(listener),
  };
}
