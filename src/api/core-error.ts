/**
 * The core's one error type: what the engine, trainer, model and utilities throw when they refuse a request
 * or fail, with a `kind` that says how every face reacts — the worker's wire kind (EngineErrorKind, which
 * the UI shows), and the CLI's exit code. The CLI's UsageError is its 'bad-request' CoreError. Domain
 * errors with finer kinds and places of their own keep their classes (DataImportError: file, line, column
 * or HDF5 dataset; PreprocessError: row and gene; WriteError: destination and errno); everything else in
 * the core throws a CoreError. DOM- and Node-safe; imports nothing outside src/api (the contract layer).
 */
import type { EngineErrorKind } from './engine-api.js';

/** What went wrong, in the terms the worker, the CLI and the UI react to. */
export type CoreErrorKind =
  /** The caller asked for something impossible: an unknown column, an option out of range, a malformed message. */
  | 'bad-request'
  /** The data cannot be used as asked: one class, mismatched shapes, no gene shared with the model. */
  | 'bad-input'
  /** A model folder that is missing, damaged, or not a TripletLens model. */
  | 'bad-model'
  /** A computation produced NaN/infinite values or a degenerate result (a diverged loss, identical points). */
  | 'numeric'
  /** The machine, not the data: a backend that will not load, a missing build, a bad environment variable. */
  | 'environment'
  /** A broken invariant: a bug in TripletLens. */
  | 'internal';

/** How each kind crosses to the UI (EngineErrorInfo.kind) and ends the CLI (exit code: 2 = bad usage). */
export const CORE_ERROR_KINDS: Readonly<Record<CoreErrorKind, { wire: EngineErrorKind; exitCode: 1 | 2 }>> = {
  'bad-request': { wire: 'invalid-request', exitCode: 2 },
  'bad-input': { wire: 'invalid-request', exitCode: 1 },
  'bad-model': { wire: 'invalid-request', exitCode: 1 },
  numeric: { wire: 'training', exitCode: 1 },
  environment: { wire: 'internal', exitCode: 1 },
  internal: { wire: 'internal', exitCode: 1 },
};

export class CoreError extends Error {
  override name = 'CoreError';
  /**
   * The message in the page's words, where `message` is in the CLI's (a setting's label, not its flag:
   * OptionError); `toErrorInfo` sends this one to the page. Undefined: `message` is in both's words.
   */
  appMessage?: string;

  /**
   * @param kind what went wrong (see CoreErrorKind)
   * @param message one readable sentence for a biologist: what is wrong and what to do about it
   */
  constructor(
    readonly kind: CoreErrorKind,
    message: string,
  ) {
    super(message);
  }

  /** The kind this error has on the wire (the worker's and HTTP replies, the UI). */
  get wireKind(): EngineErrorKind {
    return CORE_ERROR_KINDS[this.kind].wire;
  }

  /** The CLI's exit code for this error. */
  get exitCode(): 1 | 2 {
    return CORE_ERROR_KINDS[this.kind].exitCode;
  }
}

/** True when `err` is a CoreError of one of `kinds` (any kind when none is given). */
export function isCoreError(err: unknown, ...kinds: CoreErrorKind[]): err is CoreError {
  return err instanceof CoreError && (kinds.length === 0 || kinds.includes(err.kind));
}
