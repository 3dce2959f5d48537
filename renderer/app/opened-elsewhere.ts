/**
 * Another window sharing the engine (two tabs of one `tripletlens serve`) opened other data: which
 * 'data-opened' events are another window's, what this page says about them, and whether it follows them. Pure
 * (no DOM), so the rules are unit-tested. The engine holds one dataset: a page that kept showing the old file
 * offered a Start the engine refused ("The engine now holds half.csv…"), and said nothing until then.
 */
import type { DatasetSummary, EngineEvent, RunStoppedBy } from '../../src/api/engine-api.js';
import type { Action, AppState } from '../state.js';

type DataOpened = Extract<EngineEvent, { type: 'data-opened' }>;

/** A 'data-opened' event as the page keeps it while its own open is in flight (AppState.ownOpen). */
export interface OpenedNote {
  datasetId: string;
  by: RunStoppedBy;
}

/** The title of the notice a page gets when another window opened other data. */
export const OPENED_ELSEWHERE_TITLE = 'Other data opened';

/** What another window did to the engine's data, in the page's words: "opened iris.csv", "joined the metadata file meta.csv"… */
export function otherWindowDid(by: RunStoppedBy): string {
  if (by.action === 'join') return `joined the metadata file ${by.name}`;
  if (by.action === 'session') return `opened the session ${by.name}`;
  if (by.action === 'attach') return `re-attached ${by.name}`;
  return `opened ${by.name}`;
}

/** The notice's sentence: "Another window opened iris.csv." */
export function openedElsewhereWords(by: RunStoppedBy): string {
  return `Another window ${otherWindowDid(by)}.`;
}

/**
 * Whether `event` says another window opened other data, as this page (`state`) sees it: not the data it
 * shows (its own open's event, coming after the reply, carries the id the reply gave), not while its own
 * open or join is in flight (the event can overtake the reply; the desktop app's one window only ever sees
 * those), and not while its run is in progress — that window stopped it, and the run's 'run-failed'
 * (`stoppedBy`) says so and takes the data over (stoppedByOtherWindow).
 */
export function openedElsewhere(event: EngineEvent, state: AppState): event is DataOpened {
  if (event.type !== 'data-opened' || event.datasetId === state.dataset?.datasetId) return false;
  if (isOwnOpen(event.by, state)) return false;
  if (ownOpenInFlight(state) || state.awaitedOpened !== null) return false;
  const running = state.training?.status === 'running' || state.training?.status === 'stopping';
  return !running;
}

/**
 * Whether the page moves to the data the engine now holds (adoptReplacedData) after another window opened it:
 * yes, unless it shows a map — that stays on screen for its images and edits, said replaced by the run's
 * 'run-discarded' (a reopened session's map without its input alike), as the user may still want them.
 */
export function followsOpenedElsewhere(event: EngineEvent, state: AppState): event is DataOpened {
  return openedElsewhere(event, state) && (state.result === null || reattachesShown(event.by, state));
}

/**
 * Whether another window's `by` re-attached the input of the session this page shows without it: the engine
 * let go of no other map meanwhile (AppState.mapReplaced, said by its 'run-discarded'), so the map it now holds
 * with the data is the one shown, which the page then shows with its data as that window does — it kept saying
 * the input was missing and offered a Re-attach the engine refused.
 */
export function reattachesShown(by: RunStoppedBy | undefined, state: AppState): boolean {
  return by?.action === 'attach' && state.result !== null && state.inputMissing && !state.mapReplaced;
}

/**
 * Whether `next`, which another window's `by` made the engine hold, is the data `shown` with a metadata file
 * joined (the same file and cells, more columns): the page then keeps what it chose on it — its label column,
 * preprocessing, selection and view — as its own join does, instead of starting over as for another file.
 */
export function joinedOnto(
  shown: DatasetSummary | null,
  next: DatasetSummary,
  by: RunStoppedBy | undefined,
): boolean {
  return by?.action === 'join' && shown !== null && shown.source === next.source && shown.rows === next.rows;
}

/**
 * What the page says when another window joined a metadata file to the data it shows: only what changed,
 * the columns it can now choose (“donor” and “age”).
 */
