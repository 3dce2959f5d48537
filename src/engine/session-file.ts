/**
 * The `.tripletlens` session file: one ZIP archive (src/util/zip-archive.ts) holding everything needed to
 * show a map again without retraining —
 *
 *   tripletlens-session.json  format + version, the input (path, name, size, SHA-256 — a Cell Ranger
 *                             folder's fingerprint instead, `input.folder`), import settings and
 *                             label column, the dataset summary, the run (ids, labels, split, metrics,
 *                             report), predicted labels, edited label names, the page's view settings
 *   coords.f32                the map, cells × dims, float32 little-endian
 *   confidence.f32            the prediction confidence per cell (NaN: none)
 *   edited-codes.i32          the edited label of each cell (int32, -1 unlabeled), when there are edits
 *   selection.i32             the selected rows (int32)
 *   metadata/K.i32            column K of a joined metadata file (`--meta-file`, Import's metadata): one
 *                             int32 code per cell (-1 empty), its names in the manifest's joinedMetadata;
 *                             absent in sessions saved before they were kept (those reopen without them)
 *   projected/…               the cells of Project another file shown when it was saved (absent without, and
 *                             in sessions saved before they were kept): coords.f32 (cells × dims),
 *                             confidence.f32, metadata/K.i32 (the joined metadata columns, coded as above);
 *                             the rest — ids, predictions, the file's name and fingerprint, and the two
 *                             names Export projected cells' CSV is made again with (`csvColumns`) — in the
 *                             manifest's `projected`. Sessions saved before 2026-12-03 have the CSV itself
 *                             instead of `csvColumns`, cells.csv, exported as saved.
 *   model/…                   the model folder (encoder, preprocessing recipe, kNN reference, run report)
 *
 * Reading checks every shape against the others, so a damaged or foreign file is one clear message.
 */
import type { EditedLabels } from '../api/annotation.js';
import type { FolderPrint, OpenedSession, SessionInput, SessionSettings } from '../api/annotate.js';
import type { DatasetSummary, EmbedResult, RunResult } from '../api/engine-api.js';
import { rowWords, type FileFormatKind } from '../api/file-format.js';
import { packageVersion } from '../util/paths.js';
import { formatBytes } from '../data/memory-guard.js';
import { readZip, writeZip, ZipFormatError, ZipTooLargeError, type ZipInput } from '../util/zip-archive.js';
import { dataFileWords } from './session-foreign.js';
import { JsonTextError, parseJsonText } from '../util/json-text.js';
import type { ProjectedCsv, ProjectedCsvColumns } from './projection-result.js';

export const SESSION_FORMAT = 'tripletlens-session';
/**
 * The newest session format this version reads. A file is written as the oldest format that holds it: 1, or 2
 * when its projected cells keep the names their CSV is made again with instead of the CSV (2026-12-03) —
 * a reader of format 1 would take the missing projected/cells.csv for damage.
 */
export const SESSION_FORMAT_VERSION = 2;
/**
 * The largest session file: what `fs.readFile` reads into one buffer (Node's kIoMaxLength, 2 GiB − 1), as a
 * session is read whole (session-read.ts). Save session refuses a larger one rather than write what cannot open.
 */
export const SESSION_READ_LIMIT = 2 ** 31 - 1;
/** The extension session files get (the Open dialogs filter on it; the content decides). */
export const SESSION_EXTENSION = 'tripletlens';
const MANIFEST = 'tripletlens-session.json';
const MODEL_PREFIX = 'model/';

/** A cell metadata column as codes into its distinct values (compact: one int32 per cell; -1 is empty). */
export interface CodedColumn {
  name: string;
  categories: string[];
  codes: Int32Array;
}

/** A text column as codes + categories ('' becomes -1). */
export function codedColumn(name: string, values: string[]): CodedColumn {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === '') codes[i] = -1;
    else {
      let c = index.get(v);
      if (c === undefined) index.set(v, (c = index.size));
      codes[i] = c;
    }
  });
  return { name, categories: [...index.keys()], codes };
}

