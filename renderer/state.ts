/**
 * The page's state and the one reducer that changes it, from user actions and engine events alike. Pure (no
 * DOM), so the rules — a failed import keeps the loaded data, a dead worker fails the run but keeps the last
 * result, progress events build the loss curve — are unit-tested. Screens read the state; only `reduce`
 * writes it.
 */
import type {
  BackendInfo,
  DatasetSummary,
  DenseMatrix,
  EmbedResult,
  EngineErrorInfo,
  EngineEvent,
  LabelSummary,
  RunResult,
  RunStoppedBy,
  TrainProgressEvent,
  TrainRequest,
} from '../src/api/engine-api.js';
import type { TrainHistoryEntry, TrainProgress } from '../src/api/progress.js';
import { optionDefault } from '../src/api/option-resolve.js';
import type { CellRows, EditedLabels } from '../src/api/annotation.js';
import type { ValueLog } from '../src/api/markers.js';
import type { StageStep } from '../src/api/stage-step.js';
import { EMPTY_HISTORY, recordChange, redo, undo, type AnnotationHistory } from './annotation-history.js';
import { appendLossPoint, fractionalEpoch, type LossPoint } from './loss-plot-model.js';
import { fillUnseen, fillUnseenEpochs, withProgressPoint, withUnseenProgress } from './finished-run-view.js';
import type { OpenedSession } from '../src/api/annotate.js';
import {
  applyOpenedSession,
  applyReattachedElsewhere,
  changeExploreView,
  detachedLabelSummary,
} from './session/session-state.js';
import { addNotice } from './notices.js';
import { IMPORT_NOTE_TITLE, importNoteLevel } from './import-notes.js';
import { RUN_NOTE_TITLE, runNotes } from './run-notes.js';
import { DEFAULT_EXPLORE_VIEW, type ExploreView } from './session/view-settings.js';
import { viewAfterRun } from './view-after-run.js';
import {
  endsOwnOpen,
  joinedElsewhereWords,
  joinedOnto,
  OPENED_ELSEWHERE_TITLE,
  openedElsewhere,
  openedElsewhereWords,
  type OpenedNote,
  otherWindowDid,
  isOwnOpen,
  ownOpenedAwaited,
  ownOpenInFlight,
  ownOpenLost,
  ownOpenLostWords,
  ownOpenOutrun,
  OWN_OPEN_LOST_TITLE,
} from './app/opened-elsewhere.js';

/** The screens, in tab order. */
export type ScreenName = 'import' | 'train' | 'explore' | 'export';

/** A message in the status bar. */
export interface Notice {
  id: number;
  level: 'error' | 'warning' | 'info';
  /** Short heading: "Import failed", "Training stopped"… */
  title: string;
  message: string;
  /**
   * 'run': about the last run or the engine under it; the next run's start makes it stale. 'open': a file,
   * session or session input that failed to open; a file opened since makes it stale. 'project': a failure of
   * Explore's Project another file; the next projection's start, or a projection shown, makes it stale.
   * 'projected': about the projected cells shown (that they are shown, what their read noticed); stale once
   * they leave the map — Remove projected cells, another file projected, a new run. Default: none.
   */
  about?: 'run' | 'open' | 'project' | 'projected';
  /** How many times the same notice was raised (renderer/notices.ts folds repeats into one). Default 1. */
  count?: number;
  /**
   * The server download (an export under serve) the notice says is downloading, and what it says once all of
   * it was sent; when the download ends the notice becomes that, or an error when it was cut off.
   */
  download?: { id: string; done: string };
  /**
   * The screen whose action raised it (Explore's Project another file, say): shown on that screen only — an
   * error of a projection is no error of the Import screen — and again when the user comes back to it.
   * Default: none, shown on every screen (the engine's, a run's and the app's own notices).
   */
  screen?: ScreenName;
}

/** A long call in progress (not training, which has its own progress). */
export interface BusyTask {
  kind: 'upload' | 'import' | 'metadata' | 'embed' | 'export' | 'label' | 'column';
  message: string;
  /** 0–1 when the engine reports progress. */
  fraction: number | null;
  /** Whether the UI offers Cancel for it. */
  cancellable: boolean;
  /** The id the first notice raised during the task gets (set by the reducer). */
  noticesFrom?: number;
}

/** What the Train screen's "Map so far" shows: a snapshot while training, the final map once finished. */
export interface LiveMap {
  epoch: number;
  coords: DenseMatrix;
  /** The dataset row of each coords row (snapshots hold the training cells only); null: every row in order. */
  rows: Int32Array | null;
  /** True for the finished run's map (all cells, labels from the result). */
  final: boolean;
}

