// Reopening a session whose input is found where it was saved but cannot be read there — a folder now stands
// at the file's path — says so, naming the path, rather than that the file has changed since the session was
// saved (its SHA-256 differs): it was never compared. The session is shown without its input, to re-attach.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { savedCellsSession } from './saved-cells-session.js';

describe('EngineSession.openSession with its input unreadable where it was saved', () => {
  const { input, sessionPath, engine } = savedCellsSession('tl-open-unreadable-');

  test('a folder at the input file’s path is said to be a folder, by its path, not a changed file', async () => {
    rmSync(input);
    mkdirSync(input);
    const opened = await engine.openSession({ kind: 'path', path: sessionPath });
    assert.equal(opened.inputStatus, 'unreadable');
    const said = opened.inputMessage;
    assert.ok(said.startsWith(`The input file ${input} is a folder, not a file:`), said);
    assert.doesNotMatch(said, /changed|differs|SHA-256/);
    // the page's field to choose it again, said once
    assert.equal(said.split('“Open the input file again”').length, 2, said);
  });
});