/** The text values of a coded column. */
export function columnValues(column: CodedColumn): string[] {
  return Array.from(column.codes, (c) => (c < 0 ? '' : column.categories[c]));
}

/** Everything a session file holds, in memory. */
export interface SessionContents extends Pick<
  OpenedSession,
  'input' | 'summary' | 'result' | 'predictions' | 'editedLabels' | 'selection' | 'view'
> {
  createdAt: string;
  settings: SessionSettings;
  /** The model folder's files by their path inside it ('model.json', 'encoder/weights.bin'…). */
  modelFiles: Map<string, Uint8Array>;
  /**
   * The cell metadata columns of the dataset when a metadata file was joined to the input, so a reopened
   * session has them without joining again. Default: none (nothing joined, or a session saved before).
   */
  joinedMetadata?: CodedColumn[];
  /**
   * The cells of Project another file the page showed, as projected (`SaveSessionRequest.projected`). Default:
   * none (nothing projected, or a session saved before they were kept).
   */
  projected?: StoredProjection;
}

/**
 * Projected cells as a session keeps them: the page's `EmbedResult` less its `projectionId` (an id of the engine
 * that projected them; a reopened session's engine holds them under a new one), with what Export projected
 * cells' CSV is made from: the names of its id and label columns (`projectedCsv` makes the same text from the
 * cells), or — read from a session saved before 2026-12-03 — the CSV itself as saved.
 */
export interface StoredProjection extends Omit<EmbedResult, 'projectionId'> {
  csv: ProjectedCsv;
}

/** A session file that cannot be read; the message names the file and says what is wrong. */
export class SessionFileError extends Error {
  override name = 'SessionFileError';
}

/** The JSON part of the file (arrays of numbers travel in the binary entries). */
interface Manifest {
  format: typeof SESSION_FORMAT;
  formatVersion: number;
  createdAt: string;
  tool: { name: 'tripletlens'; version: string };
  input: SessionInput;
  settings: SessionSettings;
  summary: DatasetSummary;
  result: Omit<RunResult, 'coords'> & { coords: { rows: number; cols: number } };
  predictions: { runId: string; predicted: string[] };
  editedLabels: Omit<EditedLabels, 'codes'> | null;
  view: unknown;
  /** Names and categories of the entries metadata/K.i32; absent in older sessions. */
  joinedMetadata?: { name: string; categories: string[] }[];
  /** The projected cells but their numbers (the entries projected/…); absent without, and in older sessions. */
  projected?: ProjectedManifest;
}

/** The manifest's part of the projected cells: the EmbedResult less what travels in projected/… entries. */
interface ProjectedManifest extends Omit<
  StoredProjection,
  'coords' | 'confidence' | 'joinedMetadata' | 'csv'
> {
  coords: { rows: number; cols: number };
  joinedMetadata: { name: string; categories: string[] }[];
  /** The names the CSV is made again with; absent in sessions saved before 2026-12-03 (with cells.csv). */
  csvColumns?: ProjectedCsvColumns;
}

const PROJECTED_PREFIX = 'projected/';
/** The projected cells' CSV as sessions saved before 2026-12-03 kept it. */
const PROJECTED_CSV = `${PROJECTED_PREFIX}cells.csv`;

/** The projected cells as the manifest's part and their entries. */
function projectedParts(p: StoredProjection): { manifest: ProjectedManifest; entries: ZipInput[] } {
  // (a page's whole cells carry no csvColumns of their own into the manifest)
  const {
    coords,
    confidence,
    joinedMetadata,
    csv,
    csvColumns: _sent,
    ...rest
  } = p as StoredProjection & {
    csvColumns?: unknown;
  };
  const coded = joinedMetadata.map((c) => codedColumn(c.name, c.values));
  // the CSV is made again from the cells when asked for; only an older session's own text is kept as it is
  const text = 'text' in csv ? csv.text : null;
  return {
    manifest: {
      ...rest,
      coords: { rows: coords.rows, cols: coords.cols },
      joinedMetadata: coded.map((c) => ({ name: c.name, categories: c.categories })),
      ...('text' in csv ? {} : { csvColumns: { idColumn: csv.idColumn, labelColumn: csv.labelColumn } }),
    },
    entries: [
      { name: `${PROJECTED_PREFIX}coords.f32`, data: float32Bytes(coords.data), compress: false },
      { name: `${PROJECTED_PREFIX}confidence.f32`, data: float32Bytes(confidence) },
      ...coded.map((c, k) => ({ name: `${PROJECTED_PREFIX}metadata/${k}.i32`, data: int32Bytes(c.codes) })),
      ...(text === null ? [] : [{ name: PROJECTED_CSV, data: new TextEncoder().encode(text) }]),
    ],
  };
}

