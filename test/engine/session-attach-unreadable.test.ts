// Re-attaching a reopened session's input from a path that cannot be read — nothing there, a folder where the
// session's input is a file — says so, naming the path and the page's field, rather than that the file's
// content differs from the session's input (it was never compared); a file that is there and differs still
// says its content differs.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { savedCellsSession } from './saved-cells-session.js';

/** The message `call` rejects with ('' when it resolves). */
async function rejection(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => '',
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
}

describe('EngineSession.attachSessionInput from a path that cannot be read', () => {
  const { dir, input, sessionPath, engine } = savedCellsSession('tl-attach-unreadable-');
  before(async () => {
    rmSync(input);
    const opened = await engine.openSession({ kind: 'path', path: sessionPath });
    assert.equal(opened.inputStatus, 'missing');
  });

  test('a path with nothing there is said not found, by its path, with the field to choose it again', async () => {
    const moved = join(dir, 'moved.csv');
    const said = await rejection(engine.attachSessionInput({ kind: 'path', path: moved }));
    assert.ok(said.includes(`${moved} was not found`), said);
    assert.match(said, /the session's input cells\.csv/);
    assert.match(said, /“Open the input file again” in Explore's Edit labels panel/);
    assert.doesNotMatch(said, /differs|SHA-256/);
  });

  test('a folder given for a file is said to be a folder, not a file', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const said = await rejection(engine.attachSessionInput({ kind: 'path', path: folder }));
    assert.ok(said.includes(`${folder} is a folder, not a file`), said);
    assert.doesNotMatch(said, /differs|SHA-256/);
  });

  test('a file that is there and differs still says its content differs', async () => {
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'id,g1,g2\nc1,1,2\n');
    const said = await rejection(engine.attachSessionInput({ kind: 'path', path: other }));
    assert.match(said, /other\.csv is not the session's input cells\.csv: its content differs \(SHA-256\)/);
  });
});
