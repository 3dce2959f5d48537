/**
 * What a fresh worker must reopen so the data the user loaded survives a crash: the calls that loaded it —
 * the last openFile, or the last openSession (with its confinement) and the attachSessionInput that re-attached
 * its input —, then the openMetadata joined to it, replayed once (concurrent callers share the replay) before
 * the next call.
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

/** Sends one request to the worker and awaits its response. */
export type WorkerRequest = <M extends EngineRequestMethod>(
  method: M,
  args: EngineArgs<M>,
) => Promise<EngineResult<M>>;

/** One call that loaded data, as it is sent again. */
type Loaded =
  | { method: 'openFile'; source: FileSource; settings?: ImportSettings }
  | { method: 'openSession'; source: FileSource; confine?: SessionConfinement }
  | { method: 'attachSessionInput'; source: FileSource };

type Opened = { source: FileSource; settings?: ImportSettings };

/**
 * How a replay that was due ended: it ran through ('reopened'), failed (`why`: the error's message), or was
 * dropped because other data was opened first ('replaced').
 */
export type ReplayOutcome =
  { outcome: 'reopened' } | { outcome: 'failed'; why: string } | { outcome: 'replaced' };

export class DataReplay {
  /** `settled` hears how each replay that was due ended. Default: nobody. */
  constructor(private readonly settled: (outcome: ReplayOutcome) => void = () => undefined) {}

  /** The calls that loaded the current data, in order: openFile, or openSession then attachSessionInput. */
  private loaded: Loaded[] = [];
  private lastMetadata: Opened | null = null;
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

  /**
   * Records what a successful call loaded: openFile and openSession replace everything, attachSessionInput
   * re-imports the session's input (a metadata file joined before is gone with the old import), openMetadata
   * adds to it.
   */
  noteCall<M extends EngineRequestMethod>(method: M, args: EngineArgs<M>): void {
    if (method === 'openFile') {
      const [source, settings] = args as EngineArgs<'openFile'>;
      this.replace([{ method, source, settings }]);
    } else if (method === 'openSession') {
      const [source, confine] = args as EngineArgs<'openSession'>;
      this.replace([{ method, source, confine }]);
    } else if (method === 'attachSessionInput' && this.loaded[0]?.method === 'openSession') {
      const [source] = args as EngineArgs<'attachSessionInput'>;
      this.loaded = [this.loaded[0], { method, source }];
      this.lastMetadata = null;
    } else if (method === 'openMetadata') {
      const [source, settings] = args as EngineArgs<'openMetadata'>;
      this.lastMetadata = { source, settings };
    }
  }

  private replace(loaded: Loaded[]): void {
    this.loaded = loaded;
    this.lastMetadata = null;
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

  private async reopen(request: WorkerRequest): Promise<void> {
    try {
      for (const step of this.loaded) {
        if (step.method === 'openFile') await request('openFile', [step.source, step.settings]);
        else if (step.method === 'openSession') await request('openSession', [step.source, step.confine]);
        else await request('attachSessionInput', [step.source]);
      }
      if (this.lastMetadata) {
        await request('openMetadata', [this.lastMetadata.source, this.lastMetadata.settings]);
      }
      this.settled({ outcome: 'reopened' });
    } catch (err) {
      // Do not retry forever (the file may be gone): forget it and say why the data is no longer loaded.
      this.loaded = [];
      this.lastMetadata = null;
      const reason = err instanceof Error ? err.message : String(err);
      this.settled({ outcome: 'failed', why: reason });
      throw new EngineError({
        kind: 'worker',
        message: `The engine worker was restarted but could not reopen the loaded data: ${reason}`,
      });
    } finally {
      this.needed = false;
    }
  }
}
