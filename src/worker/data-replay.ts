/**
 * What a fresh worker must reopen so the data the user loaded survives a crash: the last openFile and
 * openMetadata, replayed once (concurrent callers share the replay) before the next call.
 */
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

type Opened = { source: FileSource; settings?: ImportSettings };

export class DataReplay {
  /** The file the next worker reopens (null when none). */
  private lastOpen: Opened | null = null;
  private lastMetadata: Opened | null = null;
  /** True once a worker died with data loaded; the next worker gets the replay before any other call. */
  needed = false;
  private replaying: Promise<void> | null = null;

  /** The source the next worker will reopen, or null. */
  get reopens(): FileSource | null {
    return this.lastOpen?.source ?? null;
  }

  /** True while a replay is running. */
  get inProgress(): boolean {
    return this.replaying !== null;
  }

  /** After a crash: the next call replays when data was loaded. */
  noteCrash(): void {
    this.needed = this.lastOpen !== null;
  }

  /** Records what a successful call loaded (openFile replaces everything; openMetadata adds to it). */
  noteCall<M extends EngineRequestMethod>(method: M, args: EngineArgs<M>): void {
    if (method === 'openFile') {
      const [source, settings] = args as EngineArgs<'openFile'>;
      this.lastOpen = { source, settings };
      this.lastMetadata = null;
      this.needed = false;
    } else if (method === 'openMetadata') {
      const [source, settings] = args as EngineArgs<'openMetadata'>;
      this.lastMetadata = { source, settings };
    }
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
      if (this.lastOpen) await request('openFile', [this.lastOpen.source, this.lastOpen.settings]);
      if (this.lastMetadata) {
        await request('openMetadata', [this.lastMetadata.source, this.lastMetadata.settings]);
      }
    } catch (err) {
      // Do not retry forever (the file may be gone): forget it and say why the data is no longer loaded.
      this.lastOpen = null;
      this.lastMetadata = null;
      const reason = err instanceof Error ? err.message : String(err);
      throw new EngineError({
        kind: 'worker',
        message: `The engine worker was restarted but could not reopen the loaded data: ${reason}`,
      });
    } finally {
      this.needed = false;
    }
  }
}