/** A training run as seen from the page: the latest progress event's figures (the API's type) and more. */
export type TrainingView = Omit<TrainProgressEvent, 'type'> & {
  status: 'running' | 'stopping' | 'finished' | 'failed';
  stage: string;
  lossPoints: LossPoint[];
  /** The latest map: a snapshot while running, the final map once finished. */
  snapshot: LiveMap | null;
  /** Why the finished run stopped, in a sentence (which early-stopping rule fired), when the engine said. */
  stopMessage?: string;
  /**
   * The metrics not yet computed are being skipped: Stop was pressed during the metrics stage, or Skip metrics
   * after a Stop during the epochs (the engine's second stopTraining). Absent otherwise.
   */
  skippingMetrics?: true;
  /** What the current stage is doing and how far (its last train-stage event's `step`), until the next stage. */
  stageStep?: StageStep;
  /**
   * The settings of a run this page joined in progress (getState's activeRequest: a reload, a second tab),
   * which the Train form shows and whose label column colours the map so far (a retrain's: its edited labels,
   * `editedLabels`). Absent for a run this page started (its form holds them already) and when the engine did
   * not say.
   */
  request?: TrainRequest;
  /**
   * The edited labels a retrain trains on (Explore's Retrain with these labels, or getState's
   * activeEditedLabels for a page that joined it), which colour its map so far. Absent for any other run.
   */
  editedLabels?: EditedLabels;
};

export interface AppState {
  screen: ScreenName;
  backend: BackendInfo | null;
  backendError: string | null;
  busy: BusyTask | null;
  dataset: DatasetSummary | null;
  labelColumn: string | null;
  labelSummary: LabelSummary | null;
  /**
   * The Import screen's preprocessing form as the user left it (field key → the control's text; a key not
   * present means the field's default, see train-fields.ts). The Train screen builds its request from it.
   * Cleared when another dataset opens (the form then shows that file's recommended settings).
   */
  preprocessValues: Readonly<Record<string, string>>;
  training: TrainingView | null;
  /**
   * The last stage of a run this page has no view of yet: the engine's events come by their own channel and
   * can overtake the start reply, which gives the page the run's id; 'training-started' takes it up. Absent
   * otherwise.
   */
  earlyStage?: { runId: string; stage: string; step?: StageStep };
  result: RunResult | null;
  /**
   * Why the engine no longer holds `result` (another page opened data, or the engine process died), or null.
   * The map stays on screen; exports that need the engine are disabled.
   */
  resultLost: string | null;
  /**
   * True while the page shows a reopened session whose input is not attached (changed or missing): the engine
   * holds no data, so the page answers what it can from the run (its label column's class counts) and asks
   * the engine nothing that needs the data. Default false.
   */
  inputMissing: boolean;
  /**
   * True once the engine let go of the reopened session this page shows without its input (another window
   * opened other data or another session: its 'run-discarded'): the map stays, read from the run as before, but
   * Save session and Re-attach are no longer offered — the engine would save what it holds now, or refuse.
   * Default false.
   */
  mapReplaced: boolean;
  /**
   * This page's own open, join or session open (or a session's input attached), from its start until its reply
   * or failure: the engine's 'data-opened' events that came meanwhile (its own among them), in the engine's
   * order — when it ends, the last of them is the data the engine holds (app/opened-elsewhere.ts
   * ownOpenOutrun). Default null: none.
   */
  ownOpen: { seen: readonly OpenedNote[] } | null;
  /**
   * The data id of this page's own open whose 'data-opened' had not come when its reply did (the events come
   * another way): until it comes, the events before it are opens that finished before this page's, whose data
   * the engine no longer holds — not followed. Default null.
   */
  awaitedOpened: string | null;
  /**
   * This page's id, which its opens pass to the engine (transport/opener.ts) and the engine's 'data-opened' gives
   * back (`by.opener`): its own open, also one whose reply was lost, is never taken for another window's.
   * Default '': none (every open without an opener is told apart by its reply alone).
   */
  pageId: string;
  projected: EmbedResult | null;
  /**
   * The column of the projected cells' joined metadata that colours their crosses (Project another file ▸
   * Colour ✕ by), or '' for their predicted class. A new projection starts from ''. Default ''.
   */
  projectedColour: string;
  /**
   * The marker panel's choice of how the values as imported were logged, for the fold change (its select
   * "log₂FC of values logged as", MarkerRequest.valueLog), kept by a session. null: none chosen — the file's
   * uns['log1p'] base, else natural log1p. Another dataset starts from null. Default null.
   */
  markerValueLog: ValueLog | null;
  /**
   * The selection and edited labels on the current dataset, with their undo history (`annotation.present`
   * is what the page shows). Cleared when another dataset opens; kept across runs on the same dataset.
   */
  annotation: AnnotationHistory;
  /**
   * The Explore screen's view settings a session keeps (dimensions, colour by, gene, point size, opacity)
   * and the classes' colour book. A finished run starts from 'label' colouring in the dimensions the screen
   * picks; another dataset also starts a new colour book; a reopened session brings back its own.
   */
  exploreView: ExploreView;
  notices: Notice[];
  /**
   * The run this page agreed to stop by opening other data (stop-consent.ts): its run-failed is this page's
   * doing, not another window's. Absent until then.
   */
  stopAgreed?: string;
  /** How many times the engine worker died (shown in the status bar). */
  workerExits: number;
  nextNoticeId: number;
}

export const INITIAL_STATE: AppState = {
  screen: 'import',
  backend: null,
  backendError: null,
  busy: null,
  dataset: null,
  labelColumn: null,
  labelSummary: null,
  preprocessValues: {},
  training: null,
  result: null,
  resultLost: null,
  inputMissing: false,
  mapReplaced: false,
  ownOpen: null,
  awaitedOpened: null,
  pageId: '',
  projected: null,
  projectedColour: '',
  markerValueLog: null,
  annotation: EMPTY_HISTORY,
  exploreView: DEFAULT_EXPLORE_VIEW,
  notices: [],
  workerExits: 0,
  nextNoticeId: 1,
};

