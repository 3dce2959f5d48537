/**
 * A saved session of test/fixtures/formats/cells.csv in a temporary folder, and a fresh engine session to
 * reopen it — what the tests of a session's input gone or unreadable start from.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { trainAndSave } from './session-outcome.js';

export interface SavedCellsSession {
  /** The temporary folder, removed after the tests. */
  dir: string;
  /** The session's input, dir/cells.csv. */
  input: string;
  /** The saved session, dir/cells.tripletlens. */
  sessionPath: string;
  /** A session that has opened nothing yet, disposed after the tests. */
  engine: EngineSession;
}

/** Registers the hooks that train and save the session before the tests (of the caller's describe) and clean up. */
export function savedCellsSession(prefix: string): SavedCellsSession {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const input = join(dir, 'cells.csv');
  const sessionPath = join(dir, 'cells.tripletlens');
  const engine = new EngineSession();
  before(async () => {
    copyFileSync(join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv'), input);
    const { saved } = await trainAndSave(input);
    writeFileSync(sessionPath, saved.bytes);
  });
  after(() => {
    engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, input, sessionPath, engine };
}
