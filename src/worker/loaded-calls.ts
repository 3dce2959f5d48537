/**
 * The calls that loaded the worker's data as a crash replay sends them again — openFile, openSession,
 * attachSessionInput, openMetadata, embedFile — each with the ids its first answer gave (`idsOf`), which the
 * fresh worker hands out again so the pages' ids still name the data (`RequestMessage.ids`).
 */
import { existsSync } from 'node:fs';
import type { SessionConfinement } from '../api/annotate.js';
import type {
  EngineArgs,
  EngineRequestMethod,
  EngineResult,
  FileSource,
  ImportSettings,
} from '../api/engine-api.js';
import type { ReusedIds } from '../api/messages.js';

/** Sends one request to the worker (handing out `ids` instead of new ones) and awaits its response. */
export type WorkerRequest = <M extends EngineRequestMethod>(
  method: M,
  args: EngineArgs<M>,
  ids?: ReusedIds,
) => Promise<EngineResult<M>>;

/** One call that loaded data, as it is sent again, with the ids its answer gave. */
export type Loaded = { ids: ReusedIds } & (
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

/** A file opened with its import settings (openMetadata's), with the ids its answer gave. */
export type Opened = { source: FileSource; settings?: ImportSettings; ids: ReusedIds };

/** The last projection the worker holds (embedFile), as it is sent again, with the id its answer gave. */
export type Projection = Opened & {
  metadata?: FileSource | null;
  /** Projected onto a session's map (which the replay brings back), not onto a run trained since. */
  onSessionMap: boolean;
  /** What the projected file's rows are called ('cells', 'rows': a CSV/TSV's rows may be samples). */
  many: string;
};

/**
 * Whether `tripletlens serve` has let go of a projection's upload: it keeps a projected file streamed to it, and
 * the metadata file joined to its cells, while the projection is live (upload-store.ts), and deletes them when
 * the page removes the projected cells. Such a projection is shown by no page, so a crash replay forgets it
 * without a word rather than fail to read it again.
 */
export function uploadReleased(source: FileSource, metadata: FileSource | null | undefined): boolean {
  return [source, metadata].some(
    (s) => s?.kind === 'uploaded' && !(typeof s.path === 'string' && existsSync(s.path)),
  );
}

/** The ids a loading call's answer handed out: a DatasetSummary's, or an OpenedSession's. */
export function idsOf(result: unknown): ReusedIds {
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
