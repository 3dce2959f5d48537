/**
 * `initBackend`: picks the compute backend once per process (tensorflow → wasm → cpu, first that loads
 * wins) and remembers the answer, so every caller — CLI, worker, tests — sees the same choice.
 */
import { realLoaders } from './loaders.js';
import { NATIVE_HINT } from './native-hint.js';
import { selectBackend } from './select.js';
import { type BackendLoader, type InitBackendOptions } from './types.js';
import { BACKEND_NAMES, type BackendInfo, type BackendName } from '../api/backend-info.js';
import { CoreError } from '../api/core-error.js';

/** The environment variable that forces one backend, with no fallback. */
export const BACKEND_ENV_VAR = 'TRIPLETLENS_BACKEND';

let pending: Promise<BackendInfo> | undefined;
let current: BackendInfo | undefined;

/** The backend TRIPLETLENS_BACKEND forces, if set; a value that is not a backend name is an error. */
export function forcedBackend(env: NodeJS.ProcessEnv = process.env): BackendName | undefined {
  const raw = env[BACKEND_ENV_VAR]?.trim();
  if (!raw) return undefined;
  const name = raw.toLowerCase();
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new CoreError(
      'environment',
      `${BACKEND_ENV_VAR}='${raw}' is not a backend; use one of: ${BACKEND_NAMES.join(', ')}`,
    );
  }
  return name as BackendName;
}

/** The order to try backends in: the usual order, with `prefer` moved to the front. */
export function backendOrder(prefer?: BackendName): BackendName[] {
  if (!prefer) return [...BACKEND_NAMES];
  return [prefer, ...BACKEND_NAMES.filter((b) => b !== prefer)];
}

/**
 * Chooses and activates a backend without caching; `initBackend` is this with the real loaders, once.
 * Exposed so tests can inject loaders and an environment.
 */
export async function chooseBackend(
  options: InitBackendOptions,
  loaders: Record<BackendName, BackendLoader>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BackendInfo> {
  const forced = forcedBackend(env);
  if (forced) return selectBackend([forced], loaders, { forced: true, nativeHint: NATIVE_HINT });
  return selectBackend(backendOrder(options.prefer), loaders, {
    preferred: options.prefer !== undefined,
    nativeHint: NATIVE_HINT,
  });
}

/**
 * Activates the best compute backend that loads and returns what was chosen and why. Idempotent: later
 * calls (with any options) return the first call's result. Rejects only when TRIPLETLENS_BACKEND forces a
 * backend that cannot load (or, in theory, when not even the pure-JS cpu backend loads); a rejected call
 * is not cached, so the caller may retry.
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  pending ??= chooseBackend(options, realLoaders).then(
    (info) => (current = info),
    (err: unknown) => {
      pending = undefined;
      throw err;
    },
  );
  return pending;
}

/** The backend `initBackend` chose, or undefined before it has finished. */
export function currentBackendInfo(): BackendInfo | undefined {
  return current;
}
