/**
 * The Error that transports throw when the engine reports a failure: a normal Error (readable message) with
 * the structured EngineErrorInfo fields attached, so a UI can show file/line/column or react to the kind.
 * DOM- and Node-safe (loaded by both tsconfigs).
 */
import { CoreError } from './core-error.js';
import type { EngineErrorInfo, EngineErrorKind } from './engine-api.js';

export class EngineError extends Error implements EngineErrorInfo {
  override name = 'EngineError';
  readonly kind: EngineErrorKind;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly runId?: string;

  /** `options.cause`: the error this one reports (in-process only: it does not cross to a page). */
  constructor(info: EngineErrorInfo, options?: ErrorOptions) {
    super(info.message, options);
    this.kind = info.kind;
    if (info.file !== undefined) this.file = info.file;
    if (info.line !== undefined) this.line = info.line;
    if (info.column !== undefined) this.column = info.column;
    if (info.runId !== undefined) this.runId = info.runId;
  }

  /** The plain, cloneable form. */
  toInfo(): EngineErrorInfo {
    return errorInfo(this.kind, this.message, this);
  }
}

function errorInfo(
  kind: EngineErrorKind,
  message: string,
  where: { file?: string; line?: number; column?: number; runId?: string },
): EngineErrorInfo {
  const info: EngineErrorInfo = { kind, message };
  if (where.file !== undefined) info.file = where.file;
  if (where.line !== undefined) info.line = where.line;
  if (where.column !== undefined) info.column = where.column;
  // a 'busy' refusal's run: the page names it to stop it when the user agrees
  if (where.runId !== undefined) info.runId = where.runId;
  return info;
}

/** True for an EngineError, or any object carrying EngineErrorInfo fields (e.g. after structured clone). */
export function isEngineError(value: unknown): value is EngineErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

const ENGINE_ERROR_KINDS: ReadonlySet<string> = new Set<EngineErrorKind>([
  'import',
  'invalid-request',
  'busy',
  'training',
  'forbidden',
  'worker',
  'internal',
]);

/**
 * Turns anything thrown into cloneable EngineErrorInfo — what the page is told. A CoreError crosses as its
 * kind's wire kind (the one table in core-error.ts), in the page's words when it has them (`appMessage`: a
 * refused option names the Train screen's setting, not the CLI's flag); an Error whose `kind` property is an
 * EngineErrorKind keeps it; other errors get `fallbackKind` (default 'internal').
 */
export function toErrorInfo(err: unknown, fallbackKind: EngineErrorKind = 'internal'): EngineErrorInfo {
  if (err instanceof EngineError) return err.toInfo();
  if (err instanceof CoreError) return { kind: err.wireKind, message: err.appMessage ?? err.message };
  if (err instanceof Error) {
    const where = err as Error & {
      kind?: unknown;
      file?: unknown;
      line?: unknown;
      column?: unknown;
      appMessage?: unknown;
    };
    const kind =
      typeof where.kind === 'string' && ENGINE_ERROR_KINDS.has(where.kind)
        ? (where.kind as EngineErrorKind)
        : fallbackKind;
    // the page's words when the error has them (a PreprocessError naming the Train screen's settings)
    const message = typeof where.appMessage === 'string' ? where.appMessage : err.message;
    return errorInfo(kind, message, {
      file: typeof where.file === 'string' ? where.file : undefined,
      line: typeof where.line === 'number' ? where.line : undefined,
      column: typeof where.column === 'number' ? where.column : undefined,
    });
  }
  return { kind: fallbackKind, message: String(err) };
}

/**
 * The receiving half of the error codec (toErrorInfo is the sending half): rebuilds the typed EngineError
 * from EngineErrorInfo that crossed a transport as plain data — the HTTP reply, or an IPC outcome that
 * crossed contextBridge (which would drop an Error's own fields: kind, file, line, column). Anything
 * malformed becomes an 'internal' error that still carries a readable message.
 */
export function errorFromWire(value: unknown): EngineError {
  if (!isEngineError(value)) {
    return new EngineError({ kind: 'internal', message: String(value) });
  }
  const where = value as { file?: unknown; line?: unknown; column?: unknown; runId?: unknown };
  return new EngineError(
    errorInfo(ENGINE_ERROR_KINDS.has(value.kind) ? value.kind : 'internal', value.message, {
      file: typeof where.file === 'string' ? where.file : undefined,
      line: typeof where.line === 'number' ? where.line : undefined,
      column: typeof where.column === 'number' ? where.column : undefined,
      runId: typeof where.runId === 'string' ? where.runId : undefined,
    }),
  );
}