/** What a page that joins a run in progress is told of it (`training-joined`). */
export interface JoinedRun {
  runId: string;
  history: TrainHistoryEntry[];
  /** The run's step points so far (getState's activeSteps), when the engine sent them. */
  steps?: LossPoint[];
  request?: TrainRequest;
  editedLabels?: EditedLabels;
  progress?: TrainProgress;
}

export type Action =
  | { type: 'show-screen'; screen: ScreenName }
  | { type: 'backend'; info: BackendInfo }
  | { type: 'backend-failed'; message: string }
  | { type: 'busy'; task: BusyTask }
  | { type: 'idle' }
  /** Progress (0–1) of the busy task, reported by the page itself (an upload). */
  | { type: 'busy-progress'; fraction: number }
  | { type: 'dataset-opened'; summary: DatasetSummary }
  | { type: 'metadata-joined'; summary: DatasetSummary }
  | { type: 'label-chosen'; column: string | null }
  | { type: 'label-summary'; summary: LabelSummary }
  /** The Import screen's preprocessing form changed: all its fields' current text, by key. */
  | { type: 'preprocess-edited'; values: Readonly<Record<string, string>> }
  /** Run `runId` started; `editedLabels`: those a retrain trains on. */
  | { type: 'training-started'; runId: string; editedLabels?: EditedLabels }
  /**
   * The page joined run `runId` in progress (after 'training-started'): its epochs so far, its settings, a
   * retrain's edited labels and its last progress, as getState gave them (activeHistory, activeRequest,
   * activeEditedLabels, activeProgress).
   */
  | ({ type: 'training-joined' } & JoinedRun)
  | { type: 'stop-requested' }
  /** The user agreed to stop run `runId` to open other data (stop-consent.ts). */
  | { type: 'stop-agreed'; runId: string }
  /**
   * Another window opened other data (`by`: what it did, when known), stopping this page's run or while it
   * only viewed its own: the page shows what the engine now holds (app/app-model.ts adoptReplacedData).
   */
  | { type: 'data-replaced'; summary: DatasetSummary; by?: RunStoppedBy }
  /** A projection (Explore's Project another file) starts: an earlier one's failure is no longer news. */
  | { type: 'projection-started' }
  | { type: 'projected'; result: EmbedResult | null }
  /** Colour the projected crosses by this joined metadata column ('' for the predicted class). */
  | { type: 'projected-colour'; column: string }
  /** The marker panel's select chose how the values were logged (null: the file's own, no choice). */
  | { type: 'marker-value-log'; valueLog: ValueLog | null }
  | {
      type: 'failed';
      title: string;
      error: EngineErrorInfo | Error | unknown;
      /** The screen whose action failed (Notice.screen). Default none: shown on every screen. */
      screen?: ScreenName;
      /** What the failure is about (Notice.about); a failed read of a file is 'open' whatever this says. Default none. */
      about?: Notice['about'];
    }
  | {
      type: 'notice';
      level: Notice['level'];
      title: string;
      message: string;
      download?: Notice['download'];
      /** What the notice is about (stale when that changes, Notice.about). Default none. */
      about?: Notice['about'];
      /** The screen whose action raised it (Notice.screen). Default none: shown on every screen. */
      screen?: ScreenName;
    }
  | { type: 'dismiss'; id: number }
  | { type: 'engine'; event: EngineEvent }
  /**
   * An undoable change to the selection and/or the edited labels (the fields given replace the present
   * ones). `label` names it for the Undo/Redo titles: "Select 120 cells", "Label 40 cells as B cell".
   */
  | { type: 'annotate'; label: string; selection?: CellRows; editedLabels?: EditedLabels | null }
  | { type: 'undo' }
  | { type: 'redo' }
  /**
   * The user changed Explore view settings (or the class colour book grew): the fields given replace them —
   * but a colour pick the map cannot draw without a reopened session's input (session-state.ts
   * changeExploreView).
   */
  | { type: 'explore-view'; patch: Partial<ExploreView> }
  /**
   * A `.tripletlens` session reopened (or, `reattached`, its input opened again): see session/session-state.ts.
   * `followed`: another window opened it (without its input; app/app-model.ts adoptReplacedData) — the page
   * keeps its screen and its notices (the one saying what happened). Default false.
   */
  | { type: 'session-opened'; session: OpenedSession; reattached?: boolean; followed?: boolean }
  /**
   * Another window re-attached the input of the session this page shows without it: the data `summary` and the
   * run `result` the engine holds now — the same map — shown as the re-attaching window shows them
   * (session/session-state.ts applyReattachedElsewhere), with the engine's `note` that window got (data-opened's
   * `by.note`: metadata columns that did not come back), when there is one.
   */
  | { type: 'input-reattached-elsewhere'; summary: DatasetSummary; result: RunResult; note?: string };

export { MAX_NOTICES } from './notices.js';

/** A readable sentence from anything thrown (EngineError, Error, structured-clone of one, string…). */
export function errorMessage(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    const message = (error as { message: string }).message.trim();
    if (message) return message;
  }
  if (typeof error === 'string' && error.trim()) return error.trim();
  return 'Something went wrong (no details were given).';
}

