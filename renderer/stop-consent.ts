/**
 * A page's call that replaces the engine's data (Open, a metadata join, Open session) while a run is in
 * progress: the engine refuses it ('busy', naming the run — perhaps another tab's, as pages of one serve share
 * the engine), the page asks its user in the engine's sentence ("Training on pbmc.h5ad is running (epoch 12
 * of 30). Opening X stops it.") and, on yes, calls again naming the run (EngineApi's `stopsRun`). No DOM
 * here: the dialog comes in as `confirm` (confirm-dialog.ts), so the rule is unit-tested.
 */
import { isEngineError } from '../src/api/errors.js';
import type { Action } from './state.js';

/** What a confirm asks: a heading, the sentence, and the two buttons' words. */
export interface ConfirmQuestion {
  title: string;
  message: string;
  /** The button that goes ahead ("Stop training and open"). */
  confirm: string;
  /** The button that leaves things as they are ("Keep training"). */
  cancel: string;
}

/** What asking needs: the page's confirm (absent: the refusal stays a refusal) and its dispatch. */
export interface StopAsker {
  /** The page's confirm dialog. Default: none — a refused call fails as refused. */
  confirm?(question: ConfirmQuestion): Promise<boolean>;
  dispatch(action: Action): void;
}

/** The run id of a refusal to stop a run in progress, or null for any other failure. */
function refusedRun(err: unknown): string | null {
  if (!isEngineError(err) || err.kind !== 'busy') return null;
  const runId = (err as { runId?: unknown }).runId;
  return typeof runId === 'string' ? runId : null;
}

/**
 * `call` without consent; refused because a run is in progress, the user is asked (`go`: the confirm button's
 * words, "Stop training and open") and, on yes, `call` again naming that run. Resolves undefined when the user
 * keeps the run going, after `declined` (default: nothing; the Import screen lets go of the file's upload,
 * which serve keeps for the call again).
 */
export async function callStoppingRun<T>(
  asker: StopAsker,
  go: string,
  call: (stopsRun: string | null) => Promise<T>,
  declined: () => void = () => undefined,
): Promise<T | undefined> {
  try {
    return await call(null);
  } catch (err) {
    const runId = refusedRun(err);
    if (runId === null || !asker.confirm) throw err;
    const message = (err as { message: string }).message;
    const yes = await asker.confirm({
      title: 'Stop the training run?',
      message,
      confirm: go,
      cancel: 'Keep training',
    });
    if (!yes) {
      declined();
      return undefined;
    }
    // this page stopped it: its run-failed is this page's doing, not another window's (state.ts)
    asker.dispatch({ type: 'stop-agreed', runId });
    return call(runId);
  }
}
