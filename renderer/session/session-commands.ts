/**
 * Opening a `.tripletlens` session and re-attaching its input, shared by the label-edit panel (file inputs)
 * and the desktop File menu (a path from the native dialog). No DOM here (the node tests load it): the saved
 * view settings are parked by run id for the Explore side to put back once the map is drawn
 * (`takeSessionView`).
 */
import type { EngineApi, FileSource } from '../../src/api/engine-api.js';
import type { Action, BusyTask } from '../state.js';

export interface SessionContext {
  engine: Pick<EngineApi, 'openSession' | 'attachSessionInput'>;
  dispatch(action: Action): void;
  busy<T>(task: BusyTask, failureTitle: string, call: () => Promise<T>): Promise<T | undefined>;
}

/** View settings of opened sessions, by the run id the engine gave the reopened map. */
const pendingViews = new Map<string, unknown>();

/** The view settings saved with the session whose map is run `runId` (once; undefined when none). */
export function takeSessionView(runId: string): unknown {
  const view = pendingViews.get(runId);
  pendingViews.delete(runId);
  return view;
}

/** Opens a session file; failures become a notice. Resolves true when the session was opened. */
export async function openSessionFrom(
  ctx: SessionContext,
  source: FileSource,
  name: string,
): Promise<boolean> {
  const opened = await ctx.busy(
    { kind: 'import', message: `Opening the session ${name}…`, fraction: null, cancellable: false },
    `Could not open the session ${name}`,
    () => ctx.engine.openSession(source),
  );
  if (!opened) return false;
  pendingViews.clear();
  if (opened.view !== null && opened.view !== undefined) pendingViews.set(opened.result.runId, opened.view);
  ctx.dispatch({ type: 'session-opened', session: opened });
  return true;
}

/** Opens the reopened session's input again (it changed or went missing); failures become a notice. */
export async function attachInputFrom(
  ctx: SessionContext,
  source: FileSource,
  name: string,
): Promise<boolean> {
  const opened = await ctx.busy(
    { kind: 'import', message: `Reading ${name}…`, fraction: null, cancellable: true },
    `Could not attach ${name}`,
    () => ctx.engine.attachSessionInput(source),
  );
  if (!opened) return false;
  ctx.dispatch({ type: 'session-opened', session: opened, reattached: true });
  return true;
}