/** The notice of a replay after a crash that did not bring back all a page shows ('replay-incomplete'). */
const REPLAY_TITLE = 'Not everything was reopened';

function withNotice(
  state: AppState,
  level: Notice['level'],
  title: string,
  message: string,
  about?: Notice['about'],
  download?: Notice['download'],
  screen?: ScreenName,
): AppState {
  const notice: Notice = {
    id: state.nextNoticeId,
    level,
    title,
    message,
    ...(about ? { about } : {}),
    ...(download ? { download } : {}),
    ...(screen ? { screen } : {}),
  };
  return {
    ...state,
    notices: addNotice(state.notices, notice),
    nextNoticeId: state.nextNoticeId + 1,
  };
}

/** `notices` without those about `about` (Notice.about), the same array when there are none. */
function withoutNotices(notices: Notice[], about: NonNullable<Notice['about']>): Notice[] {
  return notices.some((n) => n.about === about) ? notices.filter((n) => n.about !== about) : notices;
}

/** True when a shown notice already carries `message` (so one failure is not reported twice). */
function mentions(state: AppState, message: string): boolean {
  return state.notices.some((n) => n.message.includes(message));
}

/**
 * The engine no longer holds the run `run-discarded` names: a page showing its map keeps it, says why and
 * stops offering what needs the engine (`resultLost`); projected cells a dead worker took with it are dropped.
 */
function afterRunDiscarded(
  state: AppState,
  event: Extract<EngineEvent, { type: 'run-discarded' }>,
): AppState {
  if (state.result?.runId !== event.runId) return state;
  // cells projected onto a map a dead worker took died with it: no Export projected cells, no saving them
  const shown: AppState =
    event.cause === 'worker-exit' && state.projected !== null
      ? { ...state, projected: null, projectedColour: '' }
      : state;
  // a reopened session shown without its input, let go for another window's data or session: as a trained map
  if (shown.inputMissing && !shown.mapReplaced) return sessionMapReplaced(shown, event.message);
  if (shown.resultLost !== null) return shown;
  // the run in progress was stopped with it: its run-failed ('stoppedBy') says what happened, once
  if (event.cause === 'data-replaced' && isActive(state.training))
    return { ...shown, resultLost: event.message };
  // this page's own Open replaces its run anyway (dataset-opened clears it): nothing to warn about
  if (event.cause === 'data-replaced' && state.busy?.kind === 'import') return state;
  const title = event.cause === 'worker-exit' ? 'The trained map was lost' : 'The trained map was replaced';
  return withNotice({ ...shown, resultLost: event.message }, 'warning', title, event.message, 'run');
}

/**
 * The reopened session this page shows without its input is no longer held by the engine (`message`): its map
 * stays, drawn from the run as before, with one notice; Save session and Re-attach are no longer offered
 * (AppState.mapReplaced), and the warning about its missing input is stale.
 */
function sessionMapReplaced(state: AppState, message: string): AppState {
  const shown = {
    ...state,
    resultLost: message,
    mapReplaced: true,
    notices: withoutNotices(state.notices, 'open'),
  };
  return withNotice(shown, 'warning', 'The session’s map was replaced', message, 'run');
}

/**
 * A crashed engine's replay reopened the data but not all this page shows (`replay-incomplete`): projected
 * cells it could not project again are no longer offered, and a session reopened without its input is shown
 * as one, with one notice.
 */
function afterIncompleteReplay(
  state: AppState,
  event: Extract<EngineEvent, { type: 'replay-incomplete' }>,
): AppState {
  // the engine, restarted, holds the data again but not these projected cells: they are not offered
  const gone = event.projectionId !== undefined && state.projected?.projectionId === event.projectionId;
  let next = gone ? { ...state, projected: null, projectedColour: '' } : state;
  // nor this session's input: its map is shown as a reopened session's without its input is (Import,
  // Train and the exports say the input must be attached again; Re-attach is offered)
  if (event.detachedRunId !== undefined && state.result?.runId === event.detachedRunId) {
    const detached = { ...next, inputMissing: true, resultLost: event.message };
    next = { ...detached, labelSummary: detachedLabelSummary(detached, detached.labelColumn) };
  }
  // the call that ran the replay fails in these words: one notice says it (REPLAY_TITLE, 'failed')
  if (mentions(next, event.message)) return next;
  return withNotice(next, 'warning', REPLAY_TITLE, event.message, 'run');
}

/** What another window did that stopped this page's run, in the page's words. */
export function stoppedByWords(by: RunStoppedBy): string {
  return `Another window ${otherWindowDid(by)}; the training run was stopped.`;
}

/**
 * A run ended without a map: the page's run shows as failed, with one notice — a failure; a run this page
 * agreed to stop (`stopAgreed`), as stopped; one another window's Open stopped, saying so in this page's words.
 */
function afterRunFailed(state: AppState, event: Extract<EngineEvent, { type: 'run-failed' }>): AppState {
  const t = state.training;
  const next =
    t && t.runId === event.runId ? { ...state, training: { ...t, status: 'failed' as const } } : state;
  // a dead worker is reported once, by whichever of run-failed / worker-exit arrives first
  if (event.error.kind === 'worker' && mentions(next, event.error.message)) return next;
  if (event.stoppedBy === undefined)
    return withNotice(next, 'error', 'Training failed', event.error.message, 'run');
  if (state.stopAgreed === event.runId)
    return withNotice(next, 'info', 'Training stopped', event.error.message, 'run');
  const words = stoppedByWords(event.stoppedBy);
  return withNotice(next, 'warning', 'Training stopped by another window', words, 'run');
}

