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
 */
import type { SessionConfinement } from '../api/annotate.js';
import type {
  EngineArgs,
  EngineRequestMethod,
  EngineResult,
  FileSource,
  ImportSettings,
} from '../api/engine-api.js';
import { EngineError } from '../api/errors.js';
import { rowWords } from '../api/file-format.js';
import type { ReusedIds } from '../api/messages.js';
import { sourceLabel } from './worker-exit-facts.js';

/** Sends one request to the worker (handing out `ids` instead of new ones) and awaits its response. */
export type WorkerRequest = <M extends EngineRequestMethod>(
  method: M,
  args: EngineArgs<M>,
  ids?: ReusedIds,
) => Promise<EngineResult<M>>;

/** One call that loaded data, as it is sent again, with the ids its answer gave. */
type Loaded = { ids: ReusedIds } & (
  | { method: 'openFile'; source: FileSource; settings?: ImportSettings }
  | {
      method: 'openSession';
      source: FileSource;
      confine?: SessionConfinement;
      /** Its answer found its input (held with it): the page shows the input as loaded. */
      attached: boolean;
    }
  | { method: 'attachSessionInput'; source: FileSource }
);

type Opened = { source: FileSource; settings?: ImportSettings; ids: ReusedIds };

/** The last projection the worker holds (embedFile), as it is sent again, with the id its answer gave. */
type Projection = Opened & {
  metadata?: FileSource | null;
  /** Projected onto a session's map (which the replay brings back), not onto a run trained since. */
  onSessionMap: boolean;
  /** What the projected file's rows are called ('cells', 'rows': a CSV/TSV's rows may be samples). */
  many: string;
};

/**
 * Whether a projection's files can be read again: serve deletes an upload streamed to it once projected
 * (upload-store.ts), so a projected file or metadata file of kind 'uploaded' is gone by the replay.
 */
function readableAgain(source: FileSource, metadata: FileSource | null | undefined): boolean {
  return source?.kind !== 'uploaded' && metadata?.kind !== 'uploaded';
}

/**
 * What a replay that reopened the data did not bring back, which pages still show: `message` says it;
 * `projectionId`, projected cells it could not project again; `detachedRunId`, the reopened session (by its
 * run) whose input it could not load again — the map is held, its data is not.
 */
export interface ReplayIncomplete {
  message: string;
  projectionId?: string;
  detachedRunId?: string;
}

/** A reopened session whose input the replay could not load again: its run, and why (a clause). */
type Detached = { runId: string; why: string };

/** The ids a loading call's answer handed out: a DatasetSummary's, or an OpenedSession's. */
function idsOf(result: unknown): ReusedIds {
  // every call's result passes through noteCall: stopTraining's and cancelImport's are undefined
  if (typeof result !== 'object' || result === null) return {};
  const r = result as {
    datasetId?: unknown;
    summary?: { datasetId?: unknown };
    result?: { runId?: unknown };
    projected?: { projectionId?: unknown } | null;
    projectionId?: unknown;
  };
  const ids: ReusedIds = {};
  const data = r.summary?.datasetId ?? r.datasetId;
  if (typeof data === 'string') ids.data = data;
  if (typeof r.result?.runId === 'string') ids.run = r.result.runId;
  if (typeof r.projected?.projectionId === 'string') ids.projection = r.projected.projectionId;
  // embedFile's answer (an EmbedResult) names its projection at its top
  if (typeof r.projectionId === 'string') ids.projection = r.projectionId;
  return ids;
}

/**
 * How a replay that was due ended: it ran through ('reopened' — with `incomplete` when the data came back but
 * not all of it: a session's input, its projected cells), failed (`why`: the error's message), or was dropped
 * because other data was opened first ('replaced').
 */
export type ReplayOutcome =
  | { outcome: 'reopened'; incomplete?: ReplayIncomplete }
  | { outcome: 'failed'; why: string }
  | { outcome: 'replaced' };

/** `text` ending as a sentence does (a message may end with or without its full stop). */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

export class DataReplay {
  /** `settled` hears how each replay that was due ended. Default: nobody. */
  constructor(private readonly settled: (outcome: ReplayOutcome) => void = () => undefined) {}

