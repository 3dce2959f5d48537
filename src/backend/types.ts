import type { BackendName } from '../api/backend-info.js';

/** Moved to src/api/backend-info.ts (the contract layer); re-exported for code written before the move. */
export {
  BACKEND_NAMES,
  type BackendName,
  type BackendAttempt,
  type BackendInfo,
} from '../api/backend-info.js';

/** Options of `initBackend`. */
export interface InitBackendOptions {
  /**
   * Try this backend first, then fall back through the usual order (tensorflow → wasm → cpu).
   * The environment variable TRIPLETLENS_BACKEND overrides it and allows no fallback.
   * @default undefined (the usual order)
   */
  prefer?: BackendName;
}

/** What a loader reports once its backend is active. */
export interface LoadedBackend {
  versions: Record<string, string>;
  threads: number;
  simd?: boolean;
  /** Extra facts worth showing (e.g. why wasm runs one thread). */
  notes?: string[];
}

/** Makes one backend the active tfjs backend, or throws saying why it cannot. */
export type BackendLoader = () => Promise<LoadedBackend>;