/**
 * Another window opened other data: this page shows it as if opened here, keeping its own notices (the one
 * saying what happened); the new file's import notes were that window's to show. A metadata file joined to
 * the data shown keeps the label column chosen (while the data still has it) and what else was chosen on it,
 * as this page's own join does, and the notice then says only what changed: the new columns.
 */
function dataReplaced(state: AppState, summary: DatasetSummary, by?: RunStoppedBy): AppState {
  // not this page's open's reply (ownOpen): another window's, which the page follows
  const following: AppState = { ...state, busy: null, ownOpen: null };
  if (by && state.dataset && joinedOnto(state.dataset, summary, by)) {
    const joined = reduce(following, { type: 'metadata-joined', summary });
    const told = openedElsewhereWords(by);
    const notices = state.notices.filter((n) => n.message !== told);
    const said = { ...joined, busy: state.busy, ownOpen: state.ownOpen, notices };
    return withNotice(said, 'info', OPENED_ELSEWHERE_TITLE, joinedElsewhereWords(by, state.dataset, summary));
  }
  const opened = reduce(following, { type: 'dataset-opened', summary });
  return {
    ...opened,
    busy: state.busy,
    ownOpen: state.ownOpen,
    notices: state.notices,
    nextNoticeId: state.nextNoticeId,
  };
}

/**
 * The engine opened data (any window's): recorded while this page's own open is in flight, skipped while its
 * reply waits for its own event (AppState.awaitedOpened), else said when it is another window's — the page
 * then moves to it (main.ts, followsOpenedElsewhere).
 */
function afterDataOpened(state: AppState, event: Extract<EngineEvent, { type: 'data-opened' }>): AppState {
  // while this page's own open is in flight: kept, to tell when it ends which open finished last
  if (state.ownOpen && ownOpenInFlight(state)) {
    const seen = [...state.ownOpen.seen, { datasetId: event.datasetId, by: event.by }];
    return { ...state, ownOpen: { seen } };
  }
  // this page's open replied before its event: the events up to it are opens that finished earlier
  if (state.awaitedOpened !== null)
    return event.datasetId === state.awaitedOpened ? { ...state, awaitedOpened: null } : state;
  // this page's own open, whose reply was lost: the page then shows it (main.ts), saying why
  if (ownOpenLost(event, state)) return ownOpenLostNotice(state, event.by);
  if (!openedElsewhere(event, state)) return state;
  return withNotice(state, 'info', OPENED_ELSEWHERE_TITLE, openedElsewhereWords(event.by));
}

/**
 * This page's own open, whose reply was lost, was done by the engine after all (`by`): said so, and the
 * failure the lost reply gave ("Could not open X: Cannot reach the server") is stale — the file is open.
 */
function ownOpenLostNotice(state: AppState, by: RunStoppedBy): AppState {
  const shown = { ...state, notices: withoutNotices(state.notices, 'open') };
  return withNotice(shown, 'info', OWN_OPEN_LOST_TITLE, ownOpenLostWords(by));
}

/** A long call starts (`task`); an open, join or session open starts counting the engine's opens (ownOpen). */
function busyWith(state: AppState, task: BusyTask): AppState {
  const busy = { ...task, noticesFrom: state.nextNoticeId };
  const opening = task.kind === 'import' || task.kind === 'metadata';
  return opening ? { ...state, busy, ownOpen: { seen: [] }, awaitedOpened: null } : { ...state, busy };
}

/**
 * A session reopened (session/session-state.ts applyOpenedSession); `followed`, by another window without its
 * input: this page shows it as that window does — the map, and the notice about the input — keeping its screen,
 * its busy task and its notices (the one saying what happened).
 */
function sessionOpened(state: AppState, action: Extract<Action, { type: 'session-opened' }>): AppState {
  if (!action.followed) return applyOpenedSession(state, action.session, action.reattached);
  const session = action.session;
  // not this page's open's reply (ownOpen): another window's, which the page follows
  const shown = applyOpenedSession({ ...state, ownOpen: null }, session);
  // capped as every notice is: the session's own notices added after this page's
  const notices = shown.notices.reduce<Notice[]>((kept, n) => addNotice(kept, n), [...state.notices]);
  return { ...shown, screen: state.screen, busy: state.busy, ownOpen: state.ownOpen, notices };
}

function newTraining(runId: string): TrainingView {
  return {
    runId,
    status: 'running',
    stage: 'starting',
    epoch: 0,
    epochs: 0,
    step: 0,
    steps: 0,
    loss: NaN,
    activeFraction: NaN,
    elapsedMs: 0,
    etaMs: NaN,
    lossPoints: [],
    snapshot: null,
  };
}

/**
 * A run's view as it starts, in the stage its events already reported (`AppState.earlyStage`); `editedLabels`:
 * those a retrain trains on, which colour its map so far.
 */