  /** The calls that loaded the current data, in order: openFile, or openSession then attachSessionInput. */
  private loaded: Loaded[] = [];
  private lastMetadata: Opened | null = null;
  /** The last projection, while the worker holds it (a run finished since, other data opened: it is gone). */
  private projection: Projection | null = null;
  /** Whether the worker's map is the reopened session's (openSession, attachSessionInput), not a run since. */
  private sessionMap = false;
  /** True once a worker died with data loaded; the next worker gets the replay before any other call. */
  needed = false;
  private replaying: Promise<void> | null = null;

  /** The source the next worker will reopen (the data file, or the session file), or null. */
  get reopens(): FileSource | null {
    return this.loaded[0]?.source ?? null;
  }

  /** True when what the next worker reopens is a session (whose saved run it holds again). */
  get reopensSession(): boolean {
    return this.loaded[0]?.method === 'openSession';
  }

  /** True while a replay is running. */
  get inProgress(): boolean {
    return this.replaying !== null;
  }

  /** After a crash: the next call replays when data was loaded. */
  noteCrash(): void {
    this.needed = this.loaded.length > 0;
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
    this.loaded = [];
    this.lastMetadata = null;
    this.projection = null;
    this.sessionMap = false;
    this.diedDuring = message;
  }

  /**
   * At a crash (`reopensSession`: the session, and its map, is what the next worker reopens): the projection
   * the fresh worker will not hold again — projected onto a map the replay does not bring back, or from an
   * upload serve no longer has —, forgotten: its id and the crash notice's words for it (`The projected cells
   * (query.csv)`); null when none is lost.
   */
  dropProjection(reopensSession: boolean): { projectionId: string; words: string } | null {
    const projection = this.projection;
    if (projection === null) return null;
    const { source, metadata, onSessionMap } = projection;
    if (onSessionMap && reopensSession && readableAgain(source, metadata)) return null;
    this.projection = null;
    return {
      projectionId: projection.ids.projection ?? '',
      words: `The projected ${projection.many} (${sourceLabel(source)})`,
    };
  }

  /** A run finished: the worker holds its map, which no replay brings back, and no projection (the engine's). */
  noteRunFinished(): void {
    this.projection = null;
    this.sessionMap = false;
  }

  /**
   * Records what a successful call loaded, and the ids its `result` gave: openFile and openSession replace
   * everything, attachSessionInput re-imports the session's input (a metadata file joined before is gone with
   * the old import; the projection stays, as the engine keeps it), openMetadata adds to it (and the engine
   * drops its map, with the projection), embedFile replaces the projection.
   */
  noteCall<M extends EngineRequestMethod>(method: M, args: EngineArgs<M>, result: EngineResult<M>): void {
    const ids = idsOf(result);
    if (method === 'openFile') {
      const [source, settings] = args as EngineArgs<'openFile'>;
      this.replace([{ method, source, settings, ids }]);
      this.sessionMap = false;
    } else if (method === 'openSession') {
      const [source, confine] = args as EngineArgs<'openSession'>;
      const attached = (result as EngineResult<'openSession'>).inputStatus === 'attached';
      this.replace([{ method, source, confine, ids, attached }]);
      this.sessionMap = true;
    } else if (method === 'embedFile') {
      const [source, settings, metadata] = args as EngineArgs<'embedFile'>;
      const many = rowWords((result as EngineResult<'embedFile'>).format?.kind).many;
      this.projection = { source, settings, metadata, ids, onSessionMap: this.sessionMap, many };
    } else if (method === 'attachSessionInput' && this.loaded[0]?.method === 'openSession') {
      const [source] = args as EngineArgs<'attachSessionInput'>;
      // the page holds the attach's dataset and run ids (and the session's projection id): a replayed session
      // gets them already, for when it finds its input where it says and is not attached again
      const session = { ...this.loaded[0], ids: { ...this.loaded[0].ids, ...ids } };
      this.loaded = [session, { method, source, ids }];
      this.lastMetadata = null;
      this.sessionMap = true;
    } else if (method === 'openMetadata') {
      const [source, settings] = args as EngineArgs<'openMetadata'>;
      this.lastMetadata = { source, settings, ids };
      this.projection = null;
      this.sessionMap = false;
    }
  }

