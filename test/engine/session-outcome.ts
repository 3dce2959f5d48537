/** The end of a run in an `EngineSession`, for the session tests. */
import { join } from 'node:path';
import type { BinaryExport, EngineEvent, RunResult } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';

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

/**
 * Opens `path` in a new session with test/fixtures/formats/cells_meta.csv joined (its cell types), trains one
 * epoch on them and saves the session; the session is disposed after.
 */
export async function trainAndSave(path: string): Promise<{ trained: RunResult; saved: BinaryExport }> {
  const trainer = new EngineSession();
  try {
    await trainer.openFile({ kind: 'path', path });
    await trainer.openMetadata({
      kind: 'path',
      path: join(packageRoot(), 'test', 'fixtures', 'formats', 'cells_meta.csv'),
    });
    const done = outcome(trainer);
    await trainer.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    const trained = await done;
    const saved = await trainer.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    return { trained, saved };
  } finally {
    trainer.dispose();
  }
}
