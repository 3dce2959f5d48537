/** Steps of the page's reducer, for the tests that play actions and engine events onto a state. */
import type { EngineEvent } from '../../src/api/engine-api.js';
import { reduce, type Action, type AppState } from '../../renderer/state.js';

/** The state after `actions`, reduced in order from `state`. */
export const run = (state: AppState, ...actions: Action[]): AppState => actions.reduce(reduce, state);

/** The action of an engine event reaching the page. */
export const event = (e: EngineEvent): Action => ({ type: 'engine', event: e });
