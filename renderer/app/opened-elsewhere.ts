/**
 * Another window sharing the engine (two tabs of one `tripletlens serve`) opened other data: which
 * 'data-opened' events are another window's, what this page says about them, and whether it follows them. Pure
 * (no DOM), so the rules are unit-tested. The engine holds one dataset: a page that kept showing the old file
 * offered a Start the engine refused ("The engine now holds half.csv…"), and said nothing until then.
 */
import type { EngineEvent, RunStoppedBy } from '../../src/api/engine-api.js';
import type { AppState } from '../state.js';

type DataOpened = Extract<EngineEvent, { type: 'data-opened' }>;

/** The title of the notice a page gets when another window opened other data. */
export const OPENED_ELSEWHERE_TITLE = 'Other data opened';

/** What another window did to the engine's data, in the page's words: "opened iris.csv", "joined the metadata file meta.csv"… */
export function otherWindowDid(by: RunStoppedBy): string {
  if (by.action === 'join') return `joined the metadata file ${by.name}`;
  if (by.action === 'session') return `opened the session ${by.name}`;
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
  if (state.busy?.kind === 'import' || state.busy?.kind === 'metadata') return false;
  const running = state.training?.status === 'running' || state.training?.status === 'stopping';
  return !running;
}

/**
 * Whether the page moves to the data the engine now holds (adoptReplacedData) after another window opened it:
 * yes, unless it shows a map — that stays on screen for its images and edits, said replaced by the run's
 * 'run-discarded' (a reopened session's map without its input alike), as the user may still want them.
 */
export function followsOpenedElsewhere(event: EngineEvent, state: AppState): boolean {
  return openedElsewhere(event, state) && state.result === null;
}