function float32Bytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function int32Bytes(values: Int32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setInt32(i * 4, v, true));
  return out;
}

function readFloat32(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length >> 2 }, (_, i) => view.getFloat32(i * 4, true));
}

function readInt32(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: bytes.length >> 2 }, (_, i) => view.getInt32(i * 4, true));
}

/**
 * The refusal of a session whose text parts — the manifest's ids, labels and predictions, the model's kNN reference
 * — are longer than one JavaScript string can be (V8's limit, 2²⁹ − 24 characters: ~9 million cells with as many
 * projected, bench/README.md "How large a session gets"), for `err` thrown while they were made; null for another
 * error.
 */
export function tooLongForSession(err: unknown, projectedKind?: FileFormatKind): SessionFileError | null {
  if (!(err instanceof RangeError) || !/invalid string length/i.test(err.message)) return null;
  return new SessionFileError(
    `The session cannot be saved: its text — the cells’ ids, labels and predictions, the model’s kNN reference — is longer than the longest string JavaScript can hold (about 512 MB). ${removeProjected(projectedKind)} and save again, or keep this map as exports (coordinates, the .h5ad result)`,
  );
}

/**
 * What to remove, as Project another file's button names it: "Remove the projected rows" for a CSV/TSV's (a
 * bulk panel's samples are no cells — the button reads Remove projected rows), cells otherwise or when unknown.
 */
function removeProjected(kind: FileFormatKind | undefined): string {
  return `Remove the projected ${rowWords(kind).many}`;
}

/**
 * The session as the bytes of a `.tripletlens` file; one larger than `maxBytes` (default
 * {@link SESSION_READ_LIMIT}, what can be read back) is refused with a SessionFileError before it is built.
 */
export function sessionBytes(contents: SessionContents, maxBytes = SESSION_READ_LIMIT): Uint8Array {
  const { coords, ...result } = contents.result;
  const projected = contents.projected ? projectedParts(contents.projected) : null;
  const manifest: Manifest = {
    format: SESSION_FORMAT,
    formatVersion: projected?.manifest.csvColumns ? 2 : 1,
    createdAt: contents.createdAt,
    tool: { name: 'tripletlens', version: packageVersion() },
    input: contents.input,
    settings: contents.settings,
    summary: contents.summary,
    result: { ...result, coords: { rows: coords.rows, cols: coords.cols } },
    predictions: { runId: contents.predictions.runId, predicted: contents.predictions.predicted },
    editedLabels: contents.editedLabels
      ? {
          column: contents.editedLabels.column,
          source: contents.editedLabels.source,
          categories: contents.editedLabels.categories,
        }
      : null,
    view: contents.view ?? null,
    ...(contents.joinedMetadata?.length
      ? { joinedMetadata: contents.joinedMetadata.map((c) => ({ name: c.name, categories: c.categories })) }
      : {}),
  };
  if (projected) manifest.projected = projected.manifest;
  let manifestText: string;
  try {
    manifestText = JSON.stringify(manifest);
  } catch (err) {
    throw tooLongForSession(err, contents.projected?.format.kind) ?? err;
  }
  const entries: ZipInput[] = [
    { name: MANIFEST, data: new TextEncoder().encode(manifestText) },
    { name: 'coords.f32', data: float32Bytes(coords.data), compress: false },
    { name: 'confidence.f32', data: float32Bytes(contents.predictions.confidence) },
    { name: 'selection.i32', data: int32Bytes(contents.selection) },
  ];
  if (contents.editedLabels) {
    entries.push({ name: 'edited-codes.i32', data: int32Bytes(contents.editedLabels.codes) });
  }
  (contents.joinedMetadata ?? []).forEach((c, k) => {
    entries.push({ name: `metadata/${k}.i32`, data: int32Bytes(c.codes) });
  });
  if (projected) entries.push(...projected.entries);
  for (const [path, data] of [...contents.modelFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    entries.push({ name: `${MODEL_PREFIX}${path}`, data, compress: !path.endsWith('.bin') });
  }
  try {
    return writeZip(entries, maxBytes);
  } catch (err) {
    if (!(err instanceof ZipTooLargeError)) throw err;
    throw new SessionFileError(
      `The session cannot be saved: it would be ${formatBytes(err.bytes)}, more than the ${formatBytes(maxBytes + 1)} a session can be read back in. ${removeProjected(contents.projected?.format.kind)}, or join fewer metadata columns, and save again`,
    );
  }
}

const isStrings = (v: unknown, n?: number): v is string[] =>
  Array.isArray(v) && (n === undefined || v.length === n) && v.every((s) => typeof s === 'string');

/** Whether a folder's fingerprint read back has its counts and SHA-256s. */
function isFolderPrint(v: unknown): boolean {
  const p = v as Partial<Record<keyof FolderPrint, unknown>> | null;
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  const sha = (h: unknown) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);
  return (
    typeof p === 'object' &&
    p !== null &&
    count(p.cells) &&
    count(p.genes) &&
    count(p.values) &&
    sha(p.barcodes) &&
    sha(p.features)
  );
}

