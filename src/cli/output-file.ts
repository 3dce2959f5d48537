/**
 * A command's file outputs (`--out`, `--report`) as their names promise. A name ending in `.gz` is written
 * gzip-compressed, as pandas' `read_csv('x.csv.gz')`, `zcat` and R's `read.csv` expect from the name (the
 * plain text they were given refused to open: "Not a gzipped file"); an `.h5ad.gz` is refused, as anndata
 * reads only an uncompressed `.h5ad` (its arrays are compressed inside). A path ending in a folder separator
 * (`--out results/`) names a folder: refused, where `resolve` dropped the separator and wrote a file named
 * `results`. A text output named `.tsv` or `.txt` (before any `.gz`) is tab-separated, as its name tells pandas,
 * R's `read.delim` and scanpy's `read_text`; any other name is comma-separated. A name of a format no
 * command writes (`.xlsx`, `.loom`…) is refused, where CSV text was written under it, as is a run report
 * (JSON) named other than `.json` (`--report run.csv`).
 */
import { statSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { UsageError } from './usage-error.js';
import type { FieldDelimiter } from '../util/csv-format.js';

const gzipAsync = promisify(gzip);

/** True when a file output's name asks for gzip compression (`coords.csv.gz`, any case). */
export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** The field delimiter a text output's name asks for: a tab for `.tsv`/`.txt` (also `.tsv.gz`), else a comma. */
export function textDelimiter(path: string): FieldDelimiter {
  return /\.(tsv|txt)(\.gz)?$/i.test(path) ? '\t' : ',';
}

/**
 * The path given to a file option, checked: one naming a folder (a trailing `/`, or the platform's separator,
 * or an existing folder without it) or a gzipped `.h5ad` is a usage error (exit 2) saying what to give
 * instead; `example` is the file name its message suggests in the folder (e.g. coords.csv).
 */
export function checkedFilePath(command: string, option: string, path: string, example: string): string {
  const trailing = path.endsWith('/') || path.endsWith(sep);
  // `--out results` where results/ exists was the write check's exit 1, "it is a folder, not a file", with
  // no hint, while `--out results/` was this exit 2 naming a file to give: one mistake, one answer
  if (trailing || isFolder(path)) {
    throw new UsageError(
      `tripletlens ${command}: ${option} ${path} names a folder; give a file in it, e.g. ${option} ${trailing ? path : `${path}${sep}`}${example}`,
    );
  }
  refuseForeignFormat(command, option, path, example);
  if (/\.json$/i.test(example)) refuseNonJsonName(command, option, path);
  if (/\.h5ad\.gz$/i.test(path)) {
    throw new UsageError(
      `tripletlens ${command}: ${option} ${path}: an .h5ad cannot be gzipped as a whole (anndata and cellxgene read it only uncompressed; its arrays are compressed inside); give ${option} ${path.slice(0, -3)}`,
    );
  }
  return path;
}

/** Output names of formats no command writes, and what they name (`train --out map.xlsx` wrote CSV text). */
const FOREIGN_FORMATS: readonly (readonly [RegExp, string])[] = [
  [/\.(xlsx|xlsm|xls|ods)$/i, 'a spreadsheet workbook'],
  [/\.loom$/i, 'a loom file'],
  [/\.(h5|hdf5)$/i, 'an HDF5 file'],
  [/\.parquet$/i, 'a Parquet file'],
  [/\.(rds|rdata)$/i, 'an R data file'],
  [/\.zip$/i, 'a zip archive'],
];

/**
 * Refuses an output name of a format the option's file is not (`--out map.xlsx`, `--report run.xlsx`): the
 * file was written as CSV text (or JSON) under that name, which Excel, loompy or R then refused to open as
 * what its name says. `example` (coords.csv, run.json) gives what the option writes and the name to suggest.
 */
function refuseForeignFormat(command: string, option: string, path: string, example: string): void {
  const name = path.replace(/\.gz$/i, '');
  const found = FOREIGN_FORMATS.find(([pattern]) => pattern.test(name));
  if (found === undefined) return;
  const [pattern, what] = found;
  const json = /\.json$/i.test(example);
  const writes = json
    ? 'the run report is JSON'
    : 'the table is written as text (.csv, .tsv or .txt, optionally .gz) or as an AnnData .h5ad';
  const suggested = name.replace(pattern, json ? '.json' : '.csv');
  const excel = !json && what === 'a spreadsheet workbook' ? ' (a spreadsheet opens it)' : '';
  throw new UsageError(
    `tripletlens ${command}: ${option} ${path} names ${what}, but ${writes}; give ${option} ${suggested}${excel}`,
  );
}

/**
 * Refuses a JSON output (the run report) named with another extension: `--report run.csv` wrote JSON under a
 * .csv name, which a script's `pd.read_csv` or a spreadsheet then misread. A name without an extension
 * (`--report run`) is taken as given; `.json.gz` is gzip-compressed JSON.
 */
function refuseNonJsonName(command: string, option: string, path: string): void {
  const name = path.replace(/\.gz$/i, '');
  const extension = /\.([A-Za-z][A-Za-z0-9]*)$/.exec(basename(name));
  if (extension === null || extension[1].toLowerCase() === 'json') return;
  const suggested = `${name.slice(0, -extension[0].length)}.json`;
  throw new UsageError(
    `tripletlens ${command}: ${option} ${path}: the run report is JSON, so ${option} takes a name ending in .json (or .json.gz, gzip-compressed), not .${extension[1]}; give ${option} ${suggested}`,
  );
}

/**
 * Whether `path` is a folder. Any error is "no": a path through a file (ENOTDIR, which throwIfNoEntry does not
 * cover) or an unreadable one is named by the writability check in our words, not as Node's "ENOTDIR: not a
 * directory, stat …".
 */
function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/** A text output's bytes for `path`: gzip-compressed when its name ends in `.gz`, else the text as UTF-8. */
export async function textFileContent(path: string, text: string): Promise<string | Buffer> {
  return isGzipPath(path) ? gzipAsync(Buffer.from(text, 'utf8')) : text;
}
