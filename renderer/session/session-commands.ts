/**
 * Opening a `.tripletlens` session and re-attaching its input, shared by the label-edit panel (file inputs,
 * and under serve the server's folder) and the desktop File menu (a path from the native dialog). No DOM here (the node tests load it). The saved
 * view settings travel in the 'session-opened' action (the reducer puts them into `exploreView`).
 */
import type { EngineApi, FileSource } from '../../src/api/engine-api.js';
import type { Action, BusyTask } from '../state.js';
import { callStoppingRun, type StopAsker } from '../stop-consent.js';
import { inputShownName } from '../../src/api/output-stem.js';

export interface SessionContext extends StopAsker {
  engine: Pick<EngineApi, 'openSession' | 'attachSessionInput'>;
  dispatch(action: Action): void;
  busy<T>(task: BusyTask, failureTitle: string, call: () => Promise<T>): Promise<T | undefined>;
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
    // a run in progress (perhaps another tab's) is stopped only once the user said yes
    () =>
      callStoppingRun(ctx, 'Stop training and open', (stopsRun) =>
        ctx.engine.openSession(source, undefined, stopsRun),
      ),
  );
  if (!opened) return false;
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

/**
 * Re-attaches the input by its path — under serve's --root (`path` relative to it, as the server's file
 * browser gives it), or in the desktop app as its native dialog gives it: a file, or a 10x folder, which cannot
 * be uploaded; the notices name it as the File line does (a Cell Ranger folder from its sample's folder down).
 */
export function attachServerPath(ctx: SessionContext, path: string): Promise<boolean> {
  return attachInputFrom(ctx, { kind: 'path', path }, inputShownName(path));
}