/**
 * Checks the projected cells' manifest part against their entries and the map (`cols` dimensions); returns
 * the problem in a phrase after "the projected cells", or null when they fit.
 */
function projectedProblem(p: ProjectedManifest, files: Map<string, Uint8Array>, cols: number): string | null {
  if (typeof p !== 'object' || p === null || !isStrings(p.ids)) return '(projected) have no cell ids';
  const n = p.ids.length;
  if (p.coords?.rows !== n || p.coords.cols !== cols) return 'do not match their ids or the map';
  if (files.get(`${PROJECTED_PREFIX}coords.f32`)?.length !== n * cols * 4)
    return '(projected/coords.f32) are missing or cut short';
  if (files.get(`${PROJECTED_PREFIX}confidence.f32`)?.length !== n * 4)
    return '(projected/confidence.f32) do not match their ids';
  if (!isStrings(p.predicted, n)) return 'have no predicted label each';
  if (p.labels !== null && !isStrings(p.labels, n)) return 'have labels that do not match them';
  if (typeof p.source !== 'string' || typeof p.file?.name !== 'string' || typeof p.format?.kind !== 'string')
    return 'do not name their file';
  if (!isStrings(p.missingGenes) || !isStrings(p.warnings) || !isStrings(p.notes))
    return 'have damaged notes';
  const columns = p.csvColumns;
  if (columns === undefined) {
    if (!files.has(PROJECTED_CSV)) return `(${PROJECTED_CSV}) have no CSV`;
  } else if (typeof columns?.idColumn !== 'string' || typeof columns.labelColumn !== 'string') {
    return 'have damaged CSV column names (csvColumns)';
  }
  if (!Array.isArray(p.joinedMetadata)) return 'have damaged joined metadata';
  for (const [k, c] of p.joinedMetadata.entries()) {
    const entry = `${PROJECTED_PREFIX}metadata/${k}.i32`;
    if (typeof c?.name !== 'string' || !isStrings(c.categories) || files.get(entry)?.length !== n * 4) {
      return `have a joined metadata column (${entry}) that is missing or does not match them`;
    }
  }
  return null;
}

