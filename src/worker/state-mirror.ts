/**
 * The host's copy of what the engine holds (EngineState), kept from the calls' results and the events that
 * pass through the worker client. It answers getState when the worker is slow to: a worker deep in a long
 * synchronous stage (preprocessing a 20 000 × 2 000 table, the neighbour search, the metrics) cannot answer
 * for seconds, but the page asking "what is loaded, what runs?" must not wait for that.
 */
import { appendLossPoint, lossStepPoint, type LossStepPoint } from '../api/loss-steps.js';
import type {
  ActiveSnapshot,
  BackendInfo,
  DatasetSummary,
  EngineEvent,
  EngineRequestMethod,
  EngineState,
  RunResult,
  TrainRequest,
} from '../api/engine-api.js';
import type { EditedLabels } from '../api/annotation.js';
import type { OpenedSession, ReopenedSession } from '../api/annotate.js';
import type { TrainHistoryEntry, TrainProgress } from '../api/progress.js';
import type { StageStep } from '../api/stage-step.js';

/** What the mirror holds of a run it saw start. */
interface RunRecord {
  runId: string;
  request?: TrainRequest;
  /** A retrain's edited labels (its call's argument, the engine's own copy once getState answered). */
  editedLabels?: EditedLabels;
  /** Its last train-progress event's figures. */
  progress?: TrainProgress;
  history: TrainHistoryEntry[];
  /** The loss chart's points of its train-progress events, thinned as the engine's (`appendLossPoint`). */
  steps: LossStepPoint[];
  snapshot?: ActiveSnapshot;
}

export class StateMirror {
  private dataset: DatasetSummary | null = null;
  private activeRunId: string | null = null;
  /**
   * The last stage a run reported (train-stage event) and the step it said, if any; state() gives them for
   * the active run only.
   */
  private stage: { runId: string; stage: string; step?: StageStep } | null = null;
  /**
   * The settings a run was started with (startTraining's request), its epochs so far (its train-epoch
   * events) and its last snapshot: state() gives them for the active run only. Dropped when it ends.
   */
  private run: RunRecord | null = null;
  private lastRun: RunResult | null = null;
  /** A session reopened without its input (openSession's answer less its run), while the engine holds it. */
  private reopened: ReopenedSession | null = null;
  /** The worker's last backendInfo answer (the backend does not change while a worker lives). */
  private backendCopy: BackendInfo | null = null;
  /** The last run that finished or failed: a short run's events can overtake its start reply. */
  private endedRunId: string | null = null;

  /** Records a successful call's result. */
  noteResult(method: EngineRequestMethod, result: unknown): void {
    if (method === 'openFile' || method === 'openMetadata') {
      this.dataset = result as DatasetSummary;
      this.reopened = null;
    } else if (method === 'startTraining' || method === 'retrainWithLabels') {
      const { runId, request } = result as { runId: string; request?: TrainRequest };
      if (runId !== this.endedRunId) this.activeRunId = runId;
      // a retrain's settings as the engine resolved them: a page joining while the worker is busy (its
      // steps on a loaded machine) fills its Train form from them
      if (request) this.noteRun(runId, request);
    } else if (method === 'openSession' || method === 'attachSessionInput') {
      const { result: run, ...reopened } = result as OpenedSession;
      // a session whose input is missing shows its map, but the engine then holds no data
      const attached = reopened.inputStatus === 'attached';
      this.dataset = attached ? reopened.summary : null;
      this.reopened = attached ? null : reopened;
      this.lastRun = run;
    } else if (method === 'backendInfo') {
      this.backendCopy = result as BackendInfo;
    } else if (method === 'getState') {
      const state = result as EngineState;
      this.dataset = state.dataset;
      this.activeRunId = state.activeRunId;
      if (state.activeRunId !== null && state.activeStage !== undefined)
        this.stage = withStep({ runId: state.activeRunId, stage: state.activeStage }, state.activeStep);
      if (state.activeRunId !== null && state.activeRequest)
        this.noteRun(state.activeRunId, state.activeRequest, state.activeEditedLabels);
      this.lastRun = state.lastRun;
      this.reopened = state.reopenedSession ?? null;
    }
  }

