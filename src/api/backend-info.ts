/**
 * The compute backend the engine runs on and why: what src/backend decides, the run report records and the
 * page's status bar shows. Contract layer: no imports.
 */

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