/** The projected cells of a checked manifest part and entries (`fail` words a code with no value). */
function readProjected(
  p: ProjectedManifest,
  files: Map<string, Uint8Array>,
  fail: (why: string) => Error,
): StoredProjection {
  const { coords, joinedMetadata, csvColumns, ...rest } = p;
  const data = readFloat32(files.get(`${PROJECTED_PREFIX}coords.f32`)!);
  if (data.some((v) => !Number.isFinite(v)))
    throw fail('it is damaged (the projected cells have non-finite coordinates)');
  const confidence = readFloat32(files.get(`${PROJECTED_PREFIX}confidence.f32`)!);
  // the CSV is made from them: a non-finite one would fail the export, not the opening
  if (csvColumns && confidence.some((v) => !Number.isFinite(v)))
    throw fail('it is damaged (the projected cells have non-finite confidences)');
  return {
    ...rest,
    coords: { data, rows: coords.rows, cols: coords.cols },
    confidence,
    joinedMetadata: joinedMetadata.map((c, k) => {
      const codes = readInt32(files.get(`${PROJECTED_PREFIX}metadata/${k}.i32`)!);
      if (codes.some((v) => v < -1 || v >= c.categories.length)) {
        throw fail(
          `it is damaged (the projected cells' joined column "${c.name}", projected/metadata/${k}.i32, has a code with no value)`,
        );
      }
      return { name: c.name, values: columnValues({ name: c.name, categories: c.categories, codes }) };
    }),
    csv: csvColumns
      ? { idColumn: csvColumns.idColumn, labelColumn: csvColumns.labelColumn }
      : { text: new TextDecoder().decode(files.get(PROJECTED_CSV)!) },
  };
}

/** Checks the parts against each other; returns the problem in a phrase, or null when they fit. */
function problemIn(m: Manifest, files: Map<string, Uint8Array>): string | null {
  const r = m.result;
  const n = r?.ids?.length;
  if (!r || !isStrings(r.ids) || !Number.isInteger(r.coords?.rows) || r.coords.rows !== n) {
    return 'the run has no cell ids or they do not match the map';
  }
  if (!isStrings(r.labels, n) || !Array.isArray(r.split) || r.split.length !== n) {
    return 'the labels or the split do not match the cells';
  }
  if (!Number.isInteger(r.coords.cols) || r.coords.cols < 1 || r.coords.cols > 10) {
    return 'the map has no valid number of dimensions';
  }
  if (files.get('coords.f32')?.length !== n * r.coords.cols * 4)
    return 'the coordinates are missing or cut short';
  if (!isStrings(m.predictions?.predicted, n)) return 'the predicted labels do not match the cells';
  if (files.get('confidence.f32')?.length !== n * 4)
    return 'the prediction confidences do not match the cells';
  if (files.get('selection.i32') === undefined) return 'the selection is missing';
  if (m.editedLabels !== null) {
    if (!isStrings(m.editedLabels?.categories) || typeof m.editedLabels.column !== 'string') {
      return 'the edited labels are damaged';
    }
    if (files.get('edited-codes.i32')?.length !== n * 4) return 'the edited labels do not match the cells';
  }
  if (!m.summary || typeof m.summary.source !== 'string') return 'the dataset summary is missing';
  if (!m.input || typeof m.input.name !== 'string' || typeof m.input.path !== 'string') {
    return 'the input file is not recorded';
  }
  if (m.input.folder !== undefined && !isFolderPrint(m.input.folder)) {
    return "the input folder's fingerprint (input.folder) is damaged";
  }
  const joined = m.joinedMetadata;
  if (joined !== undefined && !Array.isArray(joined))
    return 'the joined metadata (joinedMetadata) is damaged';
  for (const [k, c] of (joined ?? []).entries()) {
    const entry = `metadata/${k}.i32`;
    if (typeof c?.name !== 'string' || !isStrings(c.categories)) {
      return `the joined metadata column ${k + 1} (joinedMetadata) is damaged`;
    }
    if (files.get(entry)?.length !== n * 4) {
      return `the joined metadata column "${c.name}" (${entry}) is missing or does not match the cells`;
    }
  }
  if (m.projected !== undefined) {
    const why = projectedProblem(m.projected, files, r.coords.cols);
    if (why) return `the projected cells ${why}`;
  }
  for (const need of ['model.json', 'recipe.json', 'reference.json', 'run.json', 'encoder/model.json']) {
    if (!files.has(`${MODEL_PREFIX}${need}`)) return `the model file ${need} is missing`;
  }
  return null;
}

