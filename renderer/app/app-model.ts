/**
 * The page frame's rules, pure (no DOM) so they are unit-tested: the screens in tab order with their tab
 * titles, which tab an arrow key moves to, the key under which a column's values are cached, and what a
 * reloaded page takes over from an engine that still holds data or a run.
 */
import type { ColumnRequest, EngineEvent, EngineState, RunStoppedBy } from '../../src/api/engine-api.js';
import type { OpenedSession } from '../../src/api/annotate.js';
import { isTraining, reduce, type Action, type AppState, type ScreenName } from '../state.js';
import { preprocessFormValues } from '../settings-text.js';
import { fractionalEpoch } from '../loss-plot-model.js';
import { followsOpenedElsewhere, ownOpenLost, reattachesShown } from './opened-elsewhere.js';

/** The screens in tab order. */
export const SCREEN_ORDER: readonly ScreenName[] = ['import', 'train', 'explore', 'export'];

export const SCREEN_TITLES: Readonly<Record<ScreenName, string>> = {
  import: '1 Import',
  train: '2 Train',
  explore: '3 Explore',
  export: '4 Export',
};

/** The tab ArrowLeft / ArrowRight moves to from `current` (wrapping round), or null for any other key. */
export function tabAfterKey(current: ScreenName, key: string): ScreenName | null {
  const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
  if (!step) return null;
  const n = SCREEN_ORDER.length;
  return SCREEN_ORDER[(SCREEN_ORDER.indexOf(current) + step + n) % n];
}

/** The cache key of a column's values: per dataset, kind and name (a gene and a column may share a name). */
export function columnCacheKey(datasetId: string | undefined, request: ColumnRequest): string {
  // a coded reply (the live map's labels) is not the text reply Explore colours by
  const coded = request.kind === 'metadata' && request.coded === true ? '\u0000coded' : '';
  return `${datasetId}\u0000${request.kind}\u0000${request.kind === 'gene' ? request.gene : request.column}${coded}`;
}

/**
 * What a page that (re)loads takes over from the engine — its data, its last finished run, the run in
 * progress — as the actions to dispatch, in order; each only when the page does not show one already (each
 * condition is read after the actions before it, as dispatching them one by one would).
 */
export function adoptEngineState(held: EngineState, state: AppState): Action[] {
  const actions: Action[] = [];
  let s = state;
  const add = (action: Action): void => {
    actions.push(action);
    s = reduce(s, action);
  };
  if (held.dataset && !s.dataset) add({ type: 'dataset-opened', summary: held.dataset });
  // a session reopened without its input: shown as the page that opened it shows it, not as a bare map
  const session = sessionHeld(held);
  if (session && !s.dataset && !s.result) add({ type: 'session-opened', session });
  if (held.lastRun && !s.result)
    add({ type: 'engine', event: { type: 'run-finished', result: held.lastRun } });
  // a run in progress beside a finished one (the user trained again, then reloaded): follow the new run, or
  // the page offers Start (refused: a run is in progress) and no Stop until it ends; an id equal to the
  // finished run's is a stale copy (a short run's events can overtake its start reply)
  const following = s.training !== null && (s.training.runId === held.activeRunId || isTraining(s));
  if (held.activeRunId && held.activeRunId !== held.lastRun?.runId && !following) {
    add({ type: 'training-started', runId: held.activeRunId });
    // the stage it is in, and its step ("PCA, pass 3 of 9"): preprocessing 300 000 cells sends no event for
    // minutes, and a step of it none for many seconds
    if (held.activeStage) {
      const step = held.activeStep ? { step: held.activeStep } : {};
      add({
        type: 'engine',
        event: { type: 'train-stage', runId: held.activeRunId, stage: held.activeStage, ...step },
      });
    }
    joinRun(held, held.activeRunId, s, add);
  }
  return actions;
}

/**
 * The events that came while the page asked the engine's state (`held`, in their order) that it is to apply
 * once it took that state over (`state`): before, a run's events had no run on the page to go to and were
 * dropped, and an epoch that ended meanwhile had no point on a joined page's loss chart. A step of the joined
 * run the state already holds (its reply came after the event) is left out: drawn twice, the chart went back.
 */
export function eventsAfterJoin(held: readonly EngineEvent[], state: AppState): EngineEvent[] {
  const t = state.training;
  const last = t?.lossPoints[t.lossPoints.length - 1];
  if (!t || !last) return [...held];
  return held.filter(
    (e) =>
      e.type !== 'train-progress' ||
      e.runId !== t.runId ||
      fractionalEpoch(e.epoch, e.step, e.steps) > last.x,
  );
}

