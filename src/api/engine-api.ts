/**
 * EngineApi: the one typed interface the renderer talks to. Two transports implement it — the Electron preload
 * (IPC to a utilityProcess) and renderer/transport/http-engine.ts (HTTP + SSE to `tripletlens serve`) — and the
 * engine worker (src/worker) serves it. Everything here must survive structured clone (IPC) and the HTTP wire
 * codec (src/api/wire.ts): plain objects, arrays, strings, numbers, booleans, null, Uint8Array/Float32Array/
 * Int32Array. No classes, functions, Dates, Maps or undefined-only semantics.
 *
 * This file is loaded by both tsconfig.node.json and tsconfig.renderer.json: no Node or DOM imports.
 */
import type { LossStepPoint } from './loss-steps.js';
import type { FileFormatKind } from './file-format.js';
import type { BackendInfo } from './backend-info.js';
import type { ImportWarning } from './import-warning.js';
import type { DenseMatrix } from './matrix.js';
import type { CellNeighbourhood } from './neighbourhood.js';
import type { PreprocessOptions } from './preprocess-options.js';
import type { StoppedReason, TrainHistoryEntry, TrainProgress } from './progress.js';
import type { OptionValue, OptionValues } from './option-schema.js';
import type { EditedLabels } from './annotation.js';
import type { StageStep } from './stage-step.js';
import type { ColumnCodes } from './column-codes.js';
import type {
  OpenedSession,
  ReopenedSession,
  RetrainRequest,
  RunPredictions,
  SaveSessionRequest,
  SessionConfinement,
  SessionInput,
} from './annotate.js';
import type { MarkerRequest, MarkerResult } from './markers.js';
import type { EmbeddingInfo } from './matrix-input.js';

export type { BackendInfo, CellNeighbourhood, DenseMatrix, ImportWarning, PreprocessOptions, StoppedReason };
export type { EmbeddingInfo, MarkerRequest, MarkerResult };

// ---------------------------------------------------------------------------------------------------------
// Opening files
// ---------------------------------------------------------------------------------------------------------

/** Where a file comes from. */
export type FileSource =
  /** The bundled sample (samples/pbmc68k_reduced_lognorm.csv). */
  | { kind: 'sample' }
  /** A path on the engine's machine. Under `tripletlens serve` it must lie inside `--root`. */
  | { kind: 'path'; path: string }
  /** Bytes the user picked or dropped in the page; `name` is used for format detection and messages. */
  | { kind: 'upload'; name: string; bytes: Uint8Array }
  /**
   * A file the page streamed to `tripletlens serve` (POST /api/upload) before opening it: the page names it by
   * `uploadId`; the server fills in `path` (its temporary copy, named `name`) before the engine sees it.
   */
  | { kind: 'uploaded'; uploadId: string; name: string; path?: string };

/** How the file is laid out. `auto` lets the importer decide; the summary reports what it decided. */
export type Orientation = 'auto' | 'cells-as-rows' | 'genes-as-rows';

/** Import settings; every field is optional and defaults to detection. */
export interface ImportSettings {
  /** Field delimiter. Default: 'auto' (detected from the first lines, whatever the file's extension). */
  delimiter?: 'auto' | ',' | '\t' | ';';
  /**
   * The decimal separator of a text table's numbers: '.' (1.25) or ',' (1,25, as a Swedish or German
   * spreadsheet saves a CSV; a number holding a '.' is then refused, never read as a thousands separator).
   * Default: 'auto' (',' only for a ';'-separated table whose first rows' numbers all use decimal commas and
   * none a '.'; else '.').
   */
  decimal?: 'auto' | '.' | ',';
  /** Which axis holds cells. 'genes-as-rows' turns the file round. Default: 'auto' (read as cells-as-rows; the summary's orientation.reason carries a hint when the file looks the other way round). */
  orientation?: Orientation;
  /**
   * Name of the column holding cell ids. Default: detected (an unnamed first column or one named like an id —
   * id, cell, barcode… —, else a first text column with unique values; rows are numbered when there is none).
   */
  idColumn?: string;
  /** Exactly these columns are metadata (kept as text) — with `genesFrom`, the columns before it too. Default: detected (text columns and numeric columns set apart from the genes). */
  metadataColumns?: string[];
  /** This column and every one after it are genes (but those in `metadataColumns`); every column before it but the id is metadata. Default: detected. */
  genesFrom?: string;
  /** What a missing value in a gene column does: stop with its location, read 0, drop the row, or use the gene's mean. Default 'error'. */
  missing?: 'error' | 'zero' | 'drop-row' | 'column-mean';
  /** Which matrix of an h5ad/loom file to read: a layer name ('counts'…) or 'raw'. Default: X (loom: matrix); other formats hold one matrix. */
  layer?: string;
  /**
   * What to train on: 'genes' or an h5ad embedding such as 'obsm:X_pca' (the CLI's --input; the grammar is
   * src/api/matrix-input.ts's). Default 'genes'.
   */
  input?: string;
  /** Number of preview rows to return in the summary. Default 10. */
  previewRows?: number;
  /** Number of preview columns to return in the summary. Default 12. */
  previewColumns?: number;
}

