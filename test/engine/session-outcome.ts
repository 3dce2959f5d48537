/** The end of a run in an `EngineSession`, for the session tests. */
import type { EngineEvent, RunResult } from '../../src/api/engine-api.js';
import type { EngineSession } from '../../src/engine/session.js';

/** The session's next 'run-finished' or 'run-failed' event (listen before starting the run). */
export function nextOutcome(session: EngineSession): Promise<EngineEvent> {
  return new Promise((resolve) => {
    const off = session.onEvent((event) => {
      if (event.type === 'run-finished' || event.type === 'run-failed') {
        off();
        resolve(event);
      }
    });
  });
}

/** The next run's result; rejects with its error message when it fails (listen before starting the run). */
export async function outcome(session: EngineSession): Promise<RunResult> {
  const event = await nextOutcome(session);
  if (event.type === 'run-failed') throw new Error(event.error.message);
  if (event.type !== 'run-finished') throw new Error(`unexpected event ${event.type}`);
  return event.result;
}
