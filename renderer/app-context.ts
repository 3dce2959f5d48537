/**
 * What every screen gets: the engine, the state, and helpers that make a long engine call show progress and
 * turn its failure into a readable notice instead of an uncaught rejection.
 */
import type { ColumnRequest, ColumnValues, EngineApi } from '../src/api/engine-api.js';
import type { Action, AppState, BusyTask } from './state.js';
import type { ConfirmQuestion } from './stop-consent.js';
import type { ServerFiles } from './transport/server-files.js';

export interface AppContext {
  engine: EngineApi;
  /** Under `tripletlens serve`: streamed uploads and the folder browser. Absent in the desktop app. */
  server?: ServerFiles;
  getState(): AppState;
  dispatch(action: Action): void;
  /**
   * Runs `call` with `task` shown as busy; on failure shows a notice titled `failureTitle` and resolves to
   * undefined (the loaded data and the rest of the page are untouched).
   */
  busy<T>(task: BusyTask, failureTitle: string, call: () => Promise<T>): Promise<T | undefined>;
  /**
   * The page's confirm dialog (confirm-dialog.ts): asks before an Open stops a run in progress
   * (stop-consent.ts). Default: none — such an Open fails as the engine refused it.
   */
  confirm?(question: ConfirmQuestion): Promise<boolean>;
  /** A column's values for the current dataset, cached per dataset. */
  columnValues(request: ColumnRequest): Promise<ColumnValues>;
}

/** One screen: its root element and a function that brings it up to date with the state. */
export interface Screen {
  element: HTMLElement;
  update(state: AppState, previous: AppState): void;
  /** Called when the screen becomes visible (plots need a resize then). */
  shown?(): void;
}