/**
 * True for a run-failed event of a run another window's Open stopped ('stoppedBy', a run this page did not
 * agree to stop): the engine now holds that window's data, which this page then takes over (adoptReplacedData).
 */
export function stoppedByOtherWindow(event: EngineEvent, state: AppState): boolean {
  return event.type === 'run-failed' && event.stoppedBy !== undefined && state.stopAgreed !== event.runId;
}

/** The session reopened without its input that the engine holds (`reopenedSession` with its run), or null. */
function sessionHeld(held: EngineState): OpenedSession | null {
  if (held.dataset || !held.reopenedSession || !held.lastRun) return null;
  return { ...held.reopenedSession, result: held.lastRun };
}

/**
 * What another window did that this page moves to the engine's data for (adoptReplacedData): an Open that
 * stopped its run (the run-failed's `stoppedBy`), or one while it only viewed its data (the data-opened's `by`).
 */
export function otherWindowFollowed(event: EngineEvent, state: AppState): RunStoppedBy | undefined {
  if (event.type === 'run-failed' && stoppedByOtherWindow(event, state)) return event.stoppedBy;
  // this page's own open whose reply was lost is followed alike (it shows what the engine holds)
  if (event.type === 'data-opened' && ownOpenLost(event, state)) return event.by;
  return followsOpenedElsewhere(event, state) ? event.by : undefined;
}

/**
 * What a page takes over when another window's Open stopped its run, or opened other data while it only
 * viewed its own: the data the engine now holds, and the map it holds with it (a session opened there) — so
 * its screens offer what works, not the old file's Start. `by`: what that window did (a metadata file joined
 * to the data shown keeps the page's choices on it). Default: not known.
 */
export function adoptReplacedData(held: EngineState, state: AppState, by?: RunStoppedBy): Action[] {
  // a session reopened there without its input: its map and what became of the input, as that window shows it
  const session = sessionHeld(held);
  if (session && session.result.runId !== state.result?.runId)
    return [{ type: 'session-opened', session, followed: true }];
  if (!held.dataset || held.dataset.datasetId === state.dataset?.datasetId) return [];
  // the input of the session shown re-attached there: the same map, now with its data
  if (reattachesShown(by, state) && held.lastRun)
    return [
      {
        type: 'input-reattached-elsewhere',
        summary: held.dataset,
        result: held.lastRun,
        // the engine's note that window got, in its words (getState does not carry it)
        ...(by?.note ? { note: by.note } : {}),
      },
    ];
  const actions: Action[] = [{ type: 'data-replaced', summary: held.dataset, ...(by ? { by } : {}) }];
  if (held.lastRun && held.lastRun.runId !== state.result?.runId)
    actions.push({ type: 'engine', event: { type: 'run-finished', result: held.lastRun } });
  return actions;
}

/**
 * The actions that show the run in progress `runId` as the page that started it does: its label column
 * chosen (Import's picker, the Train screen's line, the map so far's colours — a retrain's edited labels), its
 * preprocessing on the Import screen, its epochs so far in the loss chart, its settings in the Train form, its
 * elapsed time, time left and progress bar (its last progress), and its map so far.
 */
function joinRun(held: EngineState, runId: string, state: AppState, add: (action: Action) => void): void {
  const request = held.activeRequest;
  const edited = held.activeEditedLabels;
  if (request) {
    // a retrain's column is its edited labels, no column of the data: the one its edits started from is
    add({ type: 'label-chosen', column: edited ? edited.source : request.labelColumn });
    const recommended = state.dataset?.recommendedPreprocess;
    if (request.preprocess && recommended)
      add({ type: 'preprocess-edited', values: preprocessFormValues(request.preprocess, recommended) });
  }
  if (request || held.activeHistory) {
    const history = held.activeHistory ?? [];
    add({
      type: 'training-joined',
      runId,
      history,
      ...(held.activeSteps ? { steps: held.activeSteps } : {}),
      ...(request ? { request } : {}),
      ...(edited ? { editedLabels: edited } : {}),
      ...(held.activeProgress ? { progress: held.activeProgress } : {}),
    });
  }
  // the map so far: the next snapshot may be epochs away, and none comes after the epochs
  if (held.activeSnapshot)
    add({ type: 'engine', event: { type: 'embedding-snapshot', runId, ...held.activeSnapshot } });
}