export function joinedElsewhereWords(by: RunStoppedBy, shown: DatasetSummary, next: DatasetSummary): string {
  const had = new Set(shown.metadata.map((m) => m.name));
  const added = next.metadata.map((m) => m.name).filter((name) => !had.has(name));
  if (added.length === 0) return `Another window ${otherWindowDid(by)}: it added no column.`;
  const quoted = added.map((name) => `“${name}”`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
  const columns = added.length === 1 ? `its column ${list} is` : `its columns ${list} are`;
  return `Another window ${otherWindowDid(by)}: ${columns} now available.`;
}

/** Whether this page's own open, join or session open (or a session's input attached) is in flight. */
export function ownOpenInFlight(state: AppState): boolean {
  return state.busy?.kind === 'import' || state.busy?.kind === 'metadata';
}

/**
 * The data id this page's own open gave, when `action` ends it: its reply's (an open, a join, a session), or
 * null when it failed (the engine opened nothing for it); undefined when `action` ends no open of this page's.
 */
function ownOpenedId(state: AppState, action: Action): string | null | undefined {
  if (state.ownOpen === null) return undefined;
  if (action.type === 'dataset-opened' || action.type === 'metadata-joined') return action.summary.datasetId;
  if (action.type === 'session-opened') return action.session.summary.datasetId;
  if (action.type === 'failed' && ownOpenInFlight(state)) return null;
  return undefined;
}

/** Whether `action` ends this page's own open (its reply or its failure). */
export function endsOwnOpen(state: AppState, action: Action): boolean {
  return ownOpenedId(state, action) !== undefined;
}

/**
 * Another window's open that finished after this page's own, when `action` ends that (its reply, or its
 * failure): the engine holds that window's data, not the reply's. Decided by the engine's order of its
 * 'data-opened' events, which one stream brings in order (a reply comes another way, before or after them):
 * the last one seen wins if this page's own was seen before it; if its own was not seen yet, it comes later
 * and is the last. Null when this page's open holds.
 */
export function ownOpenOutrun(state: AppState, action: Action): OpenedNote | null {
  const own = ownOpenedId(state, action);
  const seen = state.ownOpen?.seen ?? [];
  if (own === undefined || seen.length === 0) return null;
  const at = own === null ? -1 : seen.findIndex((e) => e.datasetId === own);
  // its own event is still to come: the engine finished this page's open last
  if (own !== null && at === -1) return null;
  return at === seen.length - 1 ? null : (seen.at(-1) ?? null);
}

/**
 * The data id whose 'data-opened' the page still awaits once `action` ended its own open (AppState.awaitedOpened):
 * its reply's when its event has not come yet, else null.
 */
export function ownOpenedAwaited(state: AppState, action: Action): string | null {
  const own = ownOpenedId(state, action);
  if (own === undefined || own === null) return null;
  return state.ownOpen?.seen.some((e) => e.datasetId === own) ? null : own;
}

/** Whether `by` is this page's own call: the engine gave back the id its opens pass (AppState.pageId). */
export function isOwnOpen(by: RunStoppedBy | undefined, state: Pick<AppState, 'pageId'>): boolean {
  return state.pageId !== '' && by?.opener === state.pageId;
}

/**
 * Whether `event` is this page's own open whose reply never came (the connection dropped: the call failed,
 * but the engine opened it): not the data shown, no open of its own in flight nor awaited. The page then shows
 * what the engine holds — it used to call its own file another window's.
 */
export function ownOpenLost(event: EngineEvent, state: AppState): boolean {
  if (event.type !== 'data-opened' || event.datasetId === state.dataset?.datasetId) return false;
  if (ownOpenInFlight(state) || state.awaitedOpened !== null) return false;
  return isOwnOpen(event.by, state);
}

/** The title of the notice a page gets when its own open's reply was lost but the engine opened it. */
export const OWN_OPEN_LOST_TITLE = 'Opened after all';

/** That notice's sentence: "iris.csv was opened after all: …". */
export function ownOpenLostWords(by: RunStoppedBy): string {
  const what =
    by.action === 'join'
      ? `The metadata file ${by.name} was joined`
      : by.action === 'session'
        ? `The session ${by.name} was opened`
        : by.action === 'attach'
          ? `${by.name} was re-attached`
          : `${by.name} was opened`;
  return `${what} after all: the engine's reply did not reach this page, which now shows what the engine holds.`;
}
