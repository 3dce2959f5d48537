// What keeps a path from being compared with a session's input, before its SHA-256 or folder fingerprint is: a
// missing path, one that cannot be read (its errno in words), a folder given for a file — and a 10x folder
// session's folder, which is what it should be.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { SessionInput } from '../../src/api/annotate.js';
import { accessProblemWords, inputAccessProblem } from '../../src/engine/input-access.js';

const fileInput: SessionInput = {
  kind: 'path',
  path: '/data/cells.csv',
  name: 'cells.csv',
  size: 10,
  sha256: 'ab',
};
const folderInput: SessionInput = {
  kind: 'path',
  path: '/data/sample',
  name: 'sample',
  size: -1,
  sha256: null,
};

describe('inputAccessProblem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-input-access-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('nothing at the path: not found, for a file session and a folder session alike', async () => {
    const gone = join(dir, 'gone');
    assert.equal(await inputAccessProblem(fileInput, gone), 'was not found');
    assert.equal(await inputAccessProblem(folderInput, gone), 'was not found');
  });

  test('a folder is refused for a file session only; a readable file passes to the comparison', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const file = join(dir, 'file.csv');
    writeFileSync(file, 'id,g\nc,1\n');
    assert.equal(await inputAccessProblem(fileInput, folder), 'is a folder, not a file');
    assert.equal(await inputAccessProblem(folderInput, folder), null);
    assert.equal(await inputAccessProblem(fileInput, file), null);
  });

  test('a path that cannot be read says why, in words for a known errno and by its code otherwise', () => {
    assert.equal(accessProblemWords('EACCES'), 'cannot be read (permission denied)');
    assert.equal(accessProblemWords('EXDEV'), 'cannot be read (EXDEV)');
  });
});
