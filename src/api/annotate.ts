/**
 * The annotate part of EngineApi: retraining with edited labels, the run's predicted labels, exports of the
 * edited labels, and `.tripletlens` session files. Plain data for both transports; imports only src/api.
 */
import type { CellRows, EditedLabels } from './annotation.js';
import type { DatasetSummary, EmbedResult, ImportSettings, RunResult, TrainRequest } from './engine-api.js';
import type { FileFormatKind } from './file-format.js';

/** Epochs a fine-tuning run takes when the request does not say: enough to move the changed cells. */
export const FINE_TUNE_EPOCHS = 5;

/** Where a retrain starts: the current encoder's weights, or a fresh seeded initialisation. */
export type RetrainInit = 'fine-tune' | 'scratch';

/**
 * "Retrain with these labels": a run on the loaded data whose labels are `editedLabels` (unlabeled cells,
 * code -1, train as today's missing labels do). The other fields are the usual TrainRequest; its
 * `labelColumn` is ignored (the edited column, `editedLabels.column`, is trained on).
 */
export interface RetrainRequest extends Omit<TrainRequest, 'labelColumn'> {
  editedLabels: EditedLabels;
  /**
   * 'fine-tune' starts from the last run's encoder and keeps its architecture, dimensions, preprocessing
   * and seed (so the map moves rather than being redrawn); 'scratch' trains a new encoder. Default
   * 'fine-tune'.
   */
  init?: RetrainInit;
  /** With 'fine-tune', epochs default to FINE_TUNE_EPOCHS (5) instead of the usual 30. */
}

/** The last run's predicted labels: kNN in the map against the training cells (as `embed` predicts). */
export interface RunPredictions {
  runId: string;
  /** One per cell; '' for cells the encoder trained on (their label is known). */
  predicted: string[];
  /** Share of the k = 5 neighbours that voted for the prediction; NaN where there is none. */
  confidence: Float32Array;
}

/** What a session file records about its input, to find it again and tell whether it changed. */
export interface SessionInput {
  /** 'path': a file on the engine's machine; 'sample': the bundled sample; 'upload': bytes from a page. */
  kind: 'path' | 'sample' | 'upload';
  /** Absolute path when saved ('' for an upload that only lived in a temporary folder). */
  path: string;
  /** The file's name as the user knows it. */
  name: string;
  /** Bytes, or -1 when unknown (a folder). */
  size: number;
  /**
   * SHA-256 (hex) of the file's bytes, or null when it could not be read (a Cell Ranger folder). A Cell Ranger
   * matrix file opened as its folder keeps its own, which versions before `folder` was kept for it compare.
   */
  sha256: string | null;
  /**
   * A Cell Ranger folder's fingerprint (it has no one SHA-256), kept too for its matrix file
   * (`matrix.mtx.gz`), which is read as the folder: the same cells, genes and count of values re-attach, given
   * as the folder or its matrix file, moved, re-gzipped or unzipped. Absent for any other file, and in sessions
   * saved before folders had one (those re-attach a folder that reads as as many cells).
   */
  folder?: FolderPrint;
}

/**
 * What a Cell Ranger folder holds, as read: its barcodes and features as text — so whether they are gzipped,
 * how, and CRLF or LF line ends do not count — and its matrix's shape and count of stored values.
 */
export interface FolderPrint {
  /** Cells: the lines of barcodes.tsv(.gz). */
  cells: number;
  /** SHA-256 (hex) of barcodes.tsv's lines as read: each line's text (without CR) and a '\n'. */
  barcodes: string;
  /** Genes: the lines of features.tsv(.gz) (genes.tsv for Cell Ranger 2), all feature types. */
  genes: number;
  /** SHA-256 (hex) of the features file's lines, as for `barcodes`. */
  features: string;
  /** The stored values (entries) matrix.mtx's size line declares. */
  values: number;
}

/** What the page adds when saving a session. */
export interface SaveSessionRequest {
  /** The edited labels, or null when there are none. */
  editedLabels: EditedLabels | null;
  /** The selected cells (dataset rows, sorted). */
  selection: CellRows;
  /** The view settings, opaque to the engine: any JSON value (stored as is). Default null. */
  view?: unknown;
  /**
   * The cells of Project another file the page shows, kept in the session (Export projected cells makes their
   * CSV again from them) so reopening draws them again without the projected file: best named by the id the
   * engine holds them under (`{ projectionId }` of `embedFile`'s reply or of a reopened session's `projected`),
   * from which the engine writes them — at 10^6 cells the cells themselves would be tens of MB sent back; or
   * (older pages) the `embedFile` result as it came, kept as sent. Either is refused when the engine no longer
   * holds that id. Default null: none.
   */
  projected?: EmbedResult | ProjectionRef | null;
  /**
   * The run whose map the page shows (`RunResult.runId`): refused when the engine holds another (another page
   * opened other data or another session since), which would be saved with this page's edits. Default: not
   * checked (older pages).
   */
  runId?: string;
}

/** Projected cells the engine holds, by the id `embedFile` (or a reopened session) gave them. */
export interface ProjectionRef {
  projectionId: string;
  /**
   * The projected file's kind, as `embedFile` gave it: a refusal once the engine no longer holds the id names
   * the file's rows as the page does (a CSV/TSV's are rows). Default: the held projection's, else cells.
   */
  format?: { kind: FileFormatKind };
}

/** What Save session sends for the projected cells a page shows: their id, and their file's kind. */
export function projectionRef(projected: Pick<EmbedResult, 'projectionId' | 'format'>): ProjectionRef {
  return { projectionId: projected.projectionId, format: { kind: projected.format.kind } };
}

/**
 * Whether a reopened session found its input: the same bytes, other bytes, nothing, or something it cannot
 * read where the input was (unreadable, or a folder where the input was a file: never compared).
 */
export type SessionInputStatus = 'attached' | 'changed' | 'missing' | 'unreadable';

/** A reopened session: the map and labels as saved, with what became of the input. */
export interface OpenedSession {
  /** The dataset: freshly opened when the input was found unchanged, else the summary saved with it. */
  summary: DatasetSummary;
  /** The run, as saved (no retraining). */
  result: RunResult;
  predictions: RunPredictions;
  editedLabels: EditedLabels | null;
  selection: CellRows;
  view: unknown;
  input: SessionInput;
  inputStatus: SessionInputStatus;
  /**
   * One plain sentence when the input is not attached: it changed (the hash differs), is missing or cannot be
   * read, and
   * what still works (the map) and what needs the input (retraining, markers, exports). When attached, what
   * did not come back (the columns of a metadata file joined to the input), else empty.
   */
  inputMessage: string;
  /** The projected cells saved with the session (Project another file), as they were projected; null: none. */
  projected: EmbedResult | null;
  /**
   * One sentence when the projected file is found where it was but changed since the session was saved (the
   * crosses show it as it was: nothing is projected again), else empty.
   */
  projectedMessage: string;
}

/**
 * A session the engine holds reopened without its input (changed, missing or unreadable): what openSession
 * answered the page that opened it, less its run — getState's `lastRun` — which another page (or this one
 * reloaded) puts back to show it as that page does.
 */
export type ReopenedSession = Omit<OpenedSession, 'result'>;

/** Set by `tripletlens serve` on openSession: the session's input is only looked for under `inputRoot`. */
export interface SessionConfinement {
  inputRoot?: string;
}

/** The label column the edits started from and the import settings a session re-applies (for the record). */
export interface SessionSettings {
  importSettings: ImportSettings;
  labelColumn: string;
}
