/**
 * What EngineSession needs to save and reopen `.tripletlens` sessions: the model folder as in-memory files
 * and back, the input's fingerprint, and a TrainingRun rebuilt from a session and its re-opened input
 * (the encoder loaded, the preprocessed matrix re-computed from the saved recipe — no retraining).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { FolderPrint, SessionInput, SessionInputStatus } from '../api/annotate.js';
import type { FileFormatKind } from '../api/file-format.js';
import { countText } from '../api/count-text.js';
import type { DatasetSummary } from '../api/engine-api.js';
import {
  DataImportError,
  folderPrintDifferences,
  folderPrintOf,
  mayBeCellRanger,
  TENX_MATRIX_NAME,
} from '../data/index.js';
import type { DataSource } from '../data/options.js';
import type { ExpressionTable } from '../data/types.js';
import { fillModelFolder, loadModelFolder, type LoadedModel } from './model-folder.js';
import { applyRecipe, inputSpaceRecipe } from '../preprocess/index.js';
import { sha256OfFile } from './run-report.js';
import { CoreError } from '../api/core-error.js';
import { columnValues, type CodedColumn, type SessionContents } from './session-file.js';
import type { TrainingRun } from './types.js';
import { quotedNames } from '../util/name-list.js';
import { inTempFolder } from '../util/temp-folder.js';

/** Runs `work` in a private temporary folder, removed afterwards (a failed write there names TMPDIR). */
function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  return inTempFolder('tripletlens-session-', 'a temporary copy of the model', work);
}

/** A run's model folder as files in memory, by path inside the folder. */
export async function modelFilesOfRun(run: TrainingRun): Promise<Map<string, Uint8Array>> {
  return inTempDir(async (dir) => {
    await fillModelFolder(run, dir);
    const files = new Map<string, Uint8Array>();
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path).split('\\').join('/'), new Uint8Array(await readFile(path)));
    }
    return files;
  });
}

