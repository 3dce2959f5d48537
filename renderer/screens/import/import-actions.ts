/**
 * What the Import screen asks of the engine: open a file (remembering it so "Re-open with these settings"
 * can retry one that failed), join a metadata file (not while a reopened session lacks its input: the page
 * says to open it again, session-state.ts's metadataJoinRefusal), and fetch a label column's class counts once (the rule
 * is import-model.ts's labelSummaryToFetch). Results and failures go to the app state.
 */
import type { FileSource, ImportSettings } from '../../../src/api/engine-api.js';
import type { AppContext } from '../../app-context.js';
import type { AppState } from '../../state.js';
import type { Uploader } from '../uploader.js';
import { metadataJoinRefusal } from '../../session/session-state.js';
import { labelSummaryToFetch, sourceName, type LabelFetchTracker } from './import-model.js';
import { callStoppingRun } from '../../stop-consent.js';

export interface ImportActions {
  /** Opens `source` with `settings` (default: detect everything). */
  open(source: FileSource, settings?: ImportSettings): Promise<void>;
  /** Uploads (under serve) or reads a picked file, then opens it with `settings` (default: detect everything). */
  openPicked(file: File, settings?: ImportSettings): Promise<void>;
  /** The source last tried, or null. */
  lastSource(): FileSource | null;
  /** Joins `file` to the open data, sending `settings` with it (default: {}, see EngineApi.openMetadata). */
  joinMetadata(file: File, settings?: ImportSettings): Promise<void>;
  /** Asks for the chosen column's class counts when they are missing (once per dataset and column). */
  fetchLabelSummary(state: AppState, previous: AppState): void;
}

/** `onAttempt` runs before each open (the settings form enables Re-open). */
export function createImportActions(
  ctx: AppContext,
  uploader: Uploader,
  onAttempt: () => void,
): ImportActions {
  let last: FileSource | null = null;
  let labelFetch: LabelFetchTracker = { pending: null, failed: null };
  // the user kept the run going: serve kept the refused file's upload for the call again, not made
  const discardUpload = (source: FileSource): void => {
    if (source.kind === 'uploaded') void ctx.server?.discard(source.uploadId).catch(() => undefined);
  };

  const open = async (source: FileSource, settings: ImportSettings = {}): Promise<void> => {
    const name = sourceName(source);
    // remembered before the attempt so that "Re-open with these settings" can retry a file that failed
    last = source;
    onAttempt();
    const summary = await ctx.busy(
      { kind: 'import', message: `Reading ${name}…`, fraction: null, cancellable: true },
      `Could not open ${name}`,
      // a run in progress (perhaps another tab's) is stopped only once the user said yes
      () =>
        callStoppingRun(
          ctx,
          'Stop training and open',
          (stopsRun) => ctx.engine.openFile(source, settings, stopsRun),
          () => discardUpload(source),
        ),
    );
    if (summary) ctx.dispatch({ type: 'dataset-opened', summary });
  };

  return {
    open,
    async openPicked(file, settings = {}) {
      const source = await uploader.source(file, `Could not open ${file.name}`);
      if (source) await open(source, settings);
    },
    lastSource: () => last,
    async joinMetadata(file, settings = {}) {
      // a reopened session without its input: the engine holds no cells to join the file to
      const refusal = metadataJoinRefusal(ctx.getState(), file.name);
      if (refusal) return ctx.dispatch(refusal);
      const source = await uploader.source(file, `Could not join ${file.name}`);
      if (!source) return;
      const joined = await ctx.busy(
        { kind: 'metadata', message: `Joining ${file.name}…`, fraction: null, cancellable: true },
        `Could not join ${file.name}`,
        () =>
          callStoppingRun(
            ctx,
            'Stop training and join',
            (stopsRun) => ctx.engine.openMetadata(source, settings, stopsRun),
            () => discardUpload(source),
          ),
      );
      if (joined) ctx.dispatch({ type: 'metadata-joined', summary: joined });
    },
    fetchLabelSummary(state, previous) {
      const next = labelSummaryToFetch(state, previous, labelFetch);
      labelFetch = next.tracker;
      if (!next.fetch) return;
      const { key, column } = next.fetch;
      void ctx.engine.labelSummary(column).then(
        (s) => {
          if (labelFetch.pending === key) labelFetch = { ...labelFetch, pending: null };
          ctx.dispatch({ type: 'label-summary', summary: s });
        },
        (err: unknown) => {
          labelFetch = { pending: labelFetch.pending === key ? null : labelFetch.pending, failed: key };
          ctx.dispatch({ type: 'failed', title: `Could not count classes of ${column}`, error: err });
        },
      );
    },
  };
}