/** How Project another file reads a file (`embedFile`): its import settings, and what is done to its values. */
export interface ProjectSettings extends ImportSettings {
  /**
   * Log-normalise the file's raw counts as the map's training values were (scanpy's normalize_total to the
   * training's total per cell — `PreprocessRecipe.logTotal`, else 10 000, said in a warning — then log1p) before
   * the map's own steps: the page's Project another file ▸ Log-normalise counts. Refused for a map trained on
   * counts, which normalises them itself, or of an embedding, and for a file that holds no counts. Default false.
   */
  logNormalize?: boolean;
}

/** What kind of file was read, which of its matrices, and the others it offers. */
export interface FileFormatSummary {
  kind: FileFormatKind;
  /** The matrix read, named as in the file: 'X', 'layers/counts', 'raw/X', 'matrix'… ('' for text). */
  matrix: string;
  /** The file's other matrices of the same shape, which `ImportSettings.layer` can read instead. */
  layers: string[];
  /**
   * The genes of each of `layers` whose count is known, by name: an h5ad's raw/X often holds every gene where X
   * holds the highly variable ones (a gene the map's matrix lacks may be there). Default: none known (text,
   * loom; summaries saved before it was added).
   */
  layerGenes?: Record<string, number>;
  /** Per-cell embeddings (h5ad `obsm`) `ImportSettings.input` can train on instead of genes. */
  obsm: string[];
  /**
   * The embeddings among `obsm` that can be read as the input (`ImportSettings.input` 'obsm:NAME'), with
   * their widths, in the file's order (a dataframe in obsm is not among them). Absent in summaries saved
   * before it was added.
   */
  embeddings?: EmbeddingInfo[];
}

/** One text column beside the expression values. */
export interface MetadataColumnSummary {
  name: string;
  /** Number of distinct non-empty values. */
  distinct: number;
  /** Number of empty / NA entries. */
  missing: number;
  /** Up to 12 of the most frequent values, most frequent first. */
  topValues: { value: string; count: number }[];
  /**
   * True when the values are mostly distinct numbers (a score such as scanpy's `S_score`, not classes): the
   * UI offers the column for colouring but not as the label column. Absent (false) for label-like columns.
   */
  continuous?: boolean;
  /**
   * True for a column joined from the metadata file (`openMetadata`), not read from the file itself: the
   * Import settings' metadata columns are the file's own, so "Re-open with these settings" never sends it (an
   * h5ad would refuse it as none of its obs). Absent (false) for the file's own columns.
   */
  joined?: boolean;
}

/** The first rows/columns of the file as text, exactly as read (before orientation is applied). */
export interface FilePreview {
  header: string[];
  rows: string[][];
  /** Total columns in the file (the preview may show fewer). */
  totalColumns: number;
  /** The delimiter that was used. */
  delimiter: string;
}

/**
 * Whether values look like raw counts (then normalise + log1p is recommended), log-transformed (as log1p of
 * counts: zeros kept, none above 20, `looksLogTransformed`), other non-negative values that are neither
 * (measurements such as iris's, 'non-negative': used as they are), centred or scaled (negative values:
 * sc.pp.scale's X, which has no fold changes), or an embedding's ('other').
 */
export type ValueKind = 'counts' | 'log' | 'non-negative' | 'scaled' | 'other';

/** What an open file turned out to be. */
export interface DatasetSummary {
  /** Changes every time a file (or metadata) is opened; runs and column values refer to it. */
  datasetId: string;
  /** File name (uploads) or path as given. */
  source: string;
  /** Number of cells (rows after orientation). */
  rows: number;
  /** Number of genes (feature columns after orientation). */
  genes: number;
  /** Gene names, in column order (for colour-by-gene pickers). */
  geneNames: string[];
  idColumn: string;
  metadata: MetadataColumnSummary[];
  /** The column the importer thinks holds cell types, or null when none looks like one. */
  suggestedLabel: string | null;
  valueKind: ValueKind;
  /**
   * The orientation that was applied and why. `looksTurned`: true when the file was read as it is and looks
   * turned round (genes as rows: `reason` is then the hint to turn it), absent otherwise — the label picker's
   * hint says to turn it first.
   */
  orientation: { applied: Exclude<Orientation, 'auto'>; reason: string; looksTurned?: true };
  preview: FilePreview;
  /** Preprocessing the engine recommends for these values (what `auto` resolves to). */
  recommendedPreprocess: PreprocessOptions;
  /** The file's format and matrices (absent in summaries saved before it was added). */
  format?: FileFormatSummary;
  /** The fraction of matrix values that are not zero (0…1): how sparse the data is. */
  nonZeroFraction?: number;
  /** Non-fatal findings; the import still succeeded. */
  warnings: ImportWarning[];
  /** The metadata file joined in by `openMetadata`, if any. */
  metadataSource: string | null;
  /**
   * Colours the file already gives a metadata column's categories (an h5ad's `uns['<column>_colors']`, as
   * chosen in scanpy), by column then category ('#rrggbb'); the map uses them when colouring by that column.
   * Absent when the file has none.
   */
  categoryColors?: Record<string, Record<string, string>>;
  /**
   * The stored order of a categorical metadata column's categories (an h5ad's categorical obs: the order
   * anndata and scanpy list them in, as in a legend), by column; the map's legend follows it. Only columns of
   * at most 1000 categories. Absent when the file stores none.
   */
  categoryOrder?: Record<string, string[]>;
}

