/**
 * EngineSession: the engine side of EngineApi, run inside the worker process. It holds the loaded table,
 * the run in progress and the last finished run (with its encoder), and turns every failure into an
 * EngineError with a readable message — a bad file or a failed run never takes the process down.
 */
import { appendLossPoint, lossStepPoint, type LossStepPoint } from '../api/loss-steps.js';
import { readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { inputStem, runStem } from '../api/output-stem.js';
import { exportStem, RunNumbers } from './run-numbers.js';
import type { ReusedIds } from '../api/messages.js';
import type { TrainHistoryEntry, TrainProgress } from '../api/progress.js';
import type {
  AnnDataExport,
  AnnDataTarget,
  BackendInfo,
  BinaryExport,
  ColumnRequest,
  ColumnValues,
  DatasetSummary,
  EmbedResult,
  EngineApi,
  EngineEvent,
  EngineEventListener,
  EngineState,
  FileSource,
  RunStoppedBy,
  ImportSettings,
  ProjectSettings,
  LabelSummary,
  ModelExport,
  ModelExportTarget,
  RunResult,
  TextExport,
  TrainRequest,
  ActiveSnapshot,
} from '../api/engine-api.js';
import { EngineError, toErrorInfo } from '../api/errors.js';
import { initBackend } from '../backend/index.js';
import type { DataSource, ExpressionTable, ImportOptions, ImportWarning } from '../data/index.js';
import { joinToReadTable } from '../data/join-read-table.js';
import { releaseRunInput, runInput } from './run-input.js';
import {
  DataImportError,
  isOptionErrorKind,
  findLabelColumn,
  importTable,
  inPageWords,
  labelColumnSummary,
  previewFile,
} from '../data/index.js';
import { PAGE_COLUMN_ADVICE } from '../data/column-roles.js';
import type { LoadedModel } from './model-folder.js';
import { modelOfRun, saveModelFolder } from './model-folder.js';
import { mapClassColours } from './model-colours.js';
import { withExportLock } from './export-lock.js';
import { tarDirectory } from '../util/tar-archive.js';
import { samplePath } from '../util/paths.js';
import { inTempFolder } from '../util/temp-folder.js';
import type { CellNeighbourhood } from '../api/neighbourhood.js';
import type { EditedLabels } from '../api/annotation.js';
import type {
  OpenedSession,
  ReopenedSession,
  ProjectionRef,
  RetrainRequest,
  RunPredictions,
  SaveSessionRequest,
  SessionConfinement,
} from '../api/annotate.js';
import { editedLabelsCsv } from './edited-labels-csv.js';
import { readSessionFile } from './session-read.js';
import {
  copyEditedLabels,
  editedLabelsProblem,
  labelledTable,
  retrainRequest,
  retrainSettings,
  runEdits,
} from './retrain.js';
import {
  parseSession,
  SESSION_EXTENSION,
  SessionFileError,
  sessionBytes,
  tooLongForSession,
  type SessionContents,
  type StoredProjection,
  codedColumn,
} from './session-file.js';
import {
  cellCountWords,
  foundInput,
  inputChange,
  inputIsFolder,
  type InputChange,
  loadModelFiles,
  type UnattachedStatus,
  modelFilesOfRun,
  restoredRun,
  sessionInput,
  shownName,
  tableForRun,
  unattachedInputMessage,
  withJoinedMetadata,
  unjoinedMetadataNote,
} from './session-restore.js';
import { accessProblemWords, inputAccessProblem, unreadableInputMessage } from './input-access.js';
import type { EncoderWeights } from '../train/index.js';
import type { ClassEvidenceRecipe } from '../preprocess/index.js';
import type { MarkerRequest, MarkerResult } from '../api/markers.js';
import type { StageStep } from '../api/stage-step.js';
import { indexInBackground, sessionMarkers } from '../markers/session-markers.js';
import { forgetRankIndex } from '../markers/rank-index-store.js';
import { resolveThreads } from '../neighbours/thread-count.js';
import { cellNeighbourhood } from './cell-neighbours.js';
import { coordinatesCsv } from './coordinates-csv.js';
import { embedWithModelPaced } from './embed-with-model.js';
import { stageStepText } from '../api/stage-step.js';
import { rowWords, type RowWords } from '../api/file-format.js';
import type { Pace } from '../preprocess/paced.js';
import { yieldToEventLoop } from '../util/yield-to-event-loop.js';
import { readProjectedFile } from './projection-read.js';
import { throwIfProjectionCancelled } from './projection-cancel.js';
import {
  holdProjection,
  projectedExport,
  projectedLabelColumn,
  projectionResult,
  type HeldProjection,
} from './projection-result.js';
import {
  projectedFileNote,
  projectedRequestProblem,
  requestedKind,
  storedProjection,
} from './session-projected.js';
import { scaleMismatch } from './scale-mismatch.js';
import { formatWithRawCounts } from './raw-counts-format.js';
import { trainingH5ad, writeResultH5ad } from './h5ad/index.js';
import { predictUntrained } from './untrained-predictions.js';
import { shownColoursProblem, type ShownColours } from './h5ad/shown-colours.js';
import { stageReporter } from './stage-events.js';
import { runTraining } from './run-training.js';
import { warmUpTrainer } from '../train/warm-up.js';
import { loadH5wasm } from '../data/formats/h5wasm-load.js';
import { resolveSettings } from './settings.js';
import { checkOption } from '../api/option-resolve.js';
import {
  columnValues,
  datasetSummary,
  formatSummary,
  importOptions,
  metadataJoinSettings,
  nameInWarnings,
} from './session-summary.js';
import type { TrainSettings, TrainingRun } from './types.js';
import { isUploadPath, sourceShownName } from './upload-path.js';
import { refuseUnlessConsented, stoppedRunMessage, type RunningRun } from './run-stop-consent.js';

export interface EngineSessionOptions {
  /** The file `{ kind: 'sample' }` opens. Default: samplePath() (the bundled PBMC sample). */
  samplePath?: string;
  /** Least time between two progress events of the same kind, in ms (the last step of an epoch is always sent). Default 100. */
  progressIntervalMs?: number;
  /** Send an embedding snapshot every N epochs when the request does not say. Default 5. */
  snapshotEvery?: number;
  /**
   * The most memory an import may use, in bytes (ImportOptions.maxMemoryBytes): a file over it fails with
   * the importer's 'too-large' message. Default: the memory available, as the CLI without --max-memory.
   */
  maxMemoryBytes?: number;
  /**
   * A pause after each stage step of a run or a projection, in ms (PipelineHooks.stageStepDelayMs): tests only.
   * Default 0.
   */
  stageStepDelayMs?: number;
  /**
   * A full garbage collection, run when the open data's marker rank index and its run's preprocessed input
   * have been let go and a read that may replace the data starts: V8 frees an array's memory only when it
   * collects it, else the read's own allocations may come on top of them. The engine worker passes V8's
   * (`worker/full-collection.ts`). Default: none.
   */
  collectGarbage?: () => void;
}

interface Loaded {
  table: ExpressionTable;
  /**
   * The table as its file was read, before a metadata file was joined (`table` itself when none was): a join
   * starts from it, sharing its matrix, instead of reading the file again (`joinToReadTable`).
   */
  read: ExpressionTable;
  summary: DatasetSummary;
  source: DataSource;
  /** What the summary calls the file: the user's file name for uploads, else the path. */
  displayName: string;
  settings: ImportSettings;
}

/** `text` with the loaded file's path (an upload's temporary copy) named as its summary names the file. */
function shownSource(loaded: Loaded, text: string): string {
  const path = typeof loaded.source === 'string' ? loaded.source : loaded.source.name;
  return path === loaded.displayName ? text : text.split(path).join(loaded.displayName);
}

/** The run-failed message of a run stopped before its first step (preprocessing or the neighbour search). */
export const STOPPED_BEFORE_FIRST_STEP =
  'Training was stopped before its first step (while preprocessing or during the input-space neighbour search): there is no map to keep';

interface ActiveRun extends RunningRun {
  /** Set when a call that replaced the data stopped the run (its run-failed event says so). */
  stoppedBy?: RunStoppedBy;
  /** Its last stage (train-stage event), for getState. */
  stage?: string;
  /** Its stage's last step (train-stage event), for getState; none at a stage's start. */
  step?: StageStep;
  /**
   * What startTraining was asked (a plain copy), for getState; a retrain's settings as it resolved them, on
   * its edited column (`retrainRequest`).
   */
  request?: TrainRequest;
  /** A retrain's edited labels, which a page that joins it colours the map so far by, for getState. */
  editedLabels?: EditedLabels;
  /** Its last train-progress event's figures (elapsed time, time left, steps done), for getState. */
  progress?: TrainProgress;
  /** Its epochs so far (the trainer's history entries as they are recorded), for getState. */
  history: TrainHistoryEntry[];
  /** The loss chart's points of its train-progress events (`appendLossPoint`), for getState. */
  steps: LossStepPoint[];
  /** Its last snapshot (embedding-snapshot event), for getState. */
  snapshot?: ActiveSnapshot;
  stopRequested: boolean;
  abort: AbortController;
  /** Aborted by stopTraining: ends the neighbour search if the run has not reached its first step. */
  stop: AbortController;
  /** Aborted by a second stopTraining: skips the metrics not yet computed (PipelineHooks.skipSignal). */
  skip: AbortController;
}

/** A call that replaces the data a run trains on: the run it may stop (`stopsRun`, else none) and what it is. */
interface ReplacingCall {
  stopsRun: string | null | undefined;
  by: RunStoppedBy;
}

function newActiveRun(
  runId: string,
  source: string,
  request?: TrainRequest,
  editedLabels?: EditedLabels,
): ActiveRun {
  return {
    runId,
    source,
    // a JSON copy: the caller's object is not ours to keep, and getState's reply must cross JSON and IPC
    ...(request ? { request: JSON.parse(JSON.stringify(request)) as TrainRequest } : {}),
    ...(editedLabels ? { editedLabels: copyEditedLabels(editedLabels) } : {}),
    history: [],
    steps: [],
    stopRequested: false,
    abort: new AbortController(),
    stop: new AbortController(),
    skip: new AbortController(),
  };
}

interface FinishedRun {
  run: TrainingRun;
  result: RunResult;
  table: ExpressionTable;
  /**
   * Held from a reopened session (`attach`): its report's input SHA-256 is the one saved, which a Cell Ranger
   * input matched by its fingerprint (re-gzipped, unzipped) need not have.
   */
  restored?: true;
  /**
   * The input's label column the edited labels this run trained on started from (`EditedLabels.source`),
   * written beside them in its coordinates CSV; absent for a run on the input's own column.
   */
  labelSource?: string;
}

/** Creates an engine error in one line. */
const fail = (kind: EngineError['kind'], message: string) => new EngineError({ kind, message });

/** The media type of an AnnData file (HDF5). */
const H5AD_MIME_TYPE = 'application/x-hdf5';

/**
 * The importer's error as an 'import' EngineError (an 'invalid-request' when an option named what the file
 * lacks) keeping file, line and (numeric) column, and the importer's error as its cause (for its kind).
 */
function importFailure(err: unknown): EngineError {
  if (err instanceof DataImportError) {
    return new EngineError(
      {
        kind: isOptionErrorKind(err.kind) ? 'invalid-request' : 'import',
        // an import option's refusal names the page's setting (Import settings ▸ …), not the CLI's flag
        message: err.appMessage ?? err.message,
        file: err.file,
        ...(err.line !== undefined ? { line: err.line } : {}),
        ...(typeof err.column === 'number' ? { column: err.column } : {}),
      },
      { cause: err },
    );
  }
  if (err instanceof EngineError) return err;
  return new EngineError(toErrorInfo(err, 'import'));
}

/**
 * `err` with each path of `renames` named by its name instead (message and file); anything but an EngineError,
 * or nothing to rename, is `err` itself.
 */
function renamedIn(err: unknown, renames: readonly (readonly [string, string])[]): unknown {
  if (!(err instanceof EngineError) || renames.every(([path, name]) => path === name)) return err;
  const info = err.toInfo();
  for (const [path, name] of renames) {
    info.message = info.message.split(path).join(name);
    if (info.file === path) info.file = name;
  }
  return new EngineError(info);
}

/** A copy of the settings without undefined fields (so they do not mask the engine defaults). */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What a replacing call did, by whom (`opener`, the calling page's id, when it gave one): data-opened's `by`. */
function calledBy(action: RunStoppedBy['action'], name: string, opener: string | undefined): RunStoppedBy {
  return { action, name, ...(opener === undefined ? {} : { opener }) };
}

export class EngineSession implements EngineApi {
  private readonly listeners = new Set<EngineEventListener>();
  private readonly options: Required<Omit<EngineSessionOptions, 'maxMemoryBytes' | 'collectGarbage'>>;
  private readonly maxMemoryBytes: number | undefined;
  private loaded: Loaded | null = null;
  private active: ActiveRun | null = null;
  private last: FinishedRun | null = null;
  private importAbort: AbortController | null = null;
  /** The projection in progress (Project another file), aborted by cancelImport as its read is. */
  private projectAbort: AbortController | null = null;
  private counter = 0;
  /** Ids the running call hands out instead of new ones (reuseIds), by kind. */
  private reused: ReusedIds | null = null;
  /** A reopened session whose input is not attached (changed or missing): its map, but no table. */
  private restored: SessionContents | null = null;
  /**
   * What openSession answered for `restored`, less its run (getState's `lastRun`): getState gives it, so a page
   * that did not open it (another tab, a reload) shows it as the page that did.
   */
  private reopened: ReopenedSession | null = null;
  /** The run numbers given in this session, by export stem: a later run's exports never take an earlier's names. */
  private readonly runNumbers = new RunNumbers();
  /** The last run's predicted labels, computed on first request. */
  private predictions: RunPredictions | null = null;
  /** The last file projected through the run (Project another file), for exportProjected. */
  private projection: HeldProjection | null = null;
  /** EngineSessionOptions.collectGarbage. */
  private readonly collectGarbage: (() => void) | undefined;
  /** The trainer's warm-up (warmUp), cut short when a run starts. */
  private warming: { done: Promise<void>; abort: AbortController } | null = null;

  constructor(options: EngineSessionOptions = {}) {
    this.options = {
      samplePath: options.samplePath ?? samplePath(),
      progressIntervalMs: options.progressIntervalMs ?? 100,
      snapshotEvery: options.snapshotEvery ?? 5,
      stageStepDelayMs: options.stageStepDelayMs ?? 0,
    };
    this.maxMemoryBytes = options.maxMemoryBytes;
    this.collectGarbage = options.collectGarbage;
  }

  private emit(event: EngineEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // a listener's bug must not break the engine
      }
    }
  }

  private nextId(prefix: keyof ReusedIds): string {
    const reused = this.reused?.[prefix];
    if (this.reused && reused !== undefined) {
      delete this.reused[prefix];
      return reused;
    }
    return `${prefix}-${++this.counter}`;
  }

  /**
   * The ids the next call hands out, by kind, each once (null: new ones again). A crashed worker's host
   * replays the calls that loaded the data into a fresh engine with the ids they gave, which the pages hold —
   * so a page's dataset, session run and projected cells are this engine's after the restart.
   */
  reuseIds(ids: ReusedIds | null): void {
    this.reused = ids ? { ...ids } : null;
  }

  /**
   * Makes every id handed out from now on larger than `floor` (the host sends the highest id its pages have
   * seen when it starts a fresh worker, so run and dataset ids never repeat across worker restarts).
   */
  setIdFloor(floor: number): void {
    if (Number.isSafeInteger(floor) && floor > this.counter) this.counter = floor;
  }

  private dataSource(source: FileSource): DataSource {
    switch (source?.kind) {
      case 'sample':
        return this.options.samplePath;
      case 'path':
        if (typeof source.path !== 'string' || !source.path)
          throw fail('invalid-request', 'No file path given');
        return source.path;
      case 'upload':
        if (!(source.bytes instanceof Uint8Array))
          throw fail('invalid-request', `No file content for '${source.name}'`);
        return { name: String(source.name || 'upload'), bytes: source.bytes };
      case 'uploaded':
        // the server streamed the upload to a temporary file named like the user's file and filled in its path
        if (typeof source.path !== 'string' || !source.path || !isUploadPath(source.path)) {
          throw fail(
            'invalid-request',
            `The upload '${String(source.name)}' is not on the server (upload it again)`,
          );
        }
        return source.path;
      default:
        throw fail('invalid-request', `Unknown file source: ${JSON.stringify(source)}`);
    }
  }

  private static sourceName(source: DataSource): string {
    return typeof source === 'string' ? source : source.name;
  }

  /** The name a summary shows: an upload's own file name (not the server's temporary path). */
  private static displayName(source: FileSource, data: DataSource): string {
    return source.kind === 'uploaded' ? String(source.name) : EngineSession.sourceName(data);
  }

  /** Imports `source` (with an optional metadata file) with progress events and cancellation. */
  private async importWithProgress(
    source: DataSource,
    settings: ImportSettings,
    metaFile?: DataSource,
  ): Promise<ExpressionTable> {
    this.importAbort?.abort();
    const abort = new AbortController();
    this.importAbort = abort;
    const name = EngineSession.sourceName(source);
    let lastSent = 0;
    try {
      const table = await importTable(source, {
        ...importOptions(settings),
        ...(metaFile ? { metaFile } : {}),
        ...(this.maxMemoryBytes !== undefined ? { maxMemoryBytes: this.maxMemoryBytes } : {}),
        signal: abort.signal,
        onProgress: (fraction) => {
          const now = Date.now();
          if (fraction < 1 && now - lastSent < this.options.progressIntervalMs) return;
          lastSent = now;
          this.emit({
            type: 'import-progress',
            source: name,
            fraction,
            message: `Reading ${sourceShownName(name)}…`,
          });
        },
      });
      // the session serves the page: its warnings name the page's fields, never the CLI's flags
      table.warnings = inPageWords(table.warnings);
      return table;
    } catch (err) {
      throw importFailure(err);
    } finally {
      if (this.importAbort === abort) this.importAbort = null;
    }
  }

  private requireTable(): Loaded {
    if (!this.loaded) throw fail('invalid-request', 'No data is open: open a file (or the sample) first');
    return this.loaded;
  }

  /**
   * What projecting `shown` awaits at each step (the recipe's passes by blocks of rows, the encoder, the labels):
   * the step as the busy line's words ("Projecting query.h5ad: projecting onto the components, 40 000 of
   * 100 000 cells", at most every progressIntervalMs within a step), then a turn of the event loop — 10⁵ cells
   * held the worker ~20 s without a word. A Cancel (`signal`) ends the projection there; so does a run replaced
   * meanwhile (other data opened): its encoder is gone.
   */
  private projectionPace(run: TrainingRun, shown: string, words: RowWords, signal: AbortSignal): Pace {
    const report = stageReporter((_stage, step) => {
      if (!step) return;
      const fraction = step.unit !== 'whole' && step.total ? (step.done ?? 0) / step.total : 0;
      const message = `Projecting ${shown}: ${stageStepText(step, words)}`;
      this.emit({ type: 'import-progress', source: shown, fraction, message });
    }, this.options.progressIntervalMs);
    return async (step) => {
      report('embed', step);
      const pause = this.options.stageStepDelayMs;
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      else await yieldToEventLoop();
      throwIfProjectionCancelled(signal, shown);
      if (this.last?.run !== run)
        throw fail(
          'invalid-request',
          `The trained map was replaced while ${shown} was projected: project it again`,
        );
    };
  }

  private requireRun(): FinishedRun {
    if (!this.last && this.restored) {
      throw fail(
        'invalid-request',
        `The reopened session's input (${EngineSession.restoredInputName(this.restored)}) is not open: open it again to use this`,
      );
    }
    if (!this.last) throw fail('invalid-request', 'No trained model yet: train on the open data first');
    return this.last;
  }

  /**
   * Before a read that may replace the data: the open data's marker rank index (4 bytes a stored value) and
   * its last run's preprocessed input (`run-input.ts`) are let go — the table and the run themselves are kept
   * until the read succeeds, and both are made again when asked for if it is refused — and collected, so the
   * read's peak holds the two tables only.
   */
  private letGoBeforeRead(): void {
    forgetRankIndex();
    if (this.last) releaseRunInput(this.last.run);
    this.collectGarbage?.();
  }

  /**
   * Runs `read`, a read that may replace the data, once `letGoBeforeRead` has run. If it fails, the loaded
   * data stays, and its rank index is built again in the background as it was before the read (else the next
   * marker test against the rest waits for that build).
   */
  private async replacing<T>(read: () => Promise<T>): Promise<T> {
    this.letGoBeforeRead();
    try {
      return await read();
    } catch (err) {
      this.indexInBackground();
      throw err;
    }
  }

  /** Cancels the run in progress (the session is disposed). */
  private cancelActiveRun(): void {
    this.active?.abort.abort();
  }

  /**
   * Stops the run in progress for `call`, which replaces the data it trains on: refused ('busy') unless the
   * call named that run (run-stop-consent.ts) — another page may be watching it.
   */
  private stopActiveRun(call: ReplacingCall): void {
    refuseUnlessConsented(this.active, call.stopsRun, call.by);
    if (!this.active) return;
    this.active.stoppedBy = call.by;
    this.active.abort.abort();
  }

  /**
   * Runs `work`; an error naming an uploaded file's temporary path names the user's file instead (the path is
   * the server's business, and deleted once the upload is no longer needed).
   */
  private async namingUploads<T>(sources: FileSource[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const renames: [string, string][] = [];
      for (const s of sources) if (s?.kind === 'uploaded' && s.path) renames.push([s.path, String(s.name)]);
      if (this.loaded && typeof this.loaded.source === 'string') {
        renames.push([this.loaded.source, this.loaded.displayName]);
      }
      throw renamedIn(err, renames);
    }
  }

  async openFile(
    source: FileSource,
    settings: ImportSettings = {},
    stopsRun: string | null = null,
    opener?: string,
  ): Promise<DatasetSummary> {
    return this.namingUploads([source], () => this.open(source, settings, stopsRun, opener));
  }

  private async open(
    source: FileSource,
    settings: ImportSettings,
    stopsRun: string | null,
    opener: string | undefined,
  ): Promise<DatasetSummary> {
    const data = this.dataSource(source);
    const displayName = EngineSession.displayName(source, data);
    const by = calledBy('open', sourceShownName(displayName), opener);
    const call: ReplacingCall = { stopsRun, by };
    // refused before the read, not after it: the page asks its user at once
    refuseUnlessConsented(this.active, stopsRun, call.by);
    const { table, summary } = await this.replacing(async () => {
      const read = await this.importWithProgress(data, settings);
      nameInWarnings(read, EngineSession.sourceName(data), displayName);
      const opened = { table: read, summary: await this.summarize(read, data, displayName, settings, null) };
      // a run started during the read (from another page) is asked about too
      refuseUnlessConsented(this.active, stopsRun, call.by);
      return opened;
    });
    this.stopActiveRun(call);
    this.discardRun(`${sourceShownName(displayName)} was opened`, summary, call.by);
    this.loaded = { table, read: table, summary, source: data, displayName, settings };
    this.indexInBackground();
    return summary;
  }

  /**
   * Starts building the open table's marker rank index on worker threads (one per core), so that a marker
   * test against the rest, usually asked for after training, finds it ready; opening other data cancels it.
   */
  private indexInBackground(): void {
    if (this.loaded) void indexInBackground(this.loaded.table, { threads: resolveThreads() });
  }

  private async summarize(
    table: ExpressionTable,
    data: DataSource,
    displayName: string,
    settings: ImportSettings,
    metadataSource: string | null,
  ): Promise<DatasetSummary> {
    let preview;
    try {
      preview = await previewFile(data, {
        rows: settings.previewRows ?? 10,
        cols: settings.previewColumns ?? 12,
        table,
        ...(settings.delimiter && settings.delimiter !== 'auto' ? { delimiter: settings.delimiter } : {}),
        ...(settings.idColumn ? { idColumn: settings.idColumn } : {}),
      });
    } catch (err) {
      throw importFailure(err);
    }
    return datasetSummary(table, preview, settings, {
      datasetId: this.nextId('data'),
      source: displayName,
      metadataSource,
    });
  }

  async openMetadata(
    source: FileSource,
    settings: ImportSettings = {},
    stopsRun: string | null = null,
    opener?: string,
  ): Promise<DatasetSummary> {
    return this.namingUploads([source], () => this.joinMetadata(source, settings.decimal, stopsRun, opener));
  }

  private async joinMetadata(
    source: FileSource,
    decimal: ImportSettings['decimal'],
    stopsRun: string | null,
    opener: string | undefined,
  ): Promise<DatasetSummary> {
    const meta = this.dataSource(source);
    const by = calledBy('join', basename(EngineSession.displayName(source, meta)), opener);
    refuseUnlessConsented(this.active, stopsRun, by);
    if (!this.loaded && this.restored) {
      // a reopened session without its input: "No data is open" would not say what to open
      const name = EngineSession.displayName(source, meta);
      throw fail(
        'invalid-request',
        `${basename(name)} is joined to the cells of the session's input ${EngineSession.restoredInputName(this.restored)}, which is not open: open it again with “Open the input file again” in Explore's Edit labels panel, then join ${basename(name)}`,
      );
    }
    const loaded = this.requireTable();
    // Joined to the table as read (the importer's last step, so the same table as reading the file again with
    // the metadata file): its matrix and marker rank index are shared, not read and built again. The metadata
    // file's delimiter is detected, its decimal separator that of the settings when they choose one (see
    // ImportOptions.metaFile) — for a non-text input, the one sent with the file.
    const mainSettings = loaded.settings;
    const metaName = EngineSession.displayName(source, meta);
    const options = importOptions(
      metadataJoinSettings(mainSettings, decimal, loaded.table.format?.kind ?? 'text'),
    );
    const table = await this.joinWithCancel(loaded, meta, options, metaName);
    const summary = await this.summarize(table, loaded.source, loaded.displayName, mainSettings, metaName);
    this.stopActiveRun({ stopsRun, by });
    this.discardRun(`the metadata file ${basename(metaName)} was joined`, summary, by);
    this.loaded = { ...loaded, table, summary, settings: mainSettings };
    this.indexInBackground();
    return summary;
  }

  /**
   * `meta` joined to the loaded table as read (`joinToReadTable`), cancelled by `cancelImport` as an import
   * is; its warnings in the page's words, the files by the names the user knows.
   */
  private async joinWithCancel(
    loaded: Loaded,
    meta: DataSource,
    { decimal, transpose }: Pick<ImportOptions, 'decimal' | 'transpose'>,
    metaName: string,
  ): Promise<ExpressionTable> {
    this.importAbort?.abort();
    const abort = new AbortController();
    this.importAbort = abort;
    const named = (warnings: ImportWarning[]): ImportWarning[] => {
      const words = { warnings: inPageWords(warnings) };
      nameInWarnings(words, EngineSession.sourceName(loaded.source), loaded.displayName);
      nameInWarnings(words, EngineSession.sourceName(meta), metaName);
      return words.warnings;
    };
    try {
      return await joinToReadTable(loaded.read, meta, {
        ...(decimal ? { decimal } : {}),
        transposed: transpose === true,
        signal: abort.signal,
        wordWarnings: named,
      });
    } catch (err) {
      throw importFailure(err);
    } finally {
      if (this.importAbort === abort) this.importAbort = null;
    }
  }

  async cancelImport(): Promise<void> {
    this.importAbort?.abort();
    // Project another file's Cancel: after the read, its recipe steps, encoder and labels stop too
    this.projectAbort?.abort();
  }

  async labelSummary(column: string): Promise<LabelSummary> {
    const { table } = this.requireTable();
    try {
      const summary = labelColumnSummary(table, column);
      return { column, classes: summary.classes, unlabeled: summary.unlabeled, tooSmall: summary.tooSmall };
    } catch (err) {
      throw importFailure(err);
    }
  }

  async columnValues(request: ColumnRequest): Promise<ColumnValues> {
    return columnValues(this.requireTable().table, request);
  }

  async backendInfo(): Promise<BackendInfo> {
    const info = await initBackend();
    return {
      backend: info.backend,
      reason: info.reason,
      attempts: info.attempts.map((a) => ({ ...a })),
      versions: { ...info.versions },
      threads: info.threads,
      ...(info.simd !== undefined ? { simd: info.simd } : {}),
      ...(info.nativeHint !== undefined ? { nativeHint: info.nativeHint } : {}),
    };
  }

  async getState(): Promise<EngineState> {
    return {
      dataset: this.loaded?.summary ?? null,
      activeRunId: this.active?.runId ?? null,
      ...(this.active?.stage !== undefined ? { activeStage: this.active.stage } : {}),
      ...(this.active?.step !== undefined ? { activeStep: { ...this.active.step } } : {}),
      ...(this.active?.request ? { activeRequest: structuredClone(this.active.request) } : {}),
      ...(this.active?.editedLabels ? { activeEditedLabels: this.active.editedLabels } : {}),
      ...(this.active ? { activeHistory: this.active.history.map((h) => ({ ...h })) } : {}),
      ...(this.active ? { activeSteps: this.active.steps.map((s) => ({ ...s })) } : {}),
      ...(this.active?.progress ? { activeProgress: { ...this.active.progress } } : {}),
      // not copied: megabytes at 10⁵ cells, and the engine replaces it rather than changing it
      ...(this.active?.snapshot ? { activeSnapshot: this.active.snapshot } : {}),
      lastRun: this.last?.result ?? this.restored?.result ?? null,
      ...(this.restored && this.reopened && !this.loaded ? { reopenedSession: this.reopened } : {}),
    };
  }

  /**
   * Loads the backend and runs the trainer's one-off warm-up (src/train/warm-up.ts) in the background, so
   * the first run does not pay for compiling the trainer's code. The worker calls it once at start; a run
   * that starts meanwhile stops it after its current step. A failure is dropped: the warm-up only saves
   * time, and the run that follows meets (and reports) any real problem with the backend. Then, unless a run
   * started, it loads h5wasm (~0.3 CPU s, half a second on a quiet machine) so that the first h5ad, loom or
   * 10x .h5 the user opens does not wait for it; a file opened sooner loads it itself, once.
   */
  warmUp(): Promise<void> {
    if (!this.warming) {
      const abort = new AbortController();
      const done = initBackend()
        .then(() => warmUpTrainer({ signal: abort.signal }))
        .then(() => (abort.signal.aborted ? undefined : loadH5wasm()))
        .then(
          () => undefined,
          () => undefined,
        );
      this.warming = { done, abort };
    }
    return this.warming.done;
  }

  /** Stops the warm-up (if any) and waits for it to end. */
  private async endWarmUp(): Promise<void> {
    this.warming?.abort.abort();
    await this.warming?.done;
  }

  async startTraining(request: TrainRequest): Promise<{ runId: string }> {
    const loaded = this.requireTable();
    if (this.active) throw fail('busy', 'A training run is already in progress: stop it first');
    if (typeof request?.labelColumn !== 'string' || !request.labelColumn) {
      throw fail('invalid-request', 'Choose a label column to train on');
    }
    try {
      findLabelColumn(loaded.table, request.labelColumn);
    } catch (err) {
      throw importFailure(err); // 'unknown-column' → 'invalid-request'
    }
    const { snapshotEvery = this.options.snapshotEvery, ...rest } = request;
    const settings = defined(rest) as TrainSettings;
    // Bad numbers and unknown choices are refused here, so the caller gets the reason instead of a run id.
    try {
      resolveSettings(settings);
      if (request.snapshotEvery !== undefined) checkOption('snapshotEvery', request.snapshotEvery);
    } catch (err) {
      throw new EngineError(toErrorInfo(err, 'invalid-request'));
    }
    const runId = this.nextId('run');
    const active = newActiveRun(runId, loaded.displayName, request);
    this.active = active;
    void this.train(active, loaded, settings, snapshotEvery);
    return { runId };
  }

  /** Runs one training in the background; its outcome arrives as run-finished or run-failed. */
  private async train(
    active: ActiveRun,
    loaded: Loaded,
    settings: TrainSettings,
    snapshotEvery: number,
    fineTune?: { weights: EncoderWeights[]; classEvidence: ClassEvidenceRecipe | null },
    labelSource?: string,
  ) {
    const { runId } = active;
    let lastProgress = 0;
    try {
      // the run's first passes hold the event loop for seconds each (a pass over 10⁵ cells: 10–15 s on a
      // loaded laptop): a turn of the loop first lets the worker send the start reply — and its 'preprocess'
      // stage after it — before they start, not after ("Start training" otherwise showed nothing that long)
      await new Promise((resolve) => setImmediate(resolve));
      await this.endWarmUp();
      const run = await runTraining(loaded.table, settings, {
        ...(fineTune ? { initialWeights: fineTune.weights, classEvidence: fineTune.classEvidence } : {}),
        signal: active.abort.signal,
        stopSignal: active.stop.signal,
        skipSignal: active.skip.signal,
        stageStepDelayMs: this.options.stageStepDelayMs,
        onStage: stageReporter((stage, step) => {
          active.stage = stage;
          active.step = step ? { ...step } : undefined;
          this.emit({ type: 'train-stage', runId, stage, ...(step ? { step: { ...step } } : {}) });
        }, this.options.progressIntervalMs),
        snapshotEvery: snapshotEvery > 0 ? snapshotEvery : undefined,
        onSnapshot: (coords, epoch, rows) => {
          const copy = { rows: coords.rows, cols: coords.cols, data: new Float32Array(coords.data) };
          const snapshot = { epoch, coords: copy, rows: Int32Array.from(rows) };
          active.snapshot = snapshot;
          this.emit({ type: 'embedding-snapshot', runId, ...snapshot });
        },
        onEpoch: (entry) => {
          active.history.push(entry);
          this.emit({ type: 'train-epoch', runId, entry: { ...entry } });
        },
        onProgress: (p) => {
          const now = Date.now();
          // where the run is, for a refusal to stop it (run-stop-consent.ts)
          active.epoch = p.epoch;
          active.epochs = p.epochs;
          if (p.step === p.steps || now - lastProgress >= this.options.progressIntervalMs) {
            lastProgress = now;
            active.progress = { ...p };
            active.steps = appendLossPoint(active.steps, lossStepPoint(p));
            this.emit({ type: 'train-progress', runId, ...p });
          }
          return active.stopRequested ? false : undefined;
        },
      });
      if (active.abort.signal.aborted) {
        run.encoder.dispose();
        throw fail('training', this.cancelledMessage(active));
      }
      // an upload's report names the user's file, not the server's temporary copy (gone with the upload)
      run.report.input.source = shownSource(loaded, run.report.input.source);
      // numbered after every run whose exports took its stem in this session (a retrain, another training,
      // a run on the same file opened again or in a reopened session): its exports' names
      const result = this.runResult(
        runId,
        loaded,
        run,
        this.runNumbers.next(exportStem(loaded.table.source)),
      );
      this.forgetRun();
      this.last = { run, result, table: loaded.table, ...(labelSource ? { labelSource } : {}) };
      this.emit({ type: 'run-finished', result });
    } catch (err) {
      const aborted = err instanceof Error && err.name === 'AbortError';
      const stoppedEarly = aborted && active.stopRequested && !active.abort.signal.aborted;
      const error = stoppedEarly
        ? { kind: 'training' as const, message: STOPPED_BEFORE_FIRST_STEP }
        : aborted
          ? { kind: 'training' as const, message: this.cancelledMessage(active) }
          : toErrorInfo(err, 'training');
      const file = 'file' in error && error.file ? { file: shownSource(loaded, error.file) } : {};
      this.emit({
        type: 'run-failed',
        runId,
        error: { ...error, message: shownSource(loaded, error.message), ...file },
        ...(active.stoppedBy ? { stoppedBy: { ...active.stoppedBy } } : {}),
      });
    } finally {
      if (this.active === active) this.active = null;
    }
  }

  /** Why a cancelled run ended: the call that replaced its data, when one did (stopActiveRun). */
  private cancelledMessage(active: ActiveRun): string {
    return active.stoppedBy
      ? stoppedRunMessage(active.source, active.stoppedBy)
      : 'Training was cancelled because other data was opened';
  }

  private runResult(runId: string, loaded: Loaded, run: TrainingRun, runNumber: number): RunResult {
    return {
      runId,
      runNumber,
      datasetId: loaded.summary.datasetId,
      labelColumn: run.labelColumn,
      coords: run.coords,
      ids: loaded.table.ids,
      labels: run.labels,
      split: run.split,
      metrics: { ...run.metrics },
      stoppedReason: run.report.training.stoppedReason,
      ...(run.report.training.stopMessage !== undefined
        ? { stopMessage: run.report.training.stopMessage }
        : {}),
      history: run.report.training.history.map((h) => ({ ...h })),
      // a plain JSON copy: the report must cross structured clone and JSON alike
      report: JSON.parse(JSON.stringify(run.report)) as Record<string, unknown>,
    };
  }

  /**
   * Forgets the finished run because the data changed, and tells every page (they may share this engine:
   * two browser tabs on one `serve`) so a page still showing its map stops offering its Export — then that
   * `next`, opened by `by`, is the data now held ('data-opened'), so a page showing other data follows it.
   */
  private discardRun(why: string, next: DatasetSummary, by: RunStoppedBy): void {
    this.sayRunDiscarded(why, next, by);
    this.emit({ type: 'data-opened', datasetId: next.datasetId, by: { ...by } });
  }

  /** `discardRun`'s first half: the finished run forgotten, and said so when there was one. */
  private sayRunDiscarded(why: string, next: DatasetSummary, by: RunStoppedBy): void {
    const runId = this.last?.result.runId;
    const restored = this.restored;
    // called before `loaded` is replaced: it still holds the data the run was trained on
    const trained = this.loaded?.summary;
    this.forgetRun();
    // a reopened session's map without its input is let go as a trained one is — unless its own input was
    // attached ('attach'): the same map, which the pages showing it follow (data-opened's `by`)
    if (runId === undefined && restored && by.action !== 'attach') {
      this.emit({
        type: 'run-discarded',
        runId: restored.result.runId,
        cause: 'data-replaced',
        message: `The reopened session's map (${EngineSession.restoredInputName(restored)}) is no longer held by the engine because ${why}, perhaps from another page. Open the session again to save it or re-attach its input.`,
      });
    }
    if (runId === undefined) return;
    // A page refuses to train on data it does not show (renderer/held-data.ts, compared the same way): when
    // other data replaced its own, "train again" alone would be refused, so say to open its file again first.
    const same =
      trained !== undefined &&
      trained.source === next.source &&
      trained.metadataSource === next.metadataSource;
    const what = same
      ? 'It is the same data: train again to export it.'
      : `The data it was trained on was replaced: open ${trained ? EngineSession.describeData(trained) : 'its file'} again, then train again to export it.`;
    this.emit({
      type: 'run-discarded',
      runId,
      cause: 'data-replaced',
      message: `The trained map (${runId}) is no longer held by the engine because ${why}, perhaps from another page. ${what}`,
    });
  }

  /**
   * A reopened session's input as the File line would name it — a Cell Ranger folder from its sample's folder
   * down (its saved name is the bare filtered_feature_bc_matrix of every sample) —, by its saved path.
   */
  private static restoredInputName(restored: SessionContents): string {
    return sourceShownName(restored.input.path || restored.input.name);
  }

  /** The loaded file (and joined metadata file) by name, for messages. */
  private static describeData(summary: DatasetSummary): string {
    const file = sourceShownName(summary.source);
    return summary.metadataSource === null
      ? file
      : `${file} with the metadata file ${basename(summary.metadataSource)}`;
  }

  /** Frees the last run's encoder (its tensors). */
  private forgetRun(): void {
    this.last?.run.encoder.dispose();
    this.last = null;
    this.restored = null;
    this.reopened = null;
    this.predictions = null;
    this.projection = null;
  }

  /**
   * Stops the run: the first call ends its epochs (its map is kept and gets its metrics), or, during the
   * metrics, skips those not yet computed; a second call skips them whenever it comes — the page's Skip metrics
   * while "stopping…" (at 10⁵ cells the metrics of a stopped run took minutes, its Stop disabled meanwhile).
   */
  async stopTraining(): Promise<void> {
    if (!this.active) return;
    if (this.active.stopRequested) this.active.skip.abort();
    this.active.stopRequested = true;
    this.active.stop.abort();
  }

  /** The last run as a model, without a round trip through a folder. */
  private inMemoryModel(run: TrainingRun): LoadedModel {
    const { manifest, reference } = modelOfRun(run, run.report.createdAt);
    return {
      dir: 'the trained model',
      manifest,
      recipe: run.recipe,
      reference,
      report: run.report,
      encoder: run.encoder,
      ...(run.geneIds ? { geneIds: run.geneIds } : {}),
      dispose: () => undefined, // the session owns the encoder
    };
  }

  async embedFile(
    source: FileSource,
    settings: ProjectSettings = {},
    metadata: FileSource | null = null,
  ): Promise<EmbedResult> {
    const sources = metadata ? [source, metadata] : [source];
    const abort = new AbortController();
    this.projectAbort = abort;
    try {
      return await this.namingUploads(sources, () => this.embed(source, settings, metadata, abort.signal));
    } finally {
      if (this.projectAbort === abort) this.projectAbort = null;
    }
  }

  /** Projects `source` through the trained map; `signal` (Cancel) ends it at its next step, nothing held. */
  private async embed(
    source: FileSource,
    { logNormalize, ...settings }: ProjectSettings,
    metadata: FileSource | null,
    signal: AbortSignal,
  ): Promise<EmbedResult> {
    const { run, labelSource } = this.requireRun();
    const data = this.dataSource(source);
    // joined while the file is read, as openMetadata joins one to the open data (the same rules and messages)
    const meta = metadata ? this.dataSource(metadata) : undefined;
    const name = EngineSession.displayName(source, data);
    // every sentence about the projected file names it alike: the user's file name (not an upload's
    // temporary copy on the server, nor the folders of a path), a Cell Ranger folder from its sample's folder
    // down as the read's progress names it (every sample's is filtered_feature_bc_matrix)
    const shown = sourceShownName(name);
    const metaName = metadata && meta ? basename(EngineSession.displayName(metadata, meta)) : null;
    const renames: [string, string][] = [[EngineSession.sourceName(data), shown]];
    if (meta && metaName) renames.push([EngineSession.sourceName(meta), metaName]);
    // a projection's decimal separator and matrix are chosen under Project another file, not Import settings
    renames.push(['Import settings ▸ Decimal separator', 'Project another file ▸ Decimal separator']);
    renames.push(['Import settings ▸ Matrix', 'Project another file ▸ Matrix']);
    // its Orientation field's choices: 'cells or samples are rows', where Import settings has 'cells are rows'
    renames.push([
      'Import settings ▸ Orientation: cells are rows',
      'Project another file ▸ Orientation: cells or samples are rows',
    ]);
    renames.push(['Import settings ▸ Orientation', 'Project another file ▸ Orientation']);
    // its columns are read as detected: the column warnings' advice names settings that do not reach it
    for (const advice of PAGE_COLUMN_ADVICE) renames.push([advice, '']);
    // by default the matrix the map was trained on (an h5ad's layers/counts, say), when the file has it
    const { table, notes } = await readProjectedFile(
      (s) => this.importWithProgress(data, s, meta),
      run.report.input.format?.matrix,
      settings,
      shown,
    ).catch((err: unknown) => {
      // a metadata file's refusal names both files (none of its ids match the cells of …): by their names
      throw renamedIn(err, renames);
    });
    // the importer, the join and the gene matching name the files they read
    for (const [path, name] of renames) nameInWarnings(table, path, name);
    let output;
    try {
      const words = rowWords(table.format?.kind ?? 'text');
      const pace = this.projectionPace(run, shown, words, signal);
      output = await embedWithModelPaced(
        this.inMemoryModel(run),
        { ...table, source: shown },
        { words: 'app', logNormalize: logNormalize === true },
        pace,
      );
    } catch (err) {
      throw new EngineError(toErrorInfo(err, 'invalid-request'));
    }
    // recorded as a session's input is, so a session saved with these cells tells whether the file changed since
    const file = await sessionInput(
      data,
      name,
      typeof data !== 'string' || isUploadPath(data) ? 'upload' : 'path',
      null,
      table.folderPrint,
    );
    // a Cancel during the file's hash still adds nothing
    throwIfProjectionCancelled(signal, shown);
    // after a retrain on edited labels the file's own annotation is the column the edits started from
    const ownLabels = projectedLabelColumn(table, run.labelColumn, labelSource);
    const parts = {
      file,
      source: name,
      table,
      format: formatSummary(table.format),
      output,
      labelColumn: ownLabels,
      // the predictions are told against the run's own column only: edits rename and add classes
      classes: ownLabels === run.labelColumn ? run.classes : undefined,
      readNotes: notes,
      // values on another scale than the training's (log data onto a counts model) give a wrong map silently
      // (judged against the recipe applied: counts are what a log-normalising one expects)
      scaleWarning:
        scaleMismatch(
          output.recipe,
          table.values,
          shown,
          'app',
          await formatWithRawCounts(output.recipe, table.values, table.format, data),
        ) ?? null,
      metadataSource: metaName,
    };
    // the CSV is made when asked for (exportProjected): the reply stays small
    const result = projectionResult(parts, this.nextId('projection'));
    this.projection = holdProjection(result.projectionId, parts, result);
    return result;
  }

  async exportProjected(projectionId: string): Promise<TextExport> {
    if (typeof projectionId !== 'string') throw fail('invalid-request', 'No projection id given');
    const held = this.projection;
    if (held === null || held.id !== projectionId) {
      // the projection asked for is gone, and with it what its file's rows are called (a CSV/TSV's rows, which
      // may be a bulk panel's samples, are not "cells"): it is named as a projection
      throw fail(
        'invalid-request',
        'This projection is no longer held by the engine (another file was projected since, perhaps from another page, or other data was opened): project the file again to export it.',
      );
    }
    // held for the map shown (a new run or data lets it go): named by that run's number, as its other exports
    return projectedExport(held, (this.last?.result ?? this.restored?.result)?.runNumber);
  }

  /**
   * The input's name without its data extension, for export names (as the CLI names its outputs): `exportStem`,
   * a Cell Ranger folder by its sample's name; after the first run on the data with the run's number
   * (`runStem`: pbmc_run2), so a retrain's exports do not take the first run's names.
   */
  private stem(): string {
    const { table, result } = this.requireRun();
    return runStem(exportStem(table.source), result.runNumber);
  }

  async exportCoordinates(editedLabels: EditedLabels | null = null): Promise<TextExport> {
    const { run, table, labelSource } = this.requireRun();
    const problem = editedLabels ? editedLabelsProblem(editedLabels, table.ids.length) : null;
    if (problem) throw fail('invalid-request', `Cannot export the edited labels: ${problem}`);
    // no edits sent (undone since a retrain on them): the run's own edits, beside the column they came from
    const text = coordinatesCsv(table, run, ',', editedLabels ?? runEdits(run, labelSource));
    return { fileName: `${this.stem()}.coords.csv`, mimeType: 'text/csv', text };
  }

  async exportReport(): Promise<TextExport> {
    const { run } = this.requireRun();
    return {
      fileName: `${this.stem()}.run.json`, // the CLI's default: --out's name with .run.json in place of .coords.csv
      mimeType: 'application/json',
      text: `${JSON.stringify(run.report, null, 2)}\n`,
    };
  }

  async exportAnnData(
    editedLabels: EditedLabels | null,
    target: AnnDataTarget,
    classColours: ShownColours | null = null,
  ): Promise<AnnDataExport> {
    const { run, table } = this.requireRun();
    const problem = editedLabels ? editedLabelsProblem(editedLabels, table.ids.length) : null;
    if (problem) throw fail('invalid-request', `Cannot export the edited labels: ${problem}`);
    const colourProblem = shownColoursProblem(classColours);
    if (colourProblem) throw fail('invalid-request', `Cannot export the class colours: ${colourProblem}`);
    // the file is written where it is going and never read back: at atlas size it is gigabytes
    if (target?.kind !== 'path' || typeof target.path !== 'string' || !isAbsolute(target.path)) {
      throw fail(
        'invalid-request',
        'The AnnData export needs an absolute path to write to (downloads are made by `tripletlens serve`)',
      );
    }
    const fileName = `${this.stem()}.tripletlens.h5ad`;
    // the loaded source: an upload's bytes when the page sent them (a run on an embedding copies X from it)
    const source = this.loaded?.source;
    // an upload's notes and errors name the user's file, not the server's temporary copy (as its import does)
    // locked as a CLI run's outputs are: an export into the file a `train --out` writes is refused, naming it
    const locked = await withExportLock(target.path, 'AnnData .h5ad', () =>
      this.namingUploads([], () =>
        writeResultH5ad(target.path, trainingH5ad(table, run, editedLabels, source, classColours ?? null)),
      ),
    );
    const raw = [...locked.notes, ...locked.value];
    const { loaded } = this;
    const notes = loaded ? raw.map((n) => shownSource(loaded, n)) : raw;
    const { size } = await stat(target.path);
    const written = {
      kind: 'path' as const,
      path: target.path,
      fileName,
      mimeType: H5AD_MIME_TYPE,
      bytes: size,
    };
    return notes.length > 0 ? { ...written, notes } : written;
  }

  async exportModel(
    target: ModelExportTarget,
    classColours: ShownColours | null = null,
  ): Promise<ModelExport> {
    // a retrained run's model keeps the column its edits started from: embed writes a file's own labels from it
    const { run, labelSource, table } = this.requireRun();
    const colourProblem = shownColoursProblem(classColours);
    if (colourProblem) throw fail('invalid-request', `Cannot export the class colours: ${colourProblem}`);
    // and the colours the map drew its classes in, which embed's h5ad gives its predictions
    const extras = { labelSource, classColours: mapClassColours(table, run, classColours ?? null) };
    if (target?.kind === 'path') {
      await withExportLock(target.dir, 'Model folder', () => saveModelFolder(run, target.dir, extras));
      return {
        kind: 'path',
        dir: target.dir,
        files: (await readdir(target.dir, { recursive: true })).sort(),
      };
    }
    const name = `${this.stem()}.model`;
    // the folder is made in TMPDIR, then archived: a full TMPDIR is named as such, not by a private path
    return inTempFolder('tripletlens-model-', 'a temporary copy of the model', async (temp) => {
      await saveModelFolder(run, join(temp, name), extras);
      const bytes = await tarDirectory(join(temp, name), name);
      return { kind: 'archive', fileName: `${name}.tar`, mimeType: 'application/x-tar', bytes };
    });
  }

  async cellNeighbours(cell: number, k?: number): Promise<CellNeighbourhood> {
    const { run, result, table } = this.requireRun();
    return cellNeighbourhood(result.runId, runInput(run, table), run.coords, cell, k);
  }

  async markerGenes(request: MarkerRequest): Promise<MarkerResult> {
    const { table, summary } = this.requireTable();
    const result = await sessionMarkers(table, summary.datasetId, request, { threads: resolveThreads() });
    if (this.loaded?.table !== table) {
      throw fail('invalid-request', 'Other data was opened while the marker genes were found: ask again');
    }
    return result;
  }

  onEvent(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---- annotate: retraining with edited labels, predictions, sessions ------------------------------------

  async retrainWithLabels(request: RetrainRequest): Promise<{ runId: string; request: TrainRequest }> {
    const loaded = this.requireTable();
    if (this.active) throw fail('busy', 'A training run is already in progress: stop it first');
    const problem = editedLabelsProblem(request?.editedLabels, loaded.table.ids.length);
    if (problem) throw fail('invalid-request', `Cannot retrain with these labels: ${problem}`);
    const fineTune = (request.init ?? 'fine-tune') === 'fine-tune';
    const last = this.last?.result.datasetId === loaded.summary.datasetId ? this.last : null;
    if (fineTune && !last) {
      throw fail(
        'invalid-request',
        'There is no trained encoder on this data to fine-tune: train once first, or retrain from scratch',
      );
    }
    const settings = retrainSettings(request, last?.run ?? null);
    try {
      resolveSettings(settings);
    } catch (err) {
      throw new EngineError(toErrorInfo(err, 'invalid-request'));
    }
    // the earlier encoder and the input it was trained on (its class-evidence step), kept together
    const start =
      fineTune && last
        ? { weights: last.run.encoder.weightValues(), classEvidence: last.run.recipe.classEvidence ?? null }
        : undefined;
    const runId = this.nextId('run');
    // a fresh object: the run keeps its own copy (newActiveRun), the reply takes this one
    const asked = retrainRequest(settings, request);
    const active = newActiveRun(runId, loaded.displayName, asked, request.editedLabels);
    this.active = active;
    const table = labelledTable(loaded.table, request.editedLabels);
    const snapshotEvery = request.snapshotEvery ?? this.options.snapshotEvery;
    const source = request.editedLabels.source;
    void this.train(active, { ...loaded, table }, settings, snapshotEvery, start, source);
    return { runId, request: asked };
  }

  async runPredictions(): Promise<RunPredictions> {
    if (this.restored) return this.restored.predictions;
    const { run, result } = this.requireRun();
    if (this.predictions?.runId !== result.runId) {
      this.predictions = { runId: result.runId, ...predictUntrained(run) };
    }
    return this.predictions;
  }

  async exportEditedLabels(editedLabels: EditedLabels): Promise<TextExport> {
    const shown = this.last?.result ?? this.restored?.result;
    if (!shown) throw fail('invalid-request', 'No map yet: train (or open a session) first');
    const problem = editedLabelsProblem(editedLabels, shown.ids.length);
    if (problem) throw fail('invalid-request', `Cannot export the edited labels: ${problem}`);
    const table = this.last?.table;
    const source = table?.metadata.find((m) => m.name === editedLabels.source);
    const idColumn = table?.idColumn ?? this.restored?.summary.idColumn ?? 'id';
    const original = source ? source.values : shown.labels;
    // the stem every other export takes (exportStem): a Cell Ranger folder's sample, x.csv.gz's x — not
    // 'filtered_feature_bc_matrix' or 'x.csv'; a reopened session's input by its path, as Save session names it
    const input = this.restored?.input;
    const name = exportStem(this.last ? this.last.table.source : input?.path || input?.name || '') || 'map';
    return {
      fileName: `${name}.${editedLabels.column}.csv`,
      mimeType: 'text/csv',
      text: editedLabelsCsv(idColumn, shown.ids, original, editedLabels),
    };
  }

  async saveSession(request: SaveSessionRequest): Promise<BinaryExport> {
    this.refuseOtherMap(request?.runId);
    // the model's kNN reference, one JSON text, may pass V8's string limit before the manifest does
    const contents = await this.sessionContents(request).catch((err: unknown) => {
      const tooLong = tooLongForSession(err, requestedKind(request.projected));
      throw tooLong ? fail('invalid-request', tooLong.message) : err;
    });
    // a path input by its path: a Cell Ranger folder is named after its sample, above the folder
    // the map it holds is a run's: a retrain's session is not offered under the first run's name
    const stem = runStem(
      inputStem(contents.input.path || contents.input.name) || 'session',
      contents.result.runNumber,
    );
    let bytes: Uint8Array;
    try {
      bytes = sessionBytes(contents);
    } catch (err) {
      // one larger than can be read back, or too long a text: refused, never written to be lost
      if (err instanceof SessionFileError) throw fail('invalid-request', err.message);
      throw err;
    }
    return { fileName: `${stem}.${SESSION_EXTENSION}`, mimeType: 'application/zip', bytes };
  }

  /**
   * Refuses a Save session whose page shows another map than the one held (`runId`, SaveSessionRequest.runId):
   * saved, it would hold another window's run (or session) under this page's edits.
   */
  private refuseOtherMap(runId: string | undefined): void {
    const held = (this.last?.result ?? this.restored?.result)?.runId;
    if (runId === undefined || runId === held) return;
    throw fail(
      'invalid-request',
      held === undefined
        ? 'Cannot save the session: the engine no longer holds the map shown here (other data was opened since, perhaps from another window). Open the session again, or train again, then Save session.'
        : 'Cannot save the session: the engine now holds another map than the one shown here (another window opened other data or another session since). Open the session again, or train again, then Save session.',
    );
  }

  /**
   * The projected cells a save request names (`SaveSessionRequest.projected`) as the session keeps them, with
   * what their CSV (what Export projected cells gives) is made from, from the projection the engine holds — the
   * page has none:
   * by their id, the cells the engine holds under it; whole (an older page), the page's as sent, checked.
   * Either is refused when the engine no longer holds that id.
   */
  private projectedToSave(projected: EmbedResult | ProjectionRef | null): StoredProjection | undefined {
    if (projected === null) return undefined;
    const whole = typeof projected === 'object' && 'ids' in projected;
    const cols = (this.last?.result ?? this.restored?.result)?.coords.cols ?? 0;
    const problem = whole
      ? projectedRequestProblem(projected, cols)
      : typeof (projected as Partial<ProjectionRef> | undefined)?.projectionId !== 'string'
        ? 'have no projection id'
        : null;
    const held = this.projection?.id === projected.projectionId ? this.projection : null;
    // in the projected file's words for its rows, as the page's Remove projected rows/cells button says them
    // (a CSV/TSV's are rows) — a ref's own kind first, as the engine may no longer hold them; cells when
    // neither the request nor the engine says the file's kind
    const many = rowWords(requestedKind(projected) ?? (whole ? undefined : held?.cells.format.kind)).many;
    if (problem) throw fail('invalid-request', `Cannot save the projected ${many}: they ${problem}`);
    if (!held) {
      throw fail(
        'invalid-request',
        `Cannot save the projected ${many}: the engine no longer holds them (another file was projected since, perhaps from another page, or the engine restarted): project the file again, or remove the projected ${many}, and save again.`,
      );
    }
    const cells = whole ? (projected as EmbedResult) : { ...held.cells, projectionId: held.id };
    return storedProjection(cells, held.csv);
  }

  /** What a saved session holds: the held run (or the reopened session) with the page's additions. */
  private async sessionContents(request: SaveSessionRequest): Promise<SessionContents> {
    const rows = (this.last?.result ?? this.restored?.result)?.ids.length ?? 0;
    const edited = request?.editedLabels ?? null;
    const problem = edited ? editedLabelsProblem(edited, rows) : null;
    if (problem) throw fail('invalid-request', `Cannot save the edited labels: ${problem}`);
    const selection = request?.selection instanceof Int32Array ? request.selection : new Int32Array(0);
    const page: Pick<SessionContents, 'editedLabels' | 'selection' | 'view' | 'createdAt' | 'projected'> = {
      editedLabels: edited,
      selection,
      view: request?.view ?? null,
      createdAt: new Date().toISOString(),
      // the page's crosses, or none: a resave without them drops what a reopened session brought
      projected: this.projectedToSave(request?.projected ?? null),
    };
    if (!this.last && this.restored) return { ...this.restored, ...page };
    const { run, result, restored } = this.requireRun();
    const loaded = this.requireTable();
    const source = loaded.source;
    const joinedColumns = loaded.table.metadata.filter((m) => m.joined);
    const kind =
      source === this.options.samplePath
        ? 'sample'
        : typeof source !== 'string' || isUploadPath(source)
          ? 'upload'
          : 'path';
    return {
      ...page,
      input: await sessionInput(
        source,
        loaded.displayName,
        kind,
        // hashed again when it may be stale: a reopened Cell Ranger input was matched by its fingerprint
        restored && loaded.table.folderPrint ? null : run.report.input.sha256,
        loaded.table.folderPrint,
      ),
      settings: { importSettings: loaded.settings, labelColumn: run.labelColumn },
      summary: loaded.summary,
      result,
      predictions: await this.runPredictions(),
      modelFiles: await modelFilesOfRun(run),
      // a joined metadata file's columns: kept, as the file may be gone (an upload) when the session reopens;
      // not the input's own columns, which the input gives back (an h5ad's obs would double the session)
      ...(joinedColumns.length
        ? { joinedMetadata: joinedColumns.map((m) => codedColumn(m.name, m.values)) }
        : {}),
    };
  }

  async openSession(
    source: FileSource,
    confine: SessionConfinement = {},
    stopsRun: string | null = null,
    opener?: string,
  ): Promise<OpenedSession> {
    return this.namingUploads([source], async () => {
      const data = this.dataSource(source);
      const name = EngineSession.displayName(source, data);
      const call: ReplacingCall = { stopsRun, by: calledBy('session', basename(name), opener) };
      refuseUnlessConsented(this.active, stopsRun, call.by);
      let contents: SessionContents;
      try {
        const bytes = typeof data === 'string' ? await readSessionFile(data, basename(name)) : data.bytes;
        contents = parseSession(bytes, basename(name));
      } catch (err) {
        if (err instanceof SessionFileError) throw fail('import', err.message);
        throw new EngineError({ ...toErrorInfo(err, 'import'), file: name });
      }
      // where the input is now: where it was (a Cell Ranger matrix file also gzipped or unzipped there)
      const found = await foundInput(contents.input, this.options.samplePath, confine?.inputRoot);
      // found but not readable there (or a folder where the input was a file): said so, never compared — a
      // SHA-256 it cannot compute matches none, and would be told as a file whose content differs
      const problem = found === null ? null : await inputAccessProblem(contents.input, found);
      const candidate = problem === null ? found : null;
      const exists = candidate !== null;
      // a file by its SHA-256, a Cell Ranger folder or its matrix file by its fingerprint — an older session's
      // folder by its cell count
      const change = exists ? await inputChange(contents.input, candidate) : null;
      // the projected cells are shown as saved; a projected file changed since is said, never projected again
      const projectedMessage = contents.projected
        ? await projectedFileNote(contents.projected, this.options.samplePath, confine?.inputRoot)
        : '';
      const opened =
        exists && change === null
          ? // an older folder session's folder that now reads as another number of cells is changed, not an error
            await this.attach(contents, candidate, candidate, call, basename(name), (differs) =>
              this.detach(call, contents, 'changed', differs),
            )
          : problem !== null
            ? this.detach(
                call,
                contents,
                problem === accessProblemWords('ENOENT') ? 'missing' : 'unreadable',
                null,
                problem,
              )
            : this.detach(call, contents, exists ? 'changed' : 'missing', change);
      const answer = { ...opened, projected: this.holdSavedProjection(contents), projectedMessage };
      const { result: _run, ...reopened } = answer;
      this.reopened = answer.inputStatus === 'attached' ? null : reopened;
      return answer;
    });
  }

  /**
   * The projected cells a reopened session holds, held again as the last projection under a new id — so Export
   * projected cells and a resave work without the projected file (its CSV made again from the cells, or an
   * older session's as saved) — or null (none saved: a projection held before is let go, as it belongs to
   * another map).
   */
  private holdSavedProjection(contents: SessionContents): EmbedResult | null {
    if (!contents.projected) {
      this.projection = null;
      return null;
    }
    const { csv, ...shown } = contents.projected;
    const id = this.nextId('projection');
    this.projection = { id, cells: shown, csv };
    return { ...shown, projectionId: id };
  }

  async attachSessionInput(source: FileSource, opener?: string): Promise<OpenedSession> {
    return this.namingUploads([source], async () => {
      const contents = this.restored;
      if (!contents) throw fail('invalid-request', 'No reopened session is waiting for its input');
      const data = this.dataSource(source);
      const name = EngineSession.displayName(source, data);
      const savedName = shownName(contents.input.path || contents.input.name);
      // a path with nothing readable there is said so: compared, it would be called a file whose content differs
      const problem = typeof data === 'string' ? await inputAccessProblem(contents.input, data) : null;
      if (problem !== null) {
        const message = unreadableInputMessage(name, problem, savedName);
        throw new EngineError({ kind: 'import', message, file: name });
      }
      // as on reopening: a file must match the saved SHA-256, a Cell Ranger folder or its matrix file the saved
      // fingerprint (the same cells, genes and count of values); one given for an older folder's session, as many
      // cells
      const change = await inputChange(contents.input, data);
      if (change !== null) {
        throw fail(
          'invalid-request',
          `${shownName(name)} is not the session's input ${savedName}: ${change.differs}, so the saved map does not belong to it`,
        );
      }
      // the page keeps the projected cells it shows (the map is the same): so does the engine, for their export
      // and a resave — attaching forgets the run's projection as opening any data does
      const held = this.projection;
      // no run can be in progress without the session's input; were one, it is not stopped unasked
      // 'attach': the pages showing this session without its input follow it (the same map, now with its data)
      const call: ReplacingCall = { stopsRun: null, by: calledBy('attach', sourceShownName(name), opener) };
      const opened = await this.attach(contents, data, name, call);
      this.projection = held;
      return opened;
    });
  }

  /**
   * Holds a reopened session on its (unchanged) input: the run is back, as if just trained. An input that
   * reads as another number of cells (a folder of a session saved before folders had a fingerprint) is
   * refused, or — with `otherCells`, on reopening — handed to it to show the session as changed.
   */
  private attach(
    contents: SessionContents,
    data: DataSource,
    displayName: string,
    call: ReplacingCall,
    sessionName = 'The session',
    otherCells?: (change: InputChange) => OpenedSession,
  ): Promise<OpenedSession> {
    return this.replacing(() => this.attachRead(contents, data, displayName, call, sessionName, otherCells));
  }

  /** `attach` once the loaded data's rank index and run input are let go. */
  private async attachRead(
    contents: SessionContents,
    data: DataSource,
    displayName: string,
    call: ReplacingCall,
    sessionName: string,
    otherCells?: (change: InputChange) => OpenedSession,
  ): Promise<OpenedSession> {
    const settings = contents.settings.importSettings ?? {};
    const read = await this.importWithProgress(data, settings);
    nameInWarnings(read, EngineSession.sourceName(data), displayName);
    const imported = withJoinedMetadata(read, contents.joinedMetadata);
    if (imported.ids.length !== contents.result.ids.length) {
      const { input } = contents;
      const counts = cellCountWords(
        input,
        imported.format?.kind,
        imported.ids.length,
        contents.result.ids.length,
      );
      const folder = inputIsFolder(input);
      if (otherCells) {
        const change = { what: folder ? 'folder' : 'file', differs: `it ${counts}` } as const;
        return otherCells(folder ? change : { ...change, sameContent: counts });
      }
      throw fail('import', `${sourceShownName(displayName)} ${counts}`);
    }
    const joinedFrom = contents.joinedMetadata ? contents.summary.metadataSource : null;
    const summary = await this.summarize(imported, data, displayName, settings, joinedFrom);
    // a run started during the read (from another page) is asked about before the model is loaded
    refuseUnlessConsented(this.active, call.stopsRun, call.by);
    const damaged = (err: unknown) =>
      fail('import', `${sessionName} cannot be used: its model is damaged (${toErrorInfo(err).message})`);
    const model = await loadModelFiles(contents.modelFiles).catch((err: unknown) => {
      throw damaged(err);
    });
    const table = tableForRun(imported, contents.result);
    let run: TrainingRun;
    try {
      run = restoredRun(contents, model, table);
    } catch (err) {
      model.dispose();
      throw damaged(err);
    }
    try {
      this.stopActiveRun(call);
    } catch (err) {
      model.dispose(); // a run started while the model loaded, not named by the call: refused
      throw err;
    }
    // the pages following this attach (another tab showing the session without its input) say it too
    const note = unjoinedMetadataNote(contents.summary, summary, contents.result.labelColumn);
    this.discardRun(`a session was opened`, summary, note ? { ...call.by, note } : call.by);
    const result: RunResult = { ...contents.result, runId: this.nextId('run'), datasetId: summary.datasetId };
    this.loaded = { table: imported, read, summary, source: data, displayName, settings };
    this.indexInBackground();
    // the edits a run on them started from, when the session kept them: its CSV keeps their source column
    const edits = contents.editedLabels;
    const labelSource = edits?.column === result.labelColumn ? edits.source : undefined;
    this.last = { run, result, table, restored: true, ...(labelSource ? { labelSource } : {}) };
    this.runNumbers.saw(exportStem(table.source), result.runNumber);
    this.predictions = { ...contents.predictions, runId: result.runId };
    return this.opened(contents, summary, result, 'attached', note);
  }

  /** Shows a reopened session without its input (changed or missing): the map, but nothing that needs the data. */
  private detach(
    call: ReplacingCall,
    contents: SessionContents,
    status: UnattachedStatus,
    change: InputChange | null = null,
    problem: string | null = null,
  ): OpenedSession {
    this.stopActiveRun(call);
    const summary: DatasetSummary = { ...contents.summary, datasetId: this.nextId('data') };
    this.discardRun('a session was opened', summary, call.by);
    const result: RunResult = { ...contents.result, runId: this.nextId('run'), datasetId: summary.datasetId };
    this.loaded = null;
    forgetRankIndex();
    const restored = {
      ...contents,
      summary,
      result,
      predictions: { ...contents.predictions, runId: result.runId },
    };
    this.restored = restored;
    this.runNumbers.saw(exportStem(contents.input.path || contents.input.name), result.runNumber);
    const message = unattachedInputMessage(contents.input, status, change, problem);
    return this.opened(restored, summary, result, status, message);
  }

  private opened(
    contents: SessionContents,
    summary: DatasetSummary,
    result: RunResult,
    inputStatus: OpenedSession['inputStatus'],
    inputMessage: string,
  ): OpenedSession {
    return {
      summary,
      result,
      predictions: { ...contents.predictions, runId: result.runId },
      editedLabels: contents.editedLabels,
      selection: contents.selection,
      view: contents.view,
      input: contents.input,
      inputStatus,
      inputMessage,
      // the projected cells are put back by openSession (holdSavedProjection); re-attaching keeps those shown
      projected: null,
      projectedMessage: '',
    };
  }

  /** Cancels work in progress and frees the model's tensors. */
  dispose(): void {
    this.importAbort?.abort();
    this.projectAbort?.abort();
    this.warming?.abort.abort();
    this.cancelActiveRun();
    this.forgetRun();
    this.loaded = null;
    forgetRankIndex(); // a background build's worker threads end with the session
    this.listeners.clear();
  }
}
