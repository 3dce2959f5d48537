/**
 * Builds the AppContext every screen gets (app-context.ts): the engine, the state, `busy` (a long call shown
 * as progress, its failure turned into a notice) and `columnValues` (cached per dataset until cleared; without
 * a reopened session's input, answered by the page: session-state.ts's detachedColumnValues).
 */
import type { ColumnValues, EngineApi } from '../../src/api/engine-api.js';
import type { AppContext } from '../app-context.js';
import type { Action, AppState } from '../state.js';
import type { ServerFiles } from '../transport/server-files.js';
import { columnCacheKey } from './app-model.js';
import { runBusy } from './screen-context.js';
import { detachedColumnValues } from '../session/session-state.js';

export function createAppContext(
  engine: EngineApi,
  server: ServerFiles | undefined,
  getState: () => AppState,
  dispatch: (action: Action) => void,
  confirm?: AppContext['confirm'],
): { ctx: AppContext; clearColumnCache(): void } {
  const columnCache = new Map<string, Promise<ColumnValues>>();
  const ctx: AppContext = {
    engine,
    ...(server ? { server } : {}),
    getState,
    dispatch,
    ...(confirm ? { confirm } : {}),
    busy: (task, failureTitle, call) => runBusy(dispatch, getState, task, failureTitle, call),
    columnValues(request) {
      const state = getState();
      // a reopened session without its input: the engine holds no data to read a column from
      if (state.inputMissing) {
        return Promise.resolve(state.result).then((result) => detachedColumnValues(result, request));
      }
      const key = columnCacheKey(getState().dataset?.datasetId, request);
      let cached = columnCache.get(key);
      if (!cached) {
        cached = engine.columnValues(request);
        columnCache.set(key, cached);
        cached.catch(() => columnCache.delete(key));
      }
      return cached;
    },
  };
  return { ctx, clearColumnCache: () => columnCache.clear() };
}