/** Class counts of one candidate label column. */
export interface LabelSummary {
  column: string;
  /** Classes with their cell counts, largest first. */
  classes: { name: string; count: number }[];
  /** Cells with an empty / NA label (kept, trained as unlabeled). */
  unlabeled: number;
  /** Classes with fewer than 2 cells (a triplet needs an anchor and a positive). */
  tooSmall: string[];
}

/**
 * What to colour points by. `coded` (a metadata column; default false): reply with the column's class codes
 * and names (`kind: 'coded'`) instead of one string a cell — the live map's labels at 10⁵ cells.
 */
export type ColumnRequest =
  { kind: 'metadata'; column: string; coded?: boolean } | { kind: 'gene'; gene: string };

/** One value per cell, in row order (`coded`: cell i's value is `categories[codes[i]]`, column-codes.ts). */
export type ColumnValues =
  | { kind: 'text'; name: string; values: string[] }
  | {
      kind: 'numeric';
      name: string;
      values: Float32Array;
      min: number;
      max: number;
      /**
       * A gene of a file of counts: its values are log1p(count · 10 000 / the cell's total), the values the
       * marker table tests (`MarkerResult.values` 'log1p-normalised'), as scanpy's normalize_total + log1p
       * colour a map. Absent: the values as imported.
       */
      scale?: 'log1p-normalised';
    }
  | ({ kind: 'coded'; name: string } & ColumnCodes);

// ---------------------------------------------------------------------------------------------------------
// Backend
// ---------------------------------------------------------------------------------------------------------

// BackendInfo: src/api/backend-info.ts (what src/backend decides; re-exported above).

// ---------------------------------------------------------------------------------------------------------
// Training
// ---------------------------------------------------------------------------------------------------------

export type SamplerName = OptionValue<'sampler'>;
export type LossName = OptionValue<'loss'>;
export type DistanceName = OptionValue<'distance'>;

/**
 * Training settings. Only `labelColumn` is required; every other field is an option of the option schema
 * (src/api/option-schema.ts: its type, default, range or choices, and help) and falls back to its default —
 * the same default a plain `tripletlens train FILE --label COL` uses. A value the schema refuses is an
 * 'invalid-request' naming the option and its range (OptionError).
 */
export interface TrainRequest extends OptionValues<'trainer' | 'run' | 'request'> {
  /** Metadata column whose values are the classes. */
  labelColumn: string;
  /** Preprocessing; unset fields use the recommended values from the dataset summary. */
  preprocess?: PreprocessOptions;
}

/**
 * Quality metrics of a run; null when a metric cannot be computed (no hold-out cells, a single class…).
 * All kNN figures are kNN-5 accuracies of hold-out cells classified by training cells, except `knn_train`.
 */
export interface RunMetrics {
  /** Hold-out cells vs training cells in the learnt embedding. */
  knn_holdout: number | null;
  /** Training cells vs the other training cells (leave-one-out) in the embedding. */
  knn_train: number | null;
  /** Baseline: hold-out vs training cells after PCA of the preprocessed data to the same dims. */
  knn_holdout_pca: number | null;
  /** Baseline: hold-out vs training cells in the preprocessed input space. */
  knn_holdout_input: number | null;
  /** Mean silhouette of the labelled cells in the embedding, by label. */
  silhouette: number | null;
  /** Trustworthiness (k = 15) of the embedding against the preprocessed input. */
  trustworthiness: number | null;
}

