/**
 * The selection rule, kept apart from the real loaders so tests can inject loaders that fail:
 * try each backend in order, the first that loads wins, every failure is recorded with its reason.
 */
import { shortenError } from './shorten-error.js';
import type { BackendLoader } from './types.js';
import type { BackendAttempt, BackendInfo, BackendName } from '../api/backend-info.js';

/** How the order was decided; only changes the wording of `reason` and whether failing is fatal. */
export interface SelectionMode {
  /** The user forced `order[0]` (TRIPLETLENS_BACKEND): no fallback. */
  forced?: boolean;
  /** The caller asked to try `order[0]` first. */
  preferred?: boolean;
  /** Appended to the info when the chosen backend is not native. */
  nativeHint?: string;
}

/** Thrown when no backend in the order could load (or the forced one could not). */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
  constructor(
    message: string,
    readonly attempts: BackendAttempt[],
  ) {
    super(message);
  }
}

/** Loads the first backend in `order` whose loader succeeds. */
export async function selectBackend(
  order: readonly BackendName[],
  loaders: Record<BackendName, BackendLoader>,
  mode: SelectionMode = {},
): Promise<BackendInfo> {
  const attempts: BackendAttempt[] = [];
  for (const backend of order) {
    try {
      const loaded = await loaders[backend]();
      attempts.push({ backend, ok: true });
      const info: BackendInfo = {
        backend,
        reason: reasonFor(backend, attempts, mode),
        attempts,
        versions: loaded.versions,
        threads: loaded.threads,
      };
      if (loaded.simd !== undefined) info.simd = loaded.simd;
      if (loaded.notes?.length) info.notes = loaded.notes;
      if (backend !== 'tensorflow' && mode.nativeHint) info.nativeHint = mode.nativeHint;
      return info;
    } catch (err) {
      attempts.push({ backend, ok: false, error: shortenError(err) });
    }
  }
  const tried = attempts.map((a) => `${a.backend}: ${a.error}`).join('; ');
  const message = mode.forced
    ? `TRIPLETLENS_BACKEND=${order[0]} was requested but it cannot load (${tried}). ` +
      `Unset TRIPLETLENS_BACKEND to fall back automatically.`
    : `No compute backend could load (${tried})`;
  throw new BackendUnavailableError(message, attempts);
}

function reasonFor(backend: BackendName, attempts: BackendAttempt[], mode: SelectionMode): string {
  if (mode.forced) return `forced by TRIPLETLENS_BACKEND=${backend}`;
  const failed = attempts.filter((a) => !a.ok).map((a) => a.backend);
  if (failed.length === 0) {
    return mode.preferred ? `preferred by the caller and loaded` : `the best backend, loaded first try`;
  }
  return `${failed.join(' and ')} could not load; ${backend} is the next in line`;
}