  private replace(loaded: Loaded[]): void {
    this.loaded = loaded;
    this.lastMetadata = null;
    this.projection = null;
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
   * Sends the loading calls again, adding each that succeeds to `held` (what the fresh worker holds). A session
   * that finds its input where it says (put back since it was re-attached) holds it already: its attach is not
   * sent, which the engine would refuse (no session waits for its input). A session whose input was loaded
   * before the crash — found, or re-attached — but cannot be now is reopened without it: returned as detached
   * (its map is held, its data is not), not failed.
   */
  private async reopenSteps(request: WorkerRequest, held: Loaded[]): Promise<Detached | undefined> {
    let detached: Detached | undefined;
    let runId = '';
    let inputMessage = '';
    for (const step of this.loaded) {
      const { ids } = step;
      if (step.method === 'openFile') await request('openFile', [step.source, step.settings], ids);
      else if (step.method === 'openSession') {
        const opened = await request('openSession', [step.source, step.confine], ids);
        // noted as it is now: a later crash that reopens it without its input has nothing new to say
        held.push({ ...step, attached: opened.inputStatus === 'attached' });
        if (opened.inputStatus === 'attached') return undefined;
        runId = opened.result.runId;
        inputMessage = opened.inputMessage;
        if (step.attached) {
          const input = `its input (${opened.input.name})`;
          detached = { runId, why: `${input} is no longer where it was: ${opened.inputMessage}` };
        }
        continue;
      } else {
        try {
          await request('attachSessionInput', [step.source], ids);
        } catch (err) {
          if (this.diedDuring !== null) throw err;
          const reason = sentence(err instanceof Error ? err.message : String(err));
          return {
            runId,
            why: `its input (${sourceLabel(step.source)}) could not be re-attached: ${reason} ${inputMessage}`,
          };
        }
        detached = undefined;
      }
      held.push(step);
    }
    return detached;
  }

  /**
   * Projects the last projected file again onto the reopened session's map, under the id the page holds. The
   * data is back whether or not it can: when it cannot (the file is gone), the projection is forgotten and
   * returned as lost (its id, and a clause saying why) — unless the worker died meanwhile, which fails the
   * replay as any step does.
   */
  private async reproject(request: WorkerRequest): Promise<{ id: string; why: string } | undefined> {
    const projection = this.projection;
    if (projection === null) return undefined;
    const { source, settings, metadata, ids } = projection;
    try {
      await request('embedFile', [source, settings, metadata], ids);
      return undefined;
    } catch (err) {
      if (this.diedDuring !== null) throw err;
      this.projection = null;
      const reason = sentence(err instanceof Error ? err.message : String(err));
      return {
        id: ids.projection ?? '',
        why: `the projected ${projection.many} (${sourceLabel(source)}) could not be projected again: ${reason} Project the file again to show and export them.`,
      };
    }
  }

  /** The data reopened, but not all of it: what is not, in one notice's words (undefined: all is back). */
  private incomplete(
    detached: Detached | undefined,
    lost: { id: string; why: string } | undefined,
  ): ReplayIncomplete | undefined {
    if (!detached && !lost) return undefined;
    const session = this.reopens ? ` (${sourceLabel(this.reopens)})` : '';
    const clauses = [detached?.why, lost?.why].filter((c): c is string => c !== undefined);
    return {
      message: `The engine process stopped; its session${session} was reopened with its map, but ${clauses.join(' And ')}`,
      ...(lost ? { projectionId: lost.id } : {}),
      ...(detached ? { detachedRunId: detached.runId } : {}),
    };
  }

  private async reopen(request: WorkerRequest): Promise<void> {
    const held: Loaded[] = [];
    let incomplete: ReplayIncomplete | undefined;
    try {
      const detached = await this.reopenSteps(request, held);
      const metadata = this.lastMetadata;
      // a session reopened without its input holds no data to join a metadata file to
      if (detached) {
        this.loaded = held;
        this.lastMetadata = null;
      } else if (metadata) {
        await request('openMetadata', [metadata.source, metadata.settings], metadata.ids);
      }
      incomplete = this.incomplete(detached, await this.reproject(request));
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
      this.loaded = held;
      this.lastMetadata = null;
      this.projection = null;
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
