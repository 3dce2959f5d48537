/** The end of a run in an `EngineSession`, for the session tests. */
import type { EngineEvent } from '../../src/api/engine-api.js';
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