function startedTraining(
  runId: string,
  early: AppState['earlyStage'],
  editedLabels: EditedLabels | undefined,
): TrainingView {
  const training: TrainingView = { ...newTraining(runId), ...(editedLabels ? { editedLabels } : {}) };
  return early?.runId === runId ? inStage(training, early.stage, early.step) : training;
}

/** `t` in stage `stage`, doing `step` when given (a stage's start has none: the last stage's step goes). */
function inStage(t: TrainingView, stage: string, step: StageStep | undefined): TrainingView {
  const { stageStep: _last, ...rest } = t;
  return step ? { ...rest, stage, stageStep: step } : { ...rest, stage };
}

/**
 * Run `t` once Stop (or Skip metrics) is pressed: stopping; a press during the metrics stage, or a second
 * press (the engine skips the metrics then, session.ts stopTraining), skips the metrics not yet computed.
 */
function stopRequested(t: TrainingView): TrainingView {
  const skips = t.status === 'stopping' || t.stage === 'metrics';
  return { ...t, status: 'stopping', ...(skips ? { skippingMetrics: true as const } : {}) };
}

/**
 * `state` once the page joined the run in progress `joined.runId`: its earlier epochs in the loss chart and
 * its settings kept for the Train form (the epoch budget theirs, else the option's default); a retrain's edited
 * labels also as the page's own edits (joinedEdits).
 */
function joinedTraining(state: AppState, joined: JoinedRun): AppState {
  const t = state.training;
  if (!t || t.runId !== joined.runId) return state;
  const training: TrainingView = {
    ...withUnseenProgress(t, joined.progress),
    ...(joined.request ? { request: joined.request } : {}),
    ...(joined.editedLabels ? { editedLabels: joined.editedLabels } : {}),
  };
  // unknown without the request (a retrain's fine-tune takes fewer): the epochs done until the next step says
  const budget = joined.request ? (joined.request.epochs ?? Number(optionDefault('epochs'))) : undefined;
  // the steps the page that started the run drew (the run's events come after: eventsAfterJoin); the epochs'
  // mean losses only where the engine sent none
  if (joined.steps) training.lossPoints = [...joined.steps];
  fillUnseenEpochs(training, joined.history, budget);
  withProgressPoint(training, joined.progress);
  return { ...state, training, annotation: joinedEdits(state.annotation, joined.editedLabels) };
}

/**
 * A page's annotation once it joined a retrain on `edited` labels: those edits as its own, as the page that
 * started the retrain holds them — before, its Edit labels, Explore's legend and the exports showed the labels
 * as if unedited while the retrain ran, and kept none of the edits if it ended without a map. Not an undoable
 * step (a reopened session's edits are not either); edits the page has already are kept.
 */
function joinedEdits(annotation: AnnotationHistory, edited: EditedLabels | undefined): AnnotationHistory {
  if (!edited || annotation.present.editedLabels) return annotation;
  return { ...annotation, present: { ...annotation.present, editedLabels: edited } };
}

/** Whether `t` is a run still running or stopping. */
export function isActive(t: TrainingView | null): t is TrainingView {
  return t !== null && (t.status === 'running' || t.status === 'stopping');
}

