/**
 * What a command given `--json` prints on stdout when it fails: one JSON object, as `doctor --json` prints
 * `{"backend": null, "error": "…"}` — a script piping the output to jq got nothing from train, inspect or
 * embed. The human message still goes to stderr and the exit code is unchanged; this is the same failure for
 * a program to read. Pure: no TensorFlow, no file system.
 */
import { CoreError } from '../api/core-error.js';
import { DataImportError } from '../data/errors.js';
import { PreprocessError } from '../preprocess/errors.js';
import { WriteError } from '../util/write-error.js';
import { interruptionSignal, isInterruption } from './interrupt.js';

/** A command's failure as `--json` prints it. */
export interface JsonFailure {
  /** The message stderr shows, without the `tripletlens COMMAND:` prefix (doctor's `error` field). */
  error: string;
  /**
   * What went wrong: a core error's kind ('bad-request' for bad arguments, 'bad-input', 'bad-model'…), an
   * import error's ('not-a-number', 'ragged-row', 'unknown-column'…), a preprocessing error's, 'write' for a
   * destination that cannot be written, 'interrupted' for Ctrl-C or SIGTERM, else 'other'.
   */
  kind: string;
  /** The process's exit code (1, 2, 130, 143). */
  exitCode: number;
  /** The file at fault: the input an import error names, or the destination a write failed on. */
  file?: string;
  /** The 1-based line of `file` (the header is line 1). */
  line?: number;
  /** The 1-based column of `file`, or its name when the message names it so. */
  column?: number | string;
  /** The HDF5 object at fault ('/X/indptr'), for h5ad, loom and Cell Ranger .h5 files. */
  dataset?: string;
  /** A write's errno code ('ENOSPC', 'EACCES'…), when known. */
  errno?: string;
  /** The signal that stopped an interrupted command. */
  signal?: string;
}

/**
 * True when `argv` (after the command's name) gives `--json`: a switch before any `--`, after which tokens
 * are input names. Read from the tokens so a refusal of the arguments themselves — an unknown option, a
 * missing input — is printed as JSON too.
 */
export function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** `message` without a leading "tripletlens COMMAND: ", which the CLI's own refusals are written with. */
function withoutPrefix(message: string): string {
  return message.replace(/^tripletlens(?: [a-z]+)?: /, '');
}

/** The place and kind of `err`, from the fields of the error types that have them. */
function details(err: unknown): Omit<JsonFailure, 'error' | 'exitCode'> {
  if (isInterruption(err)) return { kind: 'interrupted', signal: interruptionSignal(err) };
  if (err instanceof WriteError) {
    return { kind: 'write', file: err.destination, ...(err.code === undefined ? {} : { errno: err.code }) };
  }
  if (err instanceof DataImportError) {
    return {
      kind: err.kind,
      file: err.file,
      ...(err.line === undefined ? {} : { line: err.line }),
      ...(err.column === undefined ? {} : { column: err.column }),
      ...(err.dataset === undefined ? {} : { dataset: err.dataset }),
    };
  }
  if (err instanceof CoreError || err instanceof PreprocessError) return { kind: err.kind };
  return { kind: 'other' };
}

/**
 * The JSON object of a failure that ends the command with `exitCode`. A refusal of the arguments (exit 2)
 * keeps its first paragraph: some append the command's whole --help text after a blank line, for a person.
 */
export function jsonFailure(err: unknown, exitCode: number): JsonFailure {
  const message = withoutPrefix(err instanceof Error ? err.message : String(err));
  const error = exitCode === 2 ? message.split('\n\n')[0] : message;
  const { kind, ...place } = details(err);
  return { error, kind, exitCode, ...place };
}

/** `failure` as the one JSON text `--json` prints on stdout (indented as the commands' summaries are). */
export function jsonFailureText(failure: JsonFailure): string {
  return `${JSON.stringify(failure, null, 2)}\n`;
}
