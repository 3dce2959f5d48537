/** The compute backends TripletLens can run on, best first. */
export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;

/** `tensorflow`: native TensorFlow through @tensorflow/tfjs-node; `wasm`: XNNPACK in WebAssembly; `cpu`: pure JS. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** One try at loading a backend, in the order they were tried. */
export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** Why it did not load: the real error text, shortened to one line. */
  error?: string;
}

/** What `initBackend` chose, and why. */
export interface BackendInfo {
  backend: BackendName;
  /** One sentence: why this backend (forced, preferred, or the best one that loaded). */
  reason: string;
  attempts: BackendAttempt[];
  /** Versions of node, tfjs, each backend package that loaded, and libtensorflow when native. */
  versions: Record<string, string>;
  /** Threads the backend computes with (wasm in Node: always 1, see `wasmThreadsNote`). */
  threads: number;
  /** Whether the wasm backend runs its SIMD build (only set for wasm). */
  simd?: boolean;
  /** How to get the native backend, when it is not the one in use. */
  nativeHint?: string;
  /** Extra facts about the chosen backend (e.g. why wasm runs one thread in Node). */
  notes?: string[];
}

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