  /**
   * Records what run `runId` was asked (startTraining's request, a retrain's settings as getState gave them)
   * and the edited labels a retrain trains on; its epochs so far are kept.
   */
  noteRun(runId: string, request: TrainRequest | undefined, editedLabels?: EditedLabels): void {
    const record = this.runRecord(runId);
    this.run = {
      ...record,
      ...(request ? { request: structuredClone(request) } : {}),
      ...(editedLabels ? { editedLabels } : {}),
    };
  }

  /** What is held of run `runId`: its own record, never another run's. */
  private runRecord(runId: string): RunRecord {
    return this.run?.runId === runId ? this.run : { runId, history: [], steps: [] };
  }

  /** Records an engine event. */
  noteEvent(event: EngineEvent): void {
    if (event.type === 'train-stage') {
      this.stage = withStep({ runId: event.runId, stage: event.stage }, event.step);
    } else if (event.type === 'train-progress') {
      const { type: _type, runId, ...progress } = event;
      const record = this.runRecord(runId);
      this.run = { ...record, progress, steps: appendLossPoint(record.steps, lossStepPoint(progress)) };
    } else if (event.type === 'train-epoch') {
      // the record's history is the mirror's own array: appended to, not copied at every epoch
      this.run = this.runRecord(event.runId);
      this.run.history.push({ ...event.entry });
    } else if (event.type === 'embedding-snapshot' && event.rows) {
      // the event's own arrays (it was decoded for the host): a page reloaded now draws them
      const { epoch, coords, rows } = event;
      this.run = { ...this.runRecord(event.runId), snapshot: { epoch, coords, rows } };
    } else if (event.type === 'run-finished') {
      if (this.run?.runId === event.result.runId) this.run = null;
      this.lastRun = event.result;
      this.endedRunId = event.result.runId;
      if (this.activeRunId === event.result.runId) this.activeRunId = null;
    } else if (event.type === 'run-failed') {
      if (this.run?.runId === event.runId) this.run = null;
      this.endedRunId = event.runId;
      if (event.runId === this.activeRunId) this.activeRunId = null;
    } else if (event.type === 'run-discarded' && event.runId === this.lastRun?.runId) {
      this.lastRun = null;
    } else if (event.type === 'worker-exit') {
      this.backendCopy = null;
      this.activeRunId = null;
      this.lastRun = null;
      // the data is reopened on the next call, unless there is nothing to reopen
      if (event.reopens === null) this.dataset = null;
      this.reopened = null;
    }
  }

  /** The worker's last backendInfo answer, or null before one (or after the worker exited). */
  backend(): BackendInfo | null {
    return this.backendCopy;
  }

  state(): EngineState {
    const held = this.activeRunId !== null && this.stage?.runId === this.activeRunId ? this.stage : null;
    const stage = held
      ? { activeStage: held.stage, ...(held.step ? { activeStep: { ...held.step } } : {}) }
      : {};
    const run = this.activeRunId !== null && this.run?.runId === this.activeRunId ? this.run : null;
    return {
      dataset: this.dataset,
      activeRunId: this.activeRunId,
      ...stage,
      ...(run?.request ? { activeRequest: structuredClone(run.request) } : {}),
      // not copied: the call's own arrays, which nothing changes
      ...(run?.editedLabels ? { activeEditedLabels: run.editedLabels } : {}),
      ...(run ? { activeHistory: run.history.map((h) => ({ ...h })) } : {}),
      ...(run ? { activeSteps: run.steps.map((s) => ({ ...s })) } : {}),
      ...(run?.progress ? { activeProgress: { ...run.progress } } : {}),
      ...(run?.snapshot ? { activeSnapshot: run.snapshot } : {}),
      lastRun: this.lastRun,
      ...(this.reopened && this.dataset === null ? { reopenedSession: this.reopened } : {}),
    };
  }
}

/** `stage` with a copy of `step` when there is one (a stage's start has none: the last stage's step goes). */
function withStep<T extends object>(stage: T, step: StageStep | undefined): T & { step?: StageStep } {
  return step ? { ...stage, step: { ...step } } : stage;
}
