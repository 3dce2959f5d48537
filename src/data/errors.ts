/**
 * The one error type import raises. Its message is meant for a biologist reading it in the app or the
 * terminal: what is wrong, where (file, line, column), and what to do about it.
 */

/** What went wrong, for code that reacts differently to different problems (tests, the UI). */
export type DataImportErrorKind =
  | 'not-found'
  | 'unreadable'
  | 'empty-file'
  | 'no-data-rows'
  | 'binary'
  | 'utf16'
  | 'utf32'
  | 'encoding'
  | 'gzip'
  | 'one-column'
  | 'no-header'
  | 'ragged-row'
  | 'bad-quotes'
  | 'not-a-number'
  | 'not-finite'
  | 'missing-value'
  | 'duplicate-id'
  | 'empty-id'
  | 'unknown-column'
  /** The layer or input option names a matrix (a layer, raw/X, an obsm embedding) the file does not hold. */
  | 'no-such-matrix'
  | 'no-gene-columns'
  | 'no-rows-left'
  | 'line-too-long'
  | 'metadata-file'
  | 'not-a-regular-file'
  | 'too-large'
  | 'unsupported-format'
  | 'bad-structure'
  | 'aborted';

/**
 * True for the kinds that blame an import option naming what the file does not have (a column, a layer, an
 * embedding): the CLI's usage error (exit 2), the engine's 'invalid-request'.
 */
export function isOptionErrorKind(kind: DataImportErrorKind): boolean {
  return kind === 'unknown-column' || kind === 'no-such-matrix';
}

/** Where in the file a problem is. `line` is 1-based (the header is line 1); `column` 1-based or a name. */
export interface ErrorLocation {
  line?: number;
  column?: number | string;
  /** The column's header name, when known, quoted in the message beside its number. */
  columnName?: string;
  /** The HDF5 object at fault ('/X/indptr'), for h5ad, loom and Cell Ranger .h5 files. */
  dataset?: string;
  /** What the object at `dataset` is: the message says "group /obs" for a group; default 'dataset'. */
  objectKind?: 'group' | 'dataset';
}

/** Characters of a value from the file quoted in a message; longer values are cut and end in '…'. */
export const SHOWN_VALUE_CHARS = 40;

/** Longest message a DataImportError carries: a backstop, so no echoed text makes a message huge. */
export const MAX_MESSAGE_CHARS = 2000;

/**
 * A value from the file as it is quoted in a message: trimmed, and cut to `max` characters with '…' so that
 * a 50 MB field (an unclosed quote, a pasted blob) never becomes a 50 MB message.
 */
export function shownValue(text: string, max = SHOWN_VALUE_CHARS): string {
  const trimmed = text.length > 4 * max ? text.slice(0, 4 * max).trim() : text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max)}…` : trimmed;
}

function describeLocation(file: string, where: ErrorLocation): string {
  const parts = [file];
  if (where.dataset !== undefined) parts.push(`${where.objectKind ?? 'dataset'} ${where.dataset}`);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.column !== undefined) {
    const name =
      where.columnName !== undefined && where.columnName !== String(where.column)
        ? ` ("${shownValue(where.columnName)}")`
        : '';
    parts.push(
      typeof where.column === 'number'
        ? `column ${where.column}${name}`
        : `column "${shownValue(where.column)}"`,
    );
  }
  return parts.join(', ');
}

export class DataImportError extends Error {
  override name = 'DataImportError';
  readonly kind: DataImportErrorKind;
  readonly file: string;
  readonly line?: number;
  readonly column?: number | string;
  /** The HDF5 object at fault, when the file is HDF5. */
  readonly dataset?: string;
  /**
   * The message in the page's words, for a refusal of an import option: the setting as the page shows it
   * (Import settings ▸ Delimiter), where `message` names the CLI's flag (--delimiter) — the engine session
   * gives the page this one (`withAppWords`). Undefined: `message` is in both's words.
   */
  appMessage?: string;

  /**
   * @param kind what went wrong
   * @param file the file's path or upload name (always named in the message)
   * @param detail the explanation, written for a biologist; the location is prefixed automatically
   * @param where line and column (or HDF5 dataset), when the problem has a place in the file
   */
  constructor(kind: DataImportErrorKind, file: string, detail: string, where: ErrorLocation = {}) {
    const message = `${describeLocation(file, where)}: ${detail}`;
    super(message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message);
    this.kind = kind;
    this.file = file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.dataset !== undefined) this.dataset = where.dataset;
  }
}

/**
 * `err` with `appDetail` — the same refusal naming the page's setting, not the CLI's flag — as its
 * `appMessage`, prefixed with the file and `where` (as given to its constructor) as `message` is.
 */
export function withAppWords<E extends DataImportError>(
  err: E,
  appDetail: string,
  where: ErrorLocation = {},
): E {
  const message = `${describeLocation(err.file, where)}: ${appDetail}`;
  err.appMessage = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
  return err;
}

/**
 * An embedding (the input option's obsm:NAME) asked of a format that holds none. `formatName` names the format
 * with its article ("a loom file"), so that `embed` — whose model, not the user, asked for the embedding — can
 * say what the file is without the option advice the message gives a user who set the option.
 */
export class NoEmbeddingsError extends DataImportError {
  constructor(
    file: string,
    detail: string,
    readonly formatName: string,
  ) {
    super('no-such-matrix', file, detail);
  }
}

/**
 * An embedding the input option asks for that the file lacks. `offered`: the file's obsm entries, so that
 * `embed` and Project another file (`engine/projection-read.ts`) — whose model, not the user, asked for it — can say what the file has
 * without the option advice (`--input`, "or genes") the message gives a user who set the option.
 */
export class MissingEmbeddingError extends DataImportError {
  constructor(
    file: string,
    detail: string,
    where: ErrorLocation,
    readonly embedding: string,
    readonly offered: readonly string[],
  ) {
    super('no-such-matrix', file, detail, where);
  }
}

/** The error a cancelled import ends with. */
export function abortError(file: string): DataImportError {
  return new DataImportError('aborted', file, 'import cancelled before it finished; nothing was loaded.');
}