/** Reads a `.tripletlens` file's bytes; `name` names it in messages. */
export function parseSession(bytes: Uint8Array, name: string): SessionContents {
  const fail = (why: string) =>
    new SessionFileError(`${name} cannot be opened as a TripletLens session: ${why}`);
  let files: Map<string, Uint8Array>;
  try {
    files = readZip(bytes);
  } catch (err) {
    if (!(err instanceof ZipFormatError)) throw err;
    // a data file given to Open session: what it is and where data opens, before the ZIP's own words
    throw fail(dataFileWords(bytes) ?? err.message.replace(/^./, (c) => c.toLowerCase()));
  }
  const manifestBytes = files.get(MANIFEST);
  if (!manifestBytes) throw fail(`it is a ZIP archive without ${MANIFEST} (not a session file)`);
  let manifest: Manifest;
  try {
    manifest = parseJsonText(new TextDecoder().decode(manifestBytes), MANIFEST) as Manifest;
  } catch (err) {
    // "tripletlens-session.json, line 3, column 5: not valid JSON: …": its place in the archive's file
    if (!(err instanceof JsonTextError)) throw err;
    throw fail(err.message);
  }
  if (manifest?.format !== SESSION_FORMAT) throw fail(`${MANIFEST} does not describe a session`);
  if (!(manifest.formatVersion >= 1) || manifest.formatVersion > SESSION_FORMAT_VERSION) {
    throw fail(
      `it was saved by a newer TripletLens (session format ${String(manifest.formatVersion)}); this version, ${packageVersion()}, reads up to ${SESSION_FORMAT_VERSION}: update TripletLens to open it`,
    );
  }
  const problem = problemIn(manifest, files);
  if (problem) throw fail(`it is damaged (${problem})`);
  const n = manifest.result.ids.length;
  const selection = readInt32(files.get('selection.i32')!);
  if (selection.some((r, i) => r < 0 || r >= n || (i > 0 && r <= selection[i - 1]))) {
    throw fail('it is damaged (the selection names cells that do not exist)');
  }
  let editedLabels: EditedLabels | null = null;
  if (manifest.editedLabels) {
    const codes = readInt32(files.get('edited-codes.i32')!);
    const k = manifest.editedLabels.categories.length;
    if (codes.some((c) => c < -1 || c >= k)) throw fail('it is damaged (an edited label has no name)');
    editedLabels = { ...manifest.editedLabels, codes };
  }
  const joinedMetadata = (manifest.joinedMetadata ?? []).map((c, k): CodedColumn => {
    const codes = readInt32(files.get(`metadata/${k}.i32`)!);
    if (codes.some((v) => v < -1 || v >= c.categories.length)) {
      throw fail(
        `it is damaged (the joined metadata column "${c.name}", metadata/${k}.i32, has a code with no value)`,
      );
    }
    return { name: c.name, categories: c.categories, codes };
  });
  const coords = readFloat32(files.get('coords.f32')!);
  if (coords.some((v) => !Number.isFinite(v)))
    throw fail('it is damaged (the map has non-finite coordinates)');
  const projected = manifest.projected ? readProjected(manifest.projected, files, fail) : null;
  const modelFiles = new Map<string, Uint8Array>();
  for (const [path, data] of files) {
    if (path.startsWith(MODEL_PREFIX)) modelFiles.set(path.slice(MODEL_PREFIX.length), data);
  }
  return {
    createdAt: String(manifest.createdAt),
    input: manifest.input,
    settings: manifest.settings ?? { importSettings: {}, labelColumn: manifest.result.labelColumn },
    summary: manifest.summary,
    result: { ...manifest.result, coords: { data: coords, rows: n, cols: manifest.result.coords.cols } },
    predictions: {
      runId: manifest.predictions.runId,
      predicted: manifest.predictions.predicted,
      confidence: readFloat32(files.get('confidence.f32')!),
    },
    editedLabels,
    selection,
    view: manifest.view ?? null,
    modelFiles,
    ...(joinedMetadata.length ? { joinedMetadata } : {}),
    ...(projected ? { projected } : {}),
  };
}
