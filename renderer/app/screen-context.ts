/**
 * The busy call every screen's context makes (AppContext.busy) and a context whose notices belong to one
 * screen (Notice.screen). Pure of the DOM, so the rule is unit-tested on the real reducer.
 */
import type { Action, AppState, BusyTask, Notice, ScreenName } from '../state.js';

/** The part of AppContext (app-context.ts) that raises notices. */
export interface NoticeContext {
  getState(): AppState;
  dispatch(action: Action): void;
  busy<T>(task: BusyTask, failureTitle: string, call: () => Promise<T>): Promise<T | undefined>;
}

/** AppContext.busy on `dispatch`: `task` shown as busy while `call` runs, its failure a notice. */
export async function runBusy<T>(
  dispatch: (action: Action) => void,
  getState: () => AppState,
  task: BusyTask,
  failureTitle: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  dispatch({ type: 'busy', task });
  try {
    const result = await call();
    // progress events replace the task object, so compare kinds, not identity
    if (getState().busy?.kind === task.kind) dispatch({ type: 'idle' });
    return result;
  } catch (err) {
    dispatch({ type: 'failed', title: failureTitle, error: err });
    return undefined;
  }
}

/**
 * `ctx` for the controls of one screen's action (Explore's Project another file): the failures and notices
 * raised through it — its `busy` calls', its uploads' and dialogs' — belong to `screen` (Notice.screen), so
 * they are not left over another screen the user moves to; its failures are about `about` (Notice.about:
 * 'project' — the next projection clears them). Default `about`: none.
 */
export function screenContext<C extends NoticeContext>(
  ctx: C,
  screen: ScreenName,
  about?: Notice['about'],
): C {
  const dispatch = (action: Action): void =>
    ctx.dispatch(
      action.type === 'failed'
        ? { ...action, screen, ...(about && !action.about ? { about } : {}) }
        : action.type === 'notice'
          ? { ...action, screen }
          : action,
    );
  return {
    ...ctx,
    dispatch,
    busy: <T>(task: BusyTask, failureTitle: string, call: () => Promise<T>) =>
      runBusy(dispatch, () => ctx.getState(), task, failureTitle, call),
  };
}