/** Applies one engine event. Events of a run other than the current one are ignored. */
function reduceEvent(state: AppState, event: EngineEvent): AppState {
  const t = state.training;
  switch (event.type) {
    case 'import-progress':
      if (!state.busy) return state;
      return {
        ...state,
        busy: { ...state.busy, fraction: event.fraction, message: event.message || state.busy.message },
      };
    case 'train-stage':
      // a big table's first stage ('preprocess', minutes at 10⁶ cells) was dropped that way, and the page
      // said "starting" all through it
      if (!t || t.runId !== event.runId) {
        const { runId, stage, step } = event;
        return { ...state, earlyStage: step ? { runId, stage, step } : { runId, stage } };
      }
      return { ...state, training: inStage(t, event.stage, event.step) };
    case 'train-progress':
      if (!t || t.runId !== event.runId) return state;
      return {
        ...state,
        training: {
          ...inStage(t, 'training', undefined),
          epoch: event.epoch,
          epochs: event.epochs,
          step: event.step,
          steps: event.steps,
          loss: event.loss,
          activeFraction: event.activeFraction,
          elapsedMs: event.elapsedMs,
          etaMs: event.etaMs,
          ...(event.totalStep !== undefined ? { totalStep: event.totalStep } : {}),
          ...(event.totalSteps !== undefined ? { totalSteps: event.totalSteps } : {}),
          lossPoints: appendLossPoint(t.lossPoints, {
            x: fractionalEpoch(event.epoch, event.step, event.steps),
            loss: event.loss,
            activeFraction: event.activeFraction,
          }),
        },
      };
    case 'train-epoch':
      // the chart draws the steps' progress; an epoch's mean is only what a page that joins late lacks
      return state;
    case 'embedding-snapshot':
      if (!t || t.runId !== event.runId) return state;
      return {
        ...state,
        training: {
          ...t,
          snapshot: { epoch: event.epoch, coords: event.coords, rows: event.rows ?? null, final: false },
        },
      };
    case 'run-finished': {
      const result = event.result;
      const training: TrainingView = t && t.runId === result.runId ? { ...t } : newTraining(result.runId);
      training.status = 'finished';
      training.stage = result.stoppedReason;
      fillUnseen(training, result);
      if (result.stopMessage !== undefined) training.stopMessage = result.stopMessage;
      training.etaMs = 0;
      // the finished map replaces the last snapshot (a run shorter than the snapshot interval had none)
      training.snapshot = {
        epoch: result.history.length > 0 ? result.history[result.history.length - 1].epoch : training.epoch,
        coords: result.coords,
        rows: null,
        final: true,
      };
      // a run of the same data keeps the user's dimensions and colouring; other data's starts afresh
      const exploreView = viewAfterRun(state.exploreView, state.result, result, state.dataset);
      // this run's warnings replace an earlier run's (a retrain warning alike is one banner, not two)
      const notices = state.notices.filter((n) => n.title !== RUN_NOTE_TITLE);
      let next: AppState = {
        ...state,
        training,
        result,
        resultLost: null,
        projected: null,
        exploreView,
        notices,
      };
      for (const note of runNotes(result.report, state.dataset?.warnings ?? []))
        next = withNotice(next, 'warning', RUN_NOTE_TITLE, note, 'run');
      if (result.stoppedReason === 'nan') {
        next = withNotice(
          next,
          'error',
          'Training stopped: the loss became NaN',
          'The map shows the last good state. Try a lower learning rate or a smaller margin, then train again.',
          'run',
        );
      } else if (state.screen === 'train') {
        next.screen = 'explore';
      }
      return next;
    }
    case 'data-opened':
      return afterDataOpened(state, event);
    case 'run-failed':
      return afterRunFailed(state, event);
    case 'run-discarded':
      return afterRunDiscarded(state, event);
    case 'replay-incomplete':
      return afterIncompleteReplay(state, event);
    case 'error':
      return withNotice(state, 'error', 'Engine error', event.error.message);
    case 'download-ended': {
      // the "… is downloading" notice of this page's export (another page's download is not ours)
      const shown = state.notices.find((n) => n.download?.id === event.downloadId);
      if (!shown?.download) return state;
      const rest: AppState = { ...state, notices: state.notices.filter((n) => n !== shown) };
      if (event.ok) return withNotice(rest, shown.level, shown.title, shown.download.done);
      const message = `${event.fileName} did not finish downloading (the download was cancelled or the connection broke); the server keeps no copy: export it again.`;
      return withNotice(rest, 'error', shown.title, message);
    }
    case 'worker-exit': {
      const next: AppState = {
        ...state,
        busy: null,
        workerExits: state.workerExits + 1,
        training: isActive(t) ? { ...t, status: 'failed' } : t,
      };
      // projected cells the restarted engine will not hold are not offered (their export and save fail)
      if (event.lostProjection !== undefined && state.projected?.projectionId === event.lostProjection) {
        next.projected = null;
        next.projectedColour = '';
      }
      // the host knows what is reopened: when nothing is, the page must not show data as loaded
      if (event.reopens === null) {
        next.dataset = null;
        next.labelColumn = null;
        next.labelSummary = null;
        next.preprocessValues = {};
      }
      const how = event.signal ? `signal ${event.signal}` : `exit code ${event.code ?? 'unknown'}`;
      const message = event.message || `The engine process exited unexpectedly (${how}).`;
      if (mentions(next, message)) return next;
      // a host that does not say what it reopens (older ones) reopens the loaded data, if there is any
      const suffix = event.reopens === undefined && next.dataset !== null ? ' Your data stays loaded.' : '';
      return withNotice(next, 'error', 'The engine process stopped', `${message}${suffix}`, 'run');
    }
  }
}

/** 'dataset-opened': a file opened, by this page or by another window that it follows. */
function datasetOpened(state: AppState, summary: DatasetSummary): AppState {
  // a new file replaces everything derived from the old one (a run in progress keeps reporting), the
  // notices about it too: an old failed open, a dead worker's "the loaded data (old file) will be reopened"
  // — but not the word that this open cancelled the run in progress (a run failing while it was read)
  const from = state.busy?.noticesFrom ?? state.nextNoticeId;
  let next: AppState = {
    ...state,
    notices: state.notices.filter((n) => n.about === 'run' && n.id >= from),
    busy: null,
    dataset: summary,
    labelColumn: summary.suggestedLabel,
    labelSummary: null,
    preprocessValues: {},
    result: null,
    resultLost: null,
    inputMissing: false,
    mapReplaced: false,
    projected: null,
    // another file's values may be logged otherwise: its fold change starts from its own default
    markerValueLog: null,
    // a selection or edited labels index the old file's rows: they mean nothing for another file
    annotation: EMPTY_HISTORY,
    // another file's classes and columns: a new colour book, coloured by label
    exploreView: { ...state.exploreView, dims: null, colorBy: 'label', classColours: {} },
    training: isActive(state.training) ? state.training : null,
  };
  for (const w of summary.warnings) next = withNotice(next, importNoteLevel(w), IMPORT_NOTE_TITLE, w.message);
  return next;
}