/** Everything the Explore screen needs about a finished run. */
export interface RunResult {
  runId: string;
  datasetId: string;
  labelColumn: string;
  /** cells × dims, row order = the dataset's rows. */
  coords: DenseMatrix;
  ids: string[];
  /** The label of each cell ('' when unlabeled). */
  labels: string[];
  split: ('train' | 'holdout' | 'unlabeled')[];
  metrics: RunMetrics;
  stoppedReason: StoppedReason;
  /** Why the run stopped, in a sentence (e.g. which early-stopping rule fired), when known. */
  stopMessage?: string;
  history: TrainHistoryEntry[];
  /** The run report as written by the CLI (JSON-friendly). */
  report: Record<string, unknown>;
  /**
   * The run's place among the runs on the open data: 1 for the first, 2 for the next (a retrain with edited
   * labels or another training), and so on; a reopened session's run keeps its number. Its exports are named
   * by it (`output-stem.ts` `runStem`). Absent in sessions saved before runs were numbered: taken as 1.
   */
  runNumber?: number;
}

/** A second file projected through the trained model. */
export interface EmbedResult {
  /** The file as the user named it (an upload's own name, a path as given). */
  source: string;
  /**
   * The file's format, the matrix read (by default the one the map was trained on, when the file has it —
   * see `embedFile`) and the file's other matrices, which `ImportSettings.layer` can read instead.
   */
  format: FileFormatSummary;
  ids: string[];
  coords: DenseMatrix;
  /** Predicted class per cell (kNN against the training embedding). */
  predicted: string[];
  /** Share of the k neighbours that voted for the predicted class, per cell. */
  confidence: Float32Array;
  /** Genes the model expects that the file lacks (filled with their training average). */
  missingGenes: string[];
  /** What the import noticed about the file (ids or genes renamed, empty cells…), one sentence each. */
  warnings: string[];
  /** The file's own labels in the run's label column, when it has that column. */
  labels: string[] | null;
  /**
   * Information on the file, one sentence each, that is no warning: a metadata file that matched every cell
   * and whose rows all matched (the Import screen's Note). Empty when there is none.
   */
  notes: string[];
  /** The metadata file joined to the projected cells (`embedFile`'s `metadata`), as the user named it; null without one. */
  metadataSource: string | null;
  /**
   * The metadata file's columns joined to the projected cells by id, each with one value per cell in `ids`
   * order ('' for a cell the file does not list). Empty without a metadata file.
   */
  joinedMetadata: ProjectedColumn[];
  /**
   * Names this projection for `exportProjected`, which makes its CSV when the user asks for it: the reply
   * carries no CSV (at 10^5 cells it would be ~10 MB the page rarely needs).
   */
  projectionId: string;
  /**
   * The projected file as a session records its input — name, size, SHA-256 (a Cell Ranger folder's
   * fingerprint instead), its path when it was opened by one ('' for an upload) —, so a reopened session can
   * tell whether it changed since. Saved with the cells (`SaveSessionRequest.projected`).
   */
  file: SessionInput;
}

