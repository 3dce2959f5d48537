/**
 * The host's record of what the worker holds, for a crash replay to load again: the calls that loaded the
 * current data (the last openFile, or the last openSession and the attachSessionInput that re-attached its
 * input), the openMetadata joined to it, the last projection while the worker holds it, and whether the
 * worker's map is the reopened session's — which the replay brings back — rather than a run trained since.
 */
import type { EngineArgs, EngineRequestMethod, EngineResult, FileSource } from '../api/engine-api.js';
import { rowWords } from '../api/file-format.js';
import { idsOf, uploadReleased, type Loaded, type Opened, type Projection } from './loaded-calls.js';
import { sourceLabel } from './worker-exit-facts.js';

export class LoadedRecord {
  /** The calls that loaded the current data, in order: openFile, or openSession then attachSessionInput. */
  private loaded: Loaded[] = [];
  private lastMetadata: Opened | null = null;
  /** The last projection, while the worker holds it (a run finished since, other data opened: it is gone). */
  private projection: Projection | null = null;
  /** Whether the worker's map is the reopened session's (openSession, attachSessionInput), not a run since. */
  private sessionMap = false;

  /** The loading calls, in the order they are sent again. */
  get calls(): readonly Loaded[] {
    return this.loaded;
  }

  /** The metadata file joined to the data, or null. */
  get metadata(): Opened | null {
    return this.lastMetadata;
  }

  /** The last projection the worker holds, or null. */
  get lastProjection(): Projection | null {
    return this.projection;
  }

  /** The source the next worker will reopen (the data file, or the session file), or null. */
  get reopens(): FileSource | null {
    return this.loaded[0]?.source ?? null;
  }

  /** True when what the next worker reopens is a session (whose saved run it holds again). */
  get reopensSession(): boolean {
    return this.loaded[0]?.method === 'openSession';
  }

  /** Nothing is loaded any more (the worker died while the data was loaded into it). */
  forget(): void {
    this.loaded = [];
    this.lastMetadata = null;
    this.projection = null;
    this.sessionMap = false;
  }

  /** Only `held` is loaded again (what a replay brought back), without the metadata joined before. */
  keepOnly(held: Loaded[]): void {
    this.loaded = held;
    this.lastMetadata = null;
  }

  /** The projection is no longer held (it could not be projected again, or the replay failed). */
  forgetProjection(): void {
    this.projection = null;
  }

  /**
   * At a crash (`reopensSession`: the session, and its map, is what the next worker reopens): the projection
   * the fresh worker will not hold again — projected onto a map the replay does not bring back —, forgotten:
   * its id and the crash notice's words for it (`The projected cells (query.csv)`); null when none is lost. One
   * whose upload serve let go (the page removed the cells) is forgotten too, unsaid: no page shows it.
   */
  dropProjection(reopensSession: boolean): { projectionId: string; words: string } | null {
    const projection = this.projection;
    if (projection === null) return null;
    const { source, metadata, onSessionMap } = projection;
    if (uploadReleased(source, metadata)) {
      this.projection = null;
      return null;
    }
    if (onSessionMap && reopensSession) return null;
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
   * everything (then it returns true), attachSessionInput re-imports the session's input (a metadata file joined
   * before is gone with the old import; the projection stays, as the engine keeps it), openMetadata adds to it
   * (and the engine drops its map, with the projection), embedFile replaces the projection.
   */
  noteCall<M extends EngineRequestMethod>(method: M, args: EngineArgs<M>, result: EngineResult<M>): boolean {
    const ids = idsOf(result);
    if (method === 'openFile') {
      const [source, settings] = args as EngineArgs<'openFile'>;
      this.replace([{ method, source, settings, ids }]);
      this.sessionMap = false;
      return true;
    }
    if (method === 'openSession') {
      const [source, confine] = args as EngineArgs<'openSession'>;
      const attached = (result as EngineResult<'openSession'>).inputStatus === 'attached';
      this.replace([{ method, source, confine, ids, attached }]);
      this.sessionMap = true;
      return true;
    }
    if (method === 'embedFile') {
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
    return false;
  }

  private replace(loaded: Loaded[]): void {
    this.loaded = loaded;
    this.lastMetadata = null;
    this.projection = null;
  }
}