/** The reducer. */
export function reduce(state: AppState, action: Action): AppState {
  const next = reduceAction(state, action);
  if (!endsOwnOpen(state, action)) return next;
  // this page's open ended: when another window's finished after it, the engine holds that window's data,
  // which the page says and then shows (main.ts follows ownOpenOutrun)
  const outrun = ownOpenOutrun(state, action);
  // its reply is not shown (its label counts and its Start would be asked of data the engine no longer holds)
  const shown = outrun && action.type !== 'failed' ? { ...state, busy: null } : next;
  const ended = { ...shown, ownOpen: null, awaitedOpened: ownOpenedAwaited(state, action) };
  if (!outrun) return ended;
  // the last open was this page's own after all: its reply was lost (its failure is what ended it)
  if (isOwnOpen(outrun.by, state)) return ownOpenLostNotice(ended, outrun.by);
  return withNotice(ended, 'info', OPENED_ELSEWHERE_TITLE, openedElsewhereWords(outrun.by));
}

function reduceAction(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'show-screen':
      return { ...state, screen: action.screen };
    case 'backend':
      return { ...state, backend: action.info, backendError: null };
    case 'backend-failed':
      return { ...state, backendError: action.message };
    case 'busy':
      return busyWith(state, action.task);
    case 'idle':
      return { ...state, busy: null };
    case 'stop-agreed':
      return { ...state, stopAgreed: action.runId };
    case 'data-replaced':
      return dataReplaced(state, action.summary, action.by);
    case 'busy-progress':
      return state.busy ? { ...state, busy: { ...state.busy, fraction: action.fraction } } : state;
    case 'dataset-opened':
      return datasetOpened(state, action.summary);
    case 'metadata-joined': {
      // joined metadata adds columns: the chosen label (when still present) and the finished run stay
      const keep =
        state.labelColumn !== null && action.summary.metadata.some((m) => m.name === state.labelColumn);
      return {
        ...state,
        busy: null,
        dataset: action.summary,
        labelColumn: keep ? state.labelColumn : action.summary.suggestedLabel,
        labelSummary: keep ? state.labelSummary : null,
      };
    }
    case 'label-chosen':
      // choosing the column that is already chosen keeps its counts (the Import screen shows them again)
      if (action.column === state.labelColumn) return state;
      // without the session's input the engine has nothing to count: the run's own column is counted here
      return {
        ...state,
        labelColumn: action.column,
        labelSummary: detachedLabelSummary(state, action.column),
      };
    case 'label-summary':
      if (action.summary.column !== state.labelColumn) return state;
      return { ...state, labelSummary: action.summary };
    case 'preprocess-edited':
      return { ...state, preprocessValues: { ...action.values } };
    case 'training-started':
      // a very short run may already have finished (its events can overtake the start reply)
      if (state.training?.runId === action.runId) return state;
      return {
        ...state,
        training: startedTraining(action.runId, state.earlyStage, action.editedLabels),
        earlyStage: undefined,
        projected: null,
        notices: state.notices.filter((n) => n.about !== 'run' && n.about !== 'projected'),
      };
    case 'training-joined':
      return joinedTraining(state, action);
    case 'stop-requested':
      return isActive(state.training) ? { ...state, training: stopRequested(state.training) } : state;
    case 'projection-started':
      return { ...state, notices: withoutNotices(state.notices, 'project') };
    case 'projected': {
      // the cells shown: an earlier projection's failure no longer stands (Remove projected cells keeps it);
      // what was said about the cells shown before goes with them ("350 cells … are shown on the map as ✕"
      // stayed over a map they had left)
      const shown = withoutNotices(state.notices, 'projected');
      const notices = action.result ? withoutNotices(shown, 'project') : shown;
      return { ...state, busy: null, projected: action.result, projectedColour: '', notices };
    }
    case 'projected-colour':
      return { ...state, projectedColour: action.column };
    case 'marker-value-log':
      return { ...state, markerValueLog: action.valueLog };
    case 'failed': {
      // a call that ran a crashed engine's replay fails in the words of the replay's notice: said once
      const message = errorMessage(action.error);
      if (state.notices.some((n) => n.title === REPLAY_TITLE && n.message === message)) {
        return { ...state, busy: null };
      }
      // a failure while a file was read (opened, a session's input attached) is an open failure
      const about = state.busy?.kind === 'import' ? 'open' : action.about;
      const { title, screen } = action;
      return withNotice(
        { ...state, busy: null },
        'error',
        title,
        errorMessage(action.error),
        about,
        undefined,
        screen,
      );
    }
    case 'notice':
      return withNotice(
        state,
        action.level,
        action.title,
        action.message,
        action.about,
        action.download,
        action.screen,
      );
    case 'dismiss':
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
    case 'engine':
      return reduceEvent(state, action.event);
    case 'annotate': {
      const change: { selection?: CellRows; editedLabels?: EditedLabels | null } = {};
      if (action.selection !== undefined) change.selection = action.selection;
      if (action.editedLabels !== undefined) change.editedLabels = action.editedLabels;
      return { ...state, annotation: recordChange(state.annotation, change, action.label) };
    }
    case 'undo':
      return { ...state, annotation: undo(state.annotation) };
    case 'redo':
      return { ...state, annotation: redo(state.annotation) };
    case 'explore-view':
      return changeExploreView(state, action.patch);
    case 'input-reattached-elsewhere':
      return applyReattachedElsewhere(state, action.summary, action.result, action.note);
    case 'session-opened':
      return sessionOpened(state, action);
  }
}

/** True while a run is training or stopping. */
export function isTraining(state: AppState): boolean {
  return isActive(state.training);
}