/** One metadata column of projected cells. */
export interface ProjectedColumn {
  name: string;
  /** One value per projected cell ('' when missing). */
  values: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------

/** A text file for the user to save (the page offers it as a download; Electron writes it via a dialog). */
export interface TextExport {
  fileName: string;
  mimeType: string;
  text: string;
}

/** A binary file for the user to save (the page offers it as a download; Electron asks where to save it). */
export interface BinaryExport {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * Where the AnnData `.h5ad` export goes. The file is never handed over as bytes: at 10^5–10^6 cells it is
 * gigabytes, and every copy of it in a process's memory counts.
 */
export type AnnDataTarget =
  /**
   * `tripletlens serve`: the server has the engine write the file into its own temporary folder and hands
   * back a one-time download (GET /api/download/<id>), which the browser streams to disk. Only the server
   * accepts it; the engine itself refuses it.
   */
  | { kind: 'download' }
  /**
   * Write the file to this path on the engine's machine, atomically (a temporary sibling, then rename): the
   * desktop app's save dialog's choice, or the server's temporary file.
   */
  | { kind: 'path'; path: string };

/** What exportAnnData did: a download the page starts, or the file written at a path. */
export type AnnDataExport =
  | {
      kind: 'download';
      /** Opaque one-time id; the page fetches GET /api/download/<id> (never a path). */
      downloadId: string;
      fileName: string;
      mimeType: string;
      /** The file's size in bytes. */
      bytes: number;
      /** What the user should know about the file (e.g. the input had no X, so neither has it). Default none. */
      notes?: string[];
    }
  | { kind: 'path'; path: string; fileName: string; mimeType: string; bytes: number; notes?: string[] };

/** Where the model folder goes. */
export type ModelExportTarget =
  /** Return the folder packed as an uncompressed POSIX tar archive (for downloads). */
  | { kind: 'archive' }
  /** Write the folder to this path on the engine's machine (atomically: temp folder, then rename). */
  | { kind: 'path'; dir: string };

export type ModelExport =
  | { kind: 'archive'; fileName: string; mimeType: string; bytes: Uint8Array }
  | { kind: 'path'; dir: string; files: string[] };

// ---------------------------------------------------------------------------------------------------------
// Errors and events
// ---------------------------------------------------------------------------------------------------------

/** Error categories a UI can react to. */
export type EngineErrorKind =
  | 'import' // the file could not be read or parsed (file/line/column set when known)
  | 'invalid-request' // bad arguments (unknown column, no dataset open, no trained model…)
  | 'busy' // a run is already in progress
  | 'training' // training failed (NaN, out of memory…)
  | 'forbidden' // a path outside the allowed root, or a refused request
  | 'worker' // the worker process died
  | 'internal'; // a bug

/** The readable error carried across the boundary. Transports throw an Error with these fields attached. */
export interface EngineErrorInfo {
  kind: EngineErrorKind;
  /** One readable sentence (with file, line and column when known). */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /**
   * A 'busy' refusal's run in progress: a call that would stop it (`stopsRun`, openFile…) names this id to
   * stop it. Absent otherwise.
   */
  runId?: string;
}

/**
 * What replaced the data the engine holds — and so stopped a run training on it (after that call named the run
 * in its `stopsRun`): a file opened ('open'), a metadata file joined ('join'), a session opened ('session') or
 * a reopened session's input attached ('attach': the same map, now with its data — a page showing that session
 * without its input follows it), with `name` as the user knows the file (its name, never a server path).
 */
export interface RunStoppedBy {
  action: 'open' | 'join' | 'session' | 'attach';
  name: string;
  /** The calling page's id (the call's `opener`, e.g. EngineApi.openFile's), when it gave one. */
  opener?: string;
  /**
   * What the calling page was told about the data now held, for the pages that follow it: a re-attached
   * input's metadata columns that did not come back (the reply's `inputMessage`). Absent when there is none.
   */
  note?: string;
}

/** One training step's progress (epoch, step, loss, active fraction, elapsed, ETA) of run `runId`. */
export type TrainProgressEvent = { type: 'train-progress'; runId: string } & TrainProgress;

/** Everything the engine reports asynchronously. */
export type EngineEvent =
  | { type: 'import-progress'; source: string; fraction: number; message: string }
  /**
   * A stage of run `runId` starts ('preprocess', 'split', 'train'…), or, with `step`, what a long stage is doing
   * and how far (preprocessing's passes, the class evidence and neighbour search before the first step).
   */
  | { type: 'train-stage'; runId: string; stage: string; step?: StageStep }
  /** Progress of a run after each training step: the trainer's own TrainProgress, tagged with the run. */
  | TrainProgressEvent
  /**
   * An epoch of run `runId` ended: its history entry, as `RunResult.history` will hold it. The host's copy of
   * the state keeps the run's epochs so far from them (getState's `activeHistory` while the worker is too busy
   * to answer); a page needs none, its loss chart draws the steps' progress.
   */
  | { type: 'train-epoch'; runId: string; entry: TrainHistoryEntry }
  | {
      type: 'embedding-snapshot';
      runId: string;
      epoch: number;
      /** The cells the encoder trains on, embedded with the current weights (hold-out cells are not included). */
      coords: DenseMatrix;
      /**
       * The dataset row of each coordinate row: coords row i is dataset row rows[i]. The engine always sends
       * it; when absent (older senders), coords hold every dataset row in order.
       */
      rows?: Int32Array;
    }
  | { type: 'run-finished'; result: RunResult }
  /**
   * The engine now holds other data, `datasetId` (`DatasetSummary.datasetId`; a session reopened without its
   * input holds none, its map only): `by` says what was done. Every page gets it — pages of one `serve` share
   * the engine —, the page whose call it was too (its reply carries that id); another page is to follow the
   * engine, which holds one dataset. Not sent when a restarted engine reopens what it held (the pages hold it).
   */
  | { type: 'data-opened'; datasetId: string; by: RunStoppedBy }
  /**
   * The engine no longer holds finished run `runId` (its model, coordinates and report): other data was
   * opened — possibly from another page sharing this engine — or the engine process died. A page still
   * showing that run's map must say so and stop offering its Export.
   */
  | { type: 'run-discarded'; runId: string; cause: 'data-replaced' | 'worker-exit'; message: string }
  /**
   * Run `runId` ended without a map. `stoppedBy`: another call (perhaps from another page sharing this
   * engine) replaced its data and stopped it; absent for other failures.
   */
  | { type: 'run-failed'; runId: string; error: EngineErrorInfo; stoppedBy?: RunStoppedBy }
  /**
   * The host's, after the engine process died: its replay reopened the data, but not all a page shows —
   * `projectionId`'s projected cells could not be projected again (their file is gone, say), or the session
   * whose map is run `detachedRunId` was reopened without its input (found before, or re-attached, but not
   * now: the map is held, the data is not). `message` says what is no longer loaded. A page showing them drops
   * the projected cells (their export and save would be refused) and shows the session without its input.
   */
  | { type: 'replay-incomplete'; message: string; projectionId?: string; detachedRunId?: string }
  | { type: 'error'; error: EngineErrorInfo }
  /**
   * `tripletlens serve` only, not the engine: the one fetch of export download `downloadId` (an
   * `AnnDataExport` of kind 'download') ended — all of the file sent (`ok`), or cut off (the browser cancelled,
   * the connection broke, the file was gone). Every page gets it; a page ignores downloads it did not start.
   */
  | { type: 'download-ended'; downloadId: string; fileName: string; ok: boolean }
  /**
   * The worker exited without being asked; the next call starts a new one and reopens the loaded data.
   * `message` says what was lost and what will be reopened (it is the whole truth; add nothing to it).
   */
  | {
      type: 'worker-exit';
      message: string;
      code: number | null;
      signal: string | null;
      /** The file being opened when the worker died (it is not loaded), if any. */
      failedOpen?: string;
      /** The data the next call reopens, or null when no data will be loaded. */
      reopens?: string | null;
      /**
       * The projection id (`EmbedResult.projectionId`) of projected cells the restarted engine will not hold
       * again (their map is not reopened), which `message` says are lost. Default none.
       */
      lostProjection?: string;
    };

export type EngineEventType = EngineEvent['type'];
export type EngineEventListener = (event: EngineEvent) => void;

/** A running run's map so far, as its last embedding-snapshot event gave it. */
export interface ActiveSnapshot {
  epoch: number;
  /** The cells the encoder trains on, embedded with the weights of that epoch. */
  coords: DenseMatrix;
  /** The dataset row of each coordinate row. */
  rows: Int32Array;
}

/** Where the engine stands (for a page that reloads or reconnects). */
export interface EngineState {
  dataset: DatasetSummary | null;
  /** The run in progress, if any. */
  activeRunId: string | null;
  /**
   * The stage the run in progress is in (its last train-stage event: 'preprocess', 'train'…), when known: a
   * page reloaded during a minutes-long stage shows it rather than "starting".
   */
  activeStage?: string;
  /**
   * What that stage is doing and how far (its last train-stage event's `step`: "PCA, pass 3 of 9"), when it
   * said one: a page reloaded during a long stage shows it at once, not from the next step's event.
   */
  activeStep?: StageStep;
  /**
   * The settings the run in progress was started with, as requested (a retrain's as the engine resolved them,
   * with the edited column it trains on, `activeEditedLabels.column`), when known: a page reloaded (or a second tab) during the run shows them in its Train form,
   * and colours the map so far by its label column, as the page that started it does.
   */
  activeRequest?: TrainRequest;
  /**
   * The edited labels a retrain in progress trains on (Explore's Retrain with these labels; its column is
   * `activeRequest.labelColumn`, not a column of the data), when it is one: a page that joins it colours the
   * map so far by them, as the page that started it does.
   */
  activeEditedLabels?: EditedLabels;
  /**
   * The epochs the run in progress has finished so far (its per-epoch history, as `RunResult.history` will
   * hold it), when known: such a page draws the loss chart from the first epoch, not from the one it joined at.
   */
  activeHistory?: TrainHistoryEntry[];
  /**
   * The loss chart's step points of the run in progress (one a train-progress event sent, thinned as the
   * chart thins them, `loss-steps.ts`), when known: such a page draws them as the page that started the run
   * did, where the epochs' mean losses showed a different curve before its join.
   */
  activeSteps?: LossStepPoint[];
  /**
   * The map so far of the run in progress (its last embedding-snapshot event's), when it sent one: such a page
   * draws it at once, not from the next snapshot — none comes after the epochs, whose embedding and metrics
   * stages take minutes at 10⁵ cells.
   */
  activeSnapshot?: ActiveSnapshot;
  /**
   * The last progress of the run in progress (its last train-progress event's figures), when it sent one: such
   * a page shows its elapsed time, time left and progress bar at once, not from the next step — none comes
   * after the epochs.
   */
  activeProgress?: TrainProgress;
  /** The last finished run, if any. */
  lastRun: RunResult | null;
  /**
   * When the engine holds a session reopened without its input (its map is `lastRun`; `dataset` is null):
   * what became of the input and the session's edits, view and projected cells, as openSession answered
   * (`OpenedSession` without its `result`) — a page that did not open it (another tab, a reload) shows the
   * map and the notice about the input as the page that did. Absent otherwise.
   */
  reopenedSession?: ReopenedSession;
}

// ---------------------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------------------

/**
 * The engine as the renderer sees it. Every method returns a promise; failures reject with an Error whose
 * message is readable and which carries `EngineErrorInfo` fields (see `isEngineError` in src/api/errors.ts).
 */
export interface EngineApi {
  /**
   * Opens an expression file, replacing the loaded one (and forgetting the last run). While a run is in
   * progress it is refused ('busy', naming the run in `runId` and saying what the call stops) unless
   * `stopsRun` is that run's id: the caller asked the user, and the run is stopped. Pages share one engine
   * under `tripletlens serve`, so the run may be another page's. Default: none (refused while a run is in
   * progress). `opener`: an id of the calling page, given back in the 'data-opened' event's `by` so that page
   * tells its own open from another window's — also when its reply was lost. Default: none.
   */
  openFile(
    source: FileSource,
    settings?: ImportSettings,
    stopsRun?: string | null,
    opener?: string,
  ): Promise<DatasetSummary>;
  /**
   * Joins a metadata file (id column + text columns) onto the loaded dataset by cell id. Its layout is
   * detected (id column named like the data's id column, else its first column). Of `settings` only `decimal`
   * is read, and only when the open data is an h5ad, loom or 10x file (which holds no text and was opened
   * without one): the metadata file's numbers are read with it. A text table's own decimal separator reads its
   * metadata file too. Default: {} (detected). `stopsRun` as for openFile (default none: refused while a run
   * is in progress).
   */
  openMetadata(
    source: FileSource,
    settings?: ImportSettings,
    stopsRun?: string | null,
    opener?: string,
  ): Promise<DatasetSummary>;
  /** Cancels an import in progress (the pending openFile/openMetadata rejects). */
  cancelImport(): Promise<void>;
  /** Class counts of a candidate label column. */
  labelSummary(column: string): Promise<LabelSummary>;
  /** Values to colour points by: a metadata column's text or a gene's expression. */
  columnValues(request: ColumnRequest): Promise<ColumnValues>;
  /** The compute backend the engine uses (initialises it on first call). */
  backendInfo(): Promise<BackendInfo>;
  /** What is loaded and running. */
  getState(): Promise<EngineState>;
  /** Starts training on the loaded dataset; progress and the result arrive as events. */
  startTraining(request: TrainRequest): Promise<{ runId: string }>;
  /**
   * Stops the run in progress cleanly (it finishes with stoppedReason 'stopped'); no-op when idle. Called
   * again while the run stops, it skips the metrics not yet computed and the stability check (null, 'not
   * computed: stopped by you'), as a first call during the metrics stage does.
   */
  stopTraining(): Promise<void>;
  /**
   * Projects a second file through the last trained model. Without `settings.layer` / `settings.input` an
   * h5ad or loom is read with the matrix the model was trained on (its layers/counts, raw/X or obsm
   * embedding) when it has it, else with its own (a warning says so); cancelled by `cancelImport`.
   * `metadata` is a metadata file (CSV/TSV: an id column and per-cell columns) joined to the projected cells by
   * id as `openMetadata` joins one to the open data, with the same rules and messages (ids it lacks, rows that
   * match no cell; one that matches every cell is a note). Default: none.
   */
  embedFile(
    source: FileSource,
    settings?: ProjectSettings,
    metadata?: FileSource | null,
  ): Promise<EmbedResult>;
  /**
   * Coordinates CSV of the last run, in the CLI's format. With `editedLabels` (labels edited on the map) their
   * column (`label_edited`) is added last, as exportAnnData adds it to obs. Default none.
   */
  exportCoordinates(editedLabels?: EditedLabels | null): Promise<TextExport>;
  /**
   * The projected cells of `embedFile`'s reply `projectionId` as `tripletlens embed` writes them (its one CSV
   * writer): id, the run's label column when the file has it, the coordinates, predicted_label, confidence,
   * then the joined metadata columns; named after the projected file ('query.projected.csv'). The engine
   * holds the last projection only: an older id — another file projected since (perhaps from another page),
   * other data opened, the engine restarted — is an 'invalid-request' saying to project the file again.
   */
  exportProjected(projectionId: string): Promise<TextExport>;
  /** The last run's report as JSON. */
  exportReport(): Promise<TextExport>;
  /**
   * The last run as an AnnData `.h5ad` for scanpy and cellxgene: the input's obs with the split and
   * predicted labels, var/X of the genes used, obsm['X_tripletlens'], the report in uns (as `train --out x.h5ad`).
   * With `editedLabels`, obs also gets their column (`label_edited`) beside the original label column.
   * `target` says where the file goes (see AnnDataTarget): it never travels as bytes. `classColours`, the
   * colours the map draws the classes in ('#rrggbb' by class name), become `uns['<column>_colors']` of the
   * label column, the edited labels and the predictions, so scanpy draws a class as the page did; default
   * none: the file's own colours only.
   */
  exportAnnData(
    editedLabels: EditedLabels | null,
    target: AnnDataTarget,
    classColours?: Readonly<Record<string, string>> | null,
  ): Promise<AnnDataExport>;
  /**
   * The last run's model folder, as an archive or written to a path. `classColours`, the colours the map draws
   * the classes in ('#rrggbb' by class name), are kept in its model.json, so that `embed`'s h5ad colours the
   * predicted classes as the map did; default none: the colours a fresh map of the run gives them.
   */
  exportModel(
    target: ModelExportTarget,
    classColours?: Readonly<Record<string, string>> | null,
  ): Promise<ModelExport>;
  /**
   * The neighbourhood check of the last run: cell `cell`'s `k` nearest neighbours in the preprocessed input
   * and how many are also its map neighbours. `cell` is a dataset row (0 … rows − 1); `k` is 1 …
   * MAX_NEIGHBOURHOOD_K (500) and below the number of cells, default DEFAULT_NEIGHBOURHOOD_K (15). Anything
   * else, or no trained run, is an 'invalid-request'.
   */
  cellNeighbours(cell: number, k?: number): Promise<CellNeighbourhood>;
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent(listener: EngineEventListener): () => void;

