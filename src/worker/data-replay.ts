/**
 * What a fresh worker must reopen so the data the user loaded survives a crash: the calls that loaded it —
 * the last openFile, or the last openSession (with its confinement) and the attachSessionInput that re-attached
 * its input —, then the openMetadata joined to it, then the last embedFile (Explore ▸ Project another file)
 * when it projected onto the session's map, which the replay brings back — replayed once (concurrent callers
 * share the replay) before the next call. A projection onto a map the replay does not bring back (a run
 * trained since) is lost with the worker: the crash says so (`dropProjection`).
 *
 * Each is replayed with the ids its first answer gave (`RequestMessage.ids`; the engine hands them out again,
 * EngineSession.reuseIds): the pages hold those — the dataset's, a session's run's, its projected cells' — and
 * pass or compare them (a neighbourhood's runId, a marker table's datasetId, Export projected cells' id), so the
 * fresh worker holds the data under the ids they know rather than new ones no page has seen.
 *
 * This file runs the replay; what is loaded is recorded by `loaded-record.ts` (the calls, `loaded-calls.ts`),
 * the loading calls are sent again by `replay-steps.ts`, the projection by `projection-replay.ts`, and how the
 * replay ended is worded by `replay-outcome.ts`.
 */
import type { EngineArgs, EngineRequestMethod, EngineResult, FileSource } from '../api/engine-api.js';
import { EngineError } from '../api/errors.js';
import { uploadReleased, type Loaded, type WorkerRequest } from './loaded-calls.js';
import { LoadedRecord } from './loaded-record.js';
import { projectAgain } from './projection-replay.js';
import {
  incompleteReplay,
  type LostProjection,
  type ReplayIncomplete,
  type ReplayOutcome,
} from './replay-outcome.js';
import { reopenSteps } from './replay-steps.js';

export type { ReplayIncomplete, ReplayOutcome } from './replay-outcome.js';

export class DataReplay {
  /** `settled` hears how each replay that was due ended. Default: nobody. */
  constructor(private readonly settled: (outcome: ReplayOutcome) => void = () => undefined) {}

  /** What the worker holds, to be loaded again. */
  private readonly record = new LoadedRecord();
  /** True once a worker died with data loaded; the next worker gets the replay before any other call. */
  needed = false;
  private replaying: Promise<void> | null = null;

  /** The source the next worker will reopen (the data file, or the session file), or null. */
  get reopens(): FileSource | null {
    return this.record.reopens;
  }

  /** True when what the next worker reopens is a session (whose saved run it holds again). */
  get reopensSession(): boolean {
    return this.record.reopensSession;
  }

  /** True while a replay is running. */
  get inProgress(): boolean {
    return this.replaying !== null;
  }

  /** After a crash: the next call replays when data was loaded. */
  noteCrash(): void {
    this.needed = this.record.calls.length > 0;
  }

  /** The exit's message when the worker died during the replay (abandon), for the replay's caller. */
  private diedDuring: string | null = null;

  /**
   * The worker died while the replay ran (`message`: what its exit says): the data is not reopened again — it
   * may be what killed the worker, out of memory — so the exit says no data is loaded, and the replay's caller
   * gets that same message, not a second one. No-op when no replay is running.
   */
  abandon(message: string): void {
    if (!this.inProgress) return;
    this.record.forget();
    this.diedDuring = message;
  }

  /** At a crash: the projection the fresh worker will not hold again, forgotten (LoadedRecord.dropProjection). */
  dropProjection(reopensSession: boolean): { projectionId: string; words: string } | null {
    return this.record.dropProjection(reopensSession);
  }

  /** A run finished: the worker holds its map, which no replay brings back, and no projection (the engine's). */
  noteRunFinished(): void {
    this.record.noteRunFinished();
  }

  /**
   * Records what a successful call loaded (LoadedRecord.noteCall). openFile and openSession replace everything:
   * a replay that was due is then dropped ('replaced').
   */
  noteCall<M extends EngineRequestMethod>(method: M, args: EngineArgs<M>, result: EngineResult<M>): void {
    if (!this.record.noteCall(method, args, result)) return;
    if (this.needed) this.settled({ outcome: 'replaced' });
    this.needed = false;
  }

  /** Reopens the user's data in a fresh worker (once, shared by concurrent callers). */
  replay(request: WorkerRequest): Promise<void> {
    if (!this.replaying) {
      this.replaying = this.reopen(request).finally(() => {
        this.replaying = null;
      });
    }
    return this.replaying;
  }

  /**
   * Projects the last projected file again onto the reopened session's map, under the id the page holds; when
   * it cannot, the projection is forgotten and returned as lost.
   */
  private async reproject(
    request: WorkerRequest,
    workerDied: () => boolean,
  ): Promise<LostProjection | undefined> {
    const projection = this.record.lastProjection;
    if (projection === null) return undefined;
    // the page removed the cells since the crash, and serve deleted their upload: nothing to bring back
    if (uploadReleased(projection.source, projection.metadata)) {
      this.record.forgetProjection();
      return undefined;
    }
    const lost = await projectAgain(projection, request, workerDied);
    if (lost) this.record.forgetProjection();
    return lost;
  }

  private async reopen(request: WorkerRequest): Promise<void> {
    const held: Loaded[] = [];
    const workerDied = () => this.diedDuring !== null;
    let incomplete: ReplayIncomplete | undefined;
    try {
      const detached = await reopenSteps(this.record.calls, request, held, workerDied);
      const metadata = this.record.metadata;
      // a session reopened without its input holds no data to join a metadata file to
      if (detached) this.record.keepOnly(held);
      else if (metadata) {
        await request('openMetadata', [metadata.source, metadata.settings], metadata.ids);
      }
      const lost = await this.reproject(request, workerDied);
      incomplete = incompleteReplay(this.record.reopens, detached, lost);
      this.settled({ outcome: 'reopened', ...(incomplete ? { incomplete } : {}) });
    } catch (err) {
      const died = this.diedDuring;
      this.diedDuring = null;
      if (died !== null) {
        // the worker's exit already said what is lost: the caller hears it in the same words (said once)
        this.settled({ outcome: 'failed', why: died });
        throw new EngineError({ kind: 'worker', message: died });
      }
      // Do not retry forever (the file may be gone): forget what failed and say why the data is no longer
      // loaded — but what the worker holds again stays noted, so a later crash reopens it
      this.record.keepOnly(held);
      this.record.forgetProjection();
      const reason = err instanceof Error ? err.message : String(err);
      this.settled({ outcome: 'failed', why: reason });
      throw new EngineError({
        kind: 'worker',
        message: `The engine worker was restarted but could not reopen the loaded data: ${reason}`,
      });
    } finally {
      this.needed = false;
    }
    // the call that ran the replay needed the data it no longer finds: it fails in the notice's words
    if (incomplete?.detachedRunId !== undefined) {
      throw new EngineError({ kind: 'worker', message: incomplete.message });
    }
  }
}