/** Loads a model from the files modelFilesOfRun gave (the caller disposes it). */
export async function loadModelFiles(files: Map<string, Uint8Array>): Promise<LoadedModel> {
  return inTempDir(async (dir) => {
    for (const [path, data] of files) {
      const target = resolve(dir, path);
      // names come from a file the user opened: nothing may land outside the temporary folder
      if (relative(dir, target).startsWith('..') || isAbsolute(relative(dir, target))) continue;
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    try {
      return { ...(await loadModelFolder(dir)), dir: 'the session’s model' };
    } catch (err) {
      // the temporary folder means nothing to the user: name the session's model instead
      if (err instanceof CoreError)
        throw new CoreError(err.kind, err.message.split(dir).join('the session’s model'));
      throw err;
    }
  });
}

/** SHA-256 of a data source: an upload's bytes, or a file's (null for a folder or an unreadable path). */
export async function sha256OfSource(source: DataSource): Promise<string | null> {
  if (typeof source === 'string') return sha256OfFile(source);
  return createHash('sha256').update(source.bytes).digest('hex');
}

/**
 * The input as a session records it. `kind` says how it was opened: an upload's temporary path means
 * nothing later, so it is not kept (reopening asks for the file). `folderPrint` is the table's as it was read
 * (a Cell Ranger folder's, opened as the folder or as its matrix file), kept as `folder`; a matrix file keeps
 * its SHA-256 too (`knownSha256` when the caller has it; a folder has none).
 */
export async function sessionInput(
  source: DataSource,
  displayName: string,
  kind: SessionInput['kind'],
  knownSha256: string | null,
  folderPrint?: FolderPrint,
): Promise<SessionInput> {
  let size = -1;
  if (typeof source === 'string') {
    size = await stat(source).then(
      (s) => (s.isFile() ? s.size : -1),
      () => -1,
    );
  } else size = source.bytes.length;
  const sha256 = knownSha256 ?? (await sha256OfSource(source));
  return {
    kind,
    path: kind === 'upload' || typeof source !== 'string' ? '' : resolve(source),
    name: basename(displayName),
    size,
    sha256,
    ...(folderPrint ? { folder: folderPrint } : {}),
  };
}

/** How a found input differs from the session's: what it is (a file or a folder) and a phrase saying how. */
export interface InputChange {
  what: 'file' | 'folder';
  /** 'its content differs (SHA-256)', 'it holds other cells (its barcodes differ)'… */
  differs: string;
  /**
   * For a file with the session's SHA-256 that reads as another number of cells: `cellCountWords`' phrase
   * (without its subject), which says so and why.
   */
  sameContent?: string;
}

/**
 * Why a file with the session's SHA-256, read with the session's import settings, gives another number of
 * cells: a MatrixMarket file's cells come with the name files found beside it (which of its axes holds the
 * cells is told by their line counts, and an upload has none); any other file is read otherwise by this
 * version of TripletLens than by the one that saved the session.
 */
function sameContentReason(format: FileFormatKind | undefined): string {
  return format === 'mtx' || format === '10x-mtx'
    ? 'a MatrixMarket file’s cells, and which of its axes holds them, come from the barcodes and genes files ' +
        'found beside it, and these are not as they were when the session was saved (an upload has none): ' +
        'open it again beside the files it had then'
    : 'this version of TripletLens reads it otherwise than the one that saved the session (open it from ' +
        'Import to train a new map on it)';
}

/**
 * What an input read again for a session says when it gives `now` cells, not the `saved` of the session's
 * map: 'now reads as 39 cells, not the 40 of the session', and for a file with the session's SHA-256 (its
 * bytes are the same, `sameContent`) why that can be. Subject-less: the caller names the input.
 */
export function cellCountWords(
  input: SessionInput,
  format: FileFormatKind | undefined,
  now: number,
  saved: number,
): string {
  const counts = `now reads as ${countText(now)} cells, not the ${countText(saved)} of the session`;
  return inputIsFolder(input)
    ? counts
    : `${counts}, though its content is unchanged (the same SHA-256) — ${sameContentReason(format)}`;
}

/** Whether the session's input was a Cell Ranger folder (or its matrix file), not a file told by its SHA-256. */
export function inputIsFolder(input: SessionInput): boolean {
  return input.sha256 === null || input.folder !== undefined;
}

/**
 * Whether `source` is not the input a session saved: null when it is, else how it differs. A Cell Ranger
 * input — the folder, or its matrix file opened as the folder — is the same when it has the same fingerprint
 * (the same cells, genes and count of values), given as the folder or as its matrix file alike; for a session
 * saved before folders had one, any folder or matrix file of one is (`attach` then checks that it reads as as
 * many cells). A file is the same when it has the same SHA-256.
 */
export async function inputChange(saved: SessionInput, source: DataSource): Promise<InputChange | null> {
  const cellRanger = typeof source === 'string' && (await mayBeCellRanger(source));
  if (cellRanger && saved.folder) {
    try {
      const differs = folderPrintDifferences(saved.folder, await folderPrintOf(source));
      if (differs.length === 0) return null;
      return { what: 'folder', differs: `it holds ${differs.join(' and ')}` };
    } catch (err) {
      if (!(err instanceof DataImportError)) throw err;
      const why = err.message.replace(/\.$/, '');
      return { what: 'folder', differs: `it does not read as a Cell Ranger folder (${why})` };
    }
  }
  if (cellRanger && saved.sha256 === null) return null;
  if (saved.sha256 === null) {
    return { what: 'folder', differs: 'it is a file, not a Cell Ranger folder or the matrix file of one' };
  }
  const sha = await sha256OfSource(source);
  return sha !== null && sha === saved.sha256
    ? null
    : { what: 'file', differs: 'its content differs (SHA-256)' };
}

/** Whether something is at `path`. */
async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Where a session's input is now, or null when it is not found (or there is nowhere to look: see
 * inputCandidate). A Cell Ranger matrix file (a session with a folder's fingerprint) gzipped or unzipped where
 * it was is found under its other name: `matrix.mtx` for `matrix.mtx.gz` and back.
 */
export async function foundInput(
  input: SessionInput,
  samplePath: string,
  inputRoot?: string,
): Promise<string | null> {
  const path = inputCandidate(input, samplePath, inputRoot);
  if (path === null || (await exists(path))) return path;
  if (!input.folder || !TENX_MATRIX_NAME.test(basename(path))) return null;
  const respelt = /\.gz$/i.test(path) ? path.slice(0, -3) : `${path}.gz`;
  return (await exists(respelt)) ? respelt : null;
}

/**
 * A file's name as a message shows it: its base name, with its folder for a Cell Ranger matrix file (every
 * one is called matrix.mtx.gz: 'sample_A/matrix.mtx.gz').
 */
export function shownName(path: string): string {
  const name = basename(path);
  const folder = basename(dirname(path));
  return TENX_MATRIX_NAME.test(name) && folder && folder !== '.' && folder !== '/'
    ? `${folder}/${name}`
    : name;
}

/**
 * How a message names a session's input: its path (its name for an upload); a Cell Ranger folder opened as
 * its matrix file, as that folder.
 */
function inputWhere(input: SessionInput): string {
  const where = input.path || input.name;
  return input.folder && input.path && TENX_MATRIX_NAME.test(basename(input.path))
    ? `${dirname(input.path)} (opened as its ${basename(input.path)})`
    : where;
}

/** What became of a reopened session's input that is not attached (`SessionInputStatus` but 'attached'). */
export type UnattachedStatus = Exclude<SessionInputStatus, 'attached'>;

/**
 * The first words of a reopened session's message when its input is not attached: where the input was and
 * what became of it — not found, an upload (not on this machine), found but not readable there (`problem`,
 * `inputAccessProblem`'s predicate: 'cannot be read (permission denied)', 'is a folder, not a file' — never
 * compared, so never said to differ), or found but not the session's (`change`).
 */
export function unattachedInputWords(
  input: SessionInput,
  status: UnattachedStatus,
  change: InputChange | null,
  problem: string | null = null,
): string {
  const where = input.path || input.name;
  if (status === 'missing') {
    return input.kind === 'upload'
      ? `The input file ${input.name} was uploaded from a page and is not on this machine`
      : `The input file ${where} was not found`;
  }
  if (status === 'unreadable') {
    const what = inputIsFolder(input) ? 'folder' : 'file';
    return `The input ${what} ${inputWhere(input)} ${problem ?? 'cannot be read'}`;
  }
  if (change?.what === 'folder') {
    return `The input folder ${inputWhere(input)} has changed since the session was saved — ${change.differs}`;
  }
  if (change?.sameContent) return `The input file ${where} ${change.sameContent}`;
  return `The input file ${where} has changed since the session was saved (its SHA-256 differs)`;
}

/**
 * What a reopened session without its input says: why (`unattachedInputWords`), what still works, and how to
 * re-attach it — a file with the file input “Open the input file again”; a Cell Ranger folder, which no file
 * input takes, by its path, with the choosers beside it (the desktop app's dialog, serve's folder browser).
 */
export function unattachedInputMessage(
  input: SessionInput,
  status: UnattachedStatus,
  change: InputChange | null,
  problem: string | null = null,
): string {
  const why = unattachedInputWords(input, status, change, problem);
  const shown = `${why}: the map and labels are shown as saved, but retraining, marker genes and exports need the original`;
  const fromImport = 'opening it from Import starts afresh, without the saved map';
  if (inputIsFolder(input)) {
    return (
      `${shown} 10x folder — re-attach it by its path under “Open the input file again” in Explore's Edit labels ` +
      `panel: “Choose its 10x folder…” in the desktop app, “Find it in the server’s folder” in a browser (a ` +
      `folder with the same barcodes, features and count of values re-attaches; ${fromImport}).`
    );
  }
  return (
    `${shown} file — open it with “Open the input file again” in Explore's Edit labels panel (a file with the ` +
    `same content re-attaches; ${fromImport}).`
  );
}

/** Where a session's input would be now, or null when there is nowhere to look (an upload). */
export function inputCandidate(input: SessionInput, samplePath: string, inputRoot?: string): string | null {
  const path = input.kind === 'sample' ? samplePath : input.kind === 'path' ? input.path : '';
  if (!path || !isAbsolute(path)) return null;
  // under `serve`, only files inside --root may be opened (a session file could name any path)
  if (inputRoot !== undefined && input.kind !== 'sample') {
    const inside = relative(resolve(inputRoot), resolve(path));
    if (inside.startsWith('..') || isAbsolute(inside)) return null;
  }
  return path;
}

/**
 * The run a session holds, on its re-opened input `table`: the saved map, labels and report with the
 * session's encoder and the input preprocessed again by the saved recipe (for the neighbourhood check).
 * The caller owns `model.encoder` through the returned run.
 */
export function restoredRun(
  contents: SessionContents,
  model: LoadedModel,
  table: ExpressionTable,
): TrainingRun {
  const { result } = contents;
  // the input space (without the class evidence), as a fresh run's `input`
  const input = applyRecipe(inputSpaceRecipe(model.recipe), table.values, table.genes).matrix;
  return {
    coords: result.coords,
    split: result.split,
    labels: result.labels,
    classes: model.manifest.classes,
    labelColumn: result.labelColumn,
    metrics: result.metrics,
    report: model.report,
    encoder: model.encoder,
    recipe: model.recipe,
    ...(model.geneIds ? { geneIds: model.geneIds } : {}),
    input,
  };
}

/** The table a restored run refers to: a run on edited labels needs that column back (from its labels). */
export function tableForRun(table: ExpressionTable, result: SessionContents['result']): ExpressionTable {
  if (table.metadata.some((m) => m.name === result.labelColumn)) return table;
  return { ...table, metadata: [...table.metadata, { name: result.labelColumn, values: result.labels }] };
}

/**
 * The reopened input with the session's kept metadata columns (of a joined metadata file) it lacks, as they
 * were when saved; the input's own columns stay. Unchanged when the session kept none (an older one), or when
 * the cell count differs (the caller refuses that input).
 */
export function withJoinedMetadata(table: ExpressionTable, kept: CodedColumn[] | undefined): ExpressionTable {
  if (!kept?.length || kept[0].codes.length !== table.ids.length) return table;
  const present = new Set(table.metadata.map((m) => m.name));
  const added = kept
    .filter((c) => !present.has(c.name))
    .map((c) => ({ name: c.name, values: columnValues(c), joined: true as const }));
  return added.length ? { ...table, metadata: [...table.metadata, ...added] } : table;
}

/**
 * What an attached session's input lacks that the saved dataset had: the columns of a metadata file joined
 * after the input was opened (`--meta-file`, Import's metadata), which a session does not keep — the file may
 * have been an upload. The run's label column comes back from the run's labels; the others are gone until the
 * file is joined again. Empty when nothing was joined or nothing is missing.
 */
export function unjoinedMetadataNote(
  saved: Pick<DatasetSummary, 'metadata' | 'metadataSource'>,
  reopened: Pick<DatasetSummary, 'metadata'>,
  labelColumn: string,
): string {
  if (saved.metadataSource === null) return '';
  const present = new Set(reopened.metadata.map((m) => m.name));
  const lost = saved.metadata.map((m) => m.name).filter((n) => !present.has(n));
  if (lost.length === 0) return '';
  const file = basename(saved.metadataSource);
  const label = lost.includes(labelColumn)
    ? ` (the map keeps its labels, ${quotedNames([labelColumn])})`
    : '';
  return (
    `The metadata joined from ${file} is not joined again: its columns ${quotedNames(lost)} are not loaded${label}. ` +
    `Join ${file} again on the Import screen to train on them (a new run: it replaces this map).`
  );
}
