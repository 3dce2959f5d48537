/** An engine session trained for one epoch on the cells fixture, for tests of what a trained map exports. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';

/** test/fixtures/formats/cells.csv: 40 cells of four cell types. */
export const CELLS = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv');

/**
 * A session that has opened CELLS and trained one epoch on its cell types (in the file's `before` hook), and a
 * temporary folder named from `prefix` for its exports; both go in the `after` hook.
 */
export function trainedCellsSession(prefix: string): { session: EngineSession; dir: string } {
  const session = new EngineSession();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  before(async () => {
    await session.openFile({ kind: 'path', path: CELLS });
    const done = outcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    await done;
  });
  return { session, dir };
}