  // ---- annotate: edited labels, retraining with them, sessions (types in src/api/annotate.ts) ----
  /**
   * "Retrain with these labels": a run on the loaded data trained on the edited labels, fine-tuned from the
   * last run's encoder (default; a few epochs) or from scratch. Progress and the result arrive as events,
   * as for startTraining. `request`: the settings it runs with, as the engine resolved them (getState's
   * activeRequest) — kept by the host's copy of the state for a page that joins while the worker is busy.
   */
  retrainWithLabels(request: RetrainRequest): Promise<{ runId: string; request?: TrainRequest }>;
  /** The last run's predicted label and confidence for each cell it did not train on. */
  runPredictions(): Promise<RunPredictions>;
  /** The edited labels as CSV keyed by cell id: id, the original label column, `label_edited`. */
  exportEditedLabels(editedLabels: EditedLabels): Promise<TextExport>;
  /** The last run (or reopened session) with the page's edits, selection and view as a `.tripletlens` file. */
  saveSession(request: SaveSessionRequest): Promise<BinaryExport>;
  /**
   * Reopens a `.tripletlens` file: the map and labels as saved (no retraining), and the input opened again
   * when it is found unchanged. `confine` is set by `tripletlens serve` (pages leave it out). `stopsRun` as
   * for openFile (default none: refused while a run is in progress); `opener` too (default none).
   */
  openSession(
    source: FileSource,
    confine?: SessionConfinement,
    stopsRun?: string | null,
    opener?: string,
  ): Promise<OpenedSession>;
  /**
   * Re-attaches the reopened session's input (it had moved, or was an upload): opens `source` and, when
   * it is the input the session recorded — a file with the same SHA-256, a Cell Ranger folder or its matrix
   * file with the same fingerprint —, the session's run is held again for retraining and exports. `opener` as
   * for openFile (default none).
   */
  attachSessionInput(source: FileSource, opener?: string): Promise<OpenedSession>;
  /**
   * Marker genes of a selection of the open data's cells against the rest or a second selection (see
   * src/api/markers.ts): Wilcoxon rank-sum z-scores and p-values, Benjamini–Hochberg, log fold changes and
   * fractions expressing, over every gene of the file, best first. A bad request is an 'invalid-request'.
   */
  markerGenes(request: MarkerRequest): Promise<MarkerResult>;
}

/** Names of the methods that return promises and are forwarded over a transport (all but onEvent). */
export type EngineRequestMethod = Exclude<keyof EngineApi, 'onEvent'>;

/** Every EngineApi method name, at run time (the preload test checks the exposed API equals this list). */
export const ENGINE_API_METHODS = [
  'openFile',
  'openMetadata',
  'cancelImport',
  'labelSummary',
  'columnValues',
  'backendInfo',
  'getState',
  'startTraining',
  'stopTraining',
  'embedFile',
  'exportCoordinates',
  'exportProjected',
  'exportReport',
  'exportAnnData',
  'exportModel',
  'cellNeighbours',
  'onEvent',
  'retrainWithLabels',
  'runPredictions',
  'exportEditedLabels',
  'saveSession',
  'openSession',
  'attachSessionInput',
  'markerGenes',
] as const satisfies readonly (keyof EngineApi)[];

/** The request methods at run time (ENGINE_API_METHODS without onEvent). */
export const ENGINE_REQUEST_METHODS = ENGINE_API_METHODS.filter(
  (m): m is EngineRequestMethod => m !== 'onEvent',
);

// Compile-time check that ENGINE_API_METHODS lists every key of EngineApi (fails to typecheck otherwise).
type MissingMethods = Exclude<keyof EngineApi, (typeof ENGINE_API_METHODS)[number]>;
const everyMethodListed: MissingMethods extends never ? true : MissingMethods = true;
void everyMethodListed;

/** Arguments and result of each request method, for typed transports. */
export type EngineArgs<M extends EngineRequestMethod> = Parameters<EngineApi[M]>;
export type EngineResult<M extends EngineRequestMethod> = Awaited<ReturnType<EngineApi[M]>>;
