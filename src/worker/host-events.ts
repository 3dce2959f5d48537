/**
 * The host's side of the engine's events: fan-out to every listener, the host's copy of the state
 * (StateMirror), and the bookkeeping a crash report needs — the run in progress, the finished run the
 * worker holds (trained, or a reopened session's), and the highest engine id seen (so a restarted worker
 * never reuses one).
 */
import type {
  EngineEvent,
  EngineEventListener,
  EngineRequestMethod,
  TrainRequest,
} from '../api/engine-api.js';
import type { RetrainRequest } from '../api/annotate.js';
import type { ReplayOutcome } from './data-replay.js';
import { StateMirror } from './state-mirror.js';
import { highestIdIn } from './worker-exit-facts.js';

/** What the host knows of a worker that exited without being asked. */
export interface WorkerExit {
  message: string;
  code: number | null;
  signal: string | null;
  failedOpen?: string;
  reopens: string | null;
  /** What is reopened is a session, whose saved run comes back with it. */
  reopensSession: boolean;
  /** The id of the projected cells the fresh worker will not hold again, if any. */
  lostProjection?: string;
}

export class HostEvents {
  readonly mirror = new StateMirror();
  private readonly listeners = new Set<EngineEventListener>();
  /** The run in progress, announced as failed when its worker dies. */
  activeRunId: string | null = null;
  /**
   * The finished run the worker holds (its model dies with the worker): trained, or restored by openSession
   * or attachSessionInput — one that a replay of the session brings back.
   */
  private held: { runId: string; fromSession: boolean } | null = null;
  /** The session run a page knows, which the replay after a crash is to bring back (null: none due). */
  private restoring: string | null = null;
  /** The highest numeric part of any engine id seen; a fresh worker continues above it. */
  idFloor = 0;

  /** Raises idFloor to the highest id in `value`. */
  noteIds(value: unknown): void {
    this.idFloor = Math.max(this.idFloor, highestIdIn(value));
  }

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Records a successful call's result (ids handed out, the mirrored state, a started run). */
  noteResult(method: EngineRequestMethod, result: unknown): void {
    if (method === 'openFile' || method === 'openMetadata') {
      this.noteIds({ datasetId: (result as { datasetId?: unknown }).datasetId });
    } else if (method === 'startTraining' || method === 'retrainWithLabels') {
      this.noteIds(result);
    } else if (method === 'openSession' || method === 'attachSessionInput') {
      const opened = result as {
        summary: { datasetId: string };
        result: { runId: string };
        projected?: { projectionId?: unknown } | null;
      };
      this.held = { runId: opened.result.runId, fromSession: true };
      // a reopened session's projected cells are held under a new projection id, which the page exports by
      this.noteIds({
        datasetId: opened.summary.datasetId,
        runId: opened.result.runId,
        projectionId: opened.projected?.projectionId,
      });
    } else if (method === 'embedFile') {
      // a page exports its projected cells by this id: a restarted worker must not hand it out again
      this.noteIds({ projectionId: (result as { projectionId?: unknown }).projectionId });
    }
    this.mirror.noteResult(method, result);
  }

  /**
   * Records a call that went through the worker client with its arguments: a started run, and its settings
   * for a page reloaded while the worker is too busy to answer getState itself.
   */
  noteCall(method: EngineRequestMethod, args: readonly unknown[], result: unknown): void {
    if (method !== 'startTraining' && method !== 'retrainWithLabels') return;
    const { runId } = result as { runId: string };
    this.activeRunId = runId;
    if (method === 'startTraining') this.mirror.noteRun(runId, args[0] as TrainRequest);
    // a retrain's settings are resolved by the engine (its getState gives them); its labels are the call's
    else this.mirror.noteRun(runId, undefined, (args[0] as RetrainRequest).editedLabels);
  }

  /** Records an event and hands it to every listener. */
  emit(event: EngineEvent): void {
    this.mirror.noteEvent(event);
    if (event.type === 'run-finished' || (event.type === 'run-failed' && event.runId === this.activeRunId)) {
      this.activeRunId = null;
    }
    if (event.type === 'run-finished') this.held = { runId: event.result.runId, fromSession: false };
    if (event.type === 'run-discarded' && event.runId === this.held?.runId) this.held = null;
    if (event.type === 'run-finished')
      this.noteIds({ runId: event.result.runId, datasetId: event.result.datasetId });
    else if ('runId' in event) this.noteIds({ runId: event.runId });
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // one faulty listener must not starve the others
      }
    }
  }

  /**
   * After the replay a crash made due: a session's run the crash notice kept (it was to come back) is
   * announced as lost after all ('run-discarded') when the session was not reopened — its replay failed, or
   * other data was opened first — so a page stops offering its Export. A session reopened without its input,
   * or projected cells the replay could not project again, are announced as such ('replay-incomplete').
   */
  noteReplay(replay: ReplayOutcome): void {
    if (replay.outcome === 'reopened' && replay.incomplete) {
      this.emit({ type: 'replay-incomplete', ...replay.incomplete });
    }
    const previous = this.restoring;
    this.restoring = null;
    if (previous === null) return;
    // the replay hands out the ids the page holds (data-replay.ts): the session's run is back under its id
    if (replay.outcome === 'reopened' && this.held?.fromSession) return;
    // opened by a page: as when other data replaces a run (a page's own Open clears its map and says nothing)
    if (replay.outcome === 'replaced') {
      this.emit({
        type: 'run-discarded',
        runId: previous,
        cause: 'data-replaced',
        message: `The trained map (${previous}) is no longer held by the engine: the engine process stopped, and other data was opened before its session could be reopened, perhaps from another page. Open the session again to export it.`,
      });
      return;
    }
    const why = replay.outcome === 'failed' ? `: ${replay.why}` : '';
    this.emit({
      type: 'run-discarded',
      runId: previous,
      cause: 'worker-exit',
      message: `The engine process stopped, and its session could not be reopened${why}. The map (${previous}) stays on screen, but its coordinates, report and model can no longer be exported. Open the session again to export.`,
    });
  }

  /**
   * Announces what a worker that died took with it: the run in progress, the trained run (not a session's
   * run that the replay of that session brings back), then the exit.
   */
  announceExit(exit: WorkerExit): void {
    const { message } = exit;
    if (this.activeRunId !== null) {
      this.emit({ type: 'run-failed', runId: this.activeRunId, error: { kind: 'worker', message } });
    }
    const kept = this.held !== null && this.held.fromSession && exit.reopensSession;
    // a second crash before the replay ran: the page still knows the run by the id noted at the first
    if (kept && this.restoring === null) this.restoring = this.held?.runId ?? null;
    const lost = kept ? null : this.held;
    if (lost !== null) {
      // a session's map the replay was to bring back (it died during that replay): said lost here, once
      if (lost.runId === this.restoring) this.restoring = null;
      const again = lost.fromSession ? 'Open the session again to export.' : 'Train again to export.';
      this.emit({
        type: 'run-discarded',
        runId: lost.runId,
        cause: 'worker-exit',
        message: `The engine process stopped, and the trained map (${lost.runId}) died with it: the map stays on screen, but its coordinates, report and model can no longer be exported. ${again}`,
      });
    }
    this.emit({
      type: 'worker-exit',
      message,
      code: exit.code,
      signal: exit.signal,
      ...(exit.failedOpen !== undefined ? { failedOpen: exit.failedOpen } : {}),
      reopens: exit.reopens,
      ...(exit.lostProjection !== undefined ? { lostProjection: exit.lostProjection } : {}),
    });
  }
}
