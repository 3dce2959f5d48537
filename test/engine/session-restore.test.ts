import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SessionInput } from '../../src/api/annotate.js';
import {
  cellCountWords,
  inputCandidate,
  sessionInput,
  sha256OfSource,
  shownName,
  tableForRun,
} from '../../src/engine/session-restore.js';
import type { SessionContents } from '../../src/engine/session-file.js';
import { blobTable } from './helpers.js';

const input = (kind: SessionInput['kind'], path: string): SessionInput => ({
  kind,
  path,
  name: 'x.csv',
  size: 1,
  sha256: null,
});

test('inputCandidate: where to look for a session input; under serve only inside --root', () => {
  assert.equal(inputCandidate(input('path', '/data/x.csv'), '/pkg/sample.csv'), '/data/x.csv');
  assert.equal(inputCandidate(input('sample', ''), '/pkg/sample.csv'), '/pkg/sample.csv');
  assert.equal(inputCandidate(input('upload', ''), '/pkg/sample.csv'), null);
  assert.equal(inputCandidate(input('path', 'relative.csv'), '/pkg/sample.csv'), null);
  assert.equal(inputCandidate(input('path', '/root/sub/x.csv'), '/s.csv', '/root'), '/root/sub/x.csv');
  assert.equal(inputCandidate(input('path', '/etc/passwd'), '/s.csv', '/root'), null);
  assert.equal(inputCandidate(input('path', '/root/../etc/x'), '/s.csv', '/root'), null);
  assert.equal(inputCandidate(input('sample', ''), '/pkg/s.csv', '/root'), '/pkg/s.csv');
});

test('sessionInput records path, name, size and SHA-256; an upload keeps no path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-restore-'));
  try {
    const path = join(dir, 'cells.csv');
    writeFileSync(path, 'abc');
    const sha = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    assert.deepEqual(await sessionInput(path, path, 'path', null), {
      kind: 'path',
      path,
      name: 'cells.csv',
      size: 3,
      sha256: sha,
    });
    assert.equal(await sha256OfSource({ name: 'u.csv', bytes: new TextEncoder().encode('abc') }), sha);
    const upload = await sessionInput({ name: 'u.csv', bytes: Uint8Array.of(1) }, 'u.csv', 'upload', null);
    assert.equal(upload.path, '');
    assert.equal(upload.size, 1);
    assert.equal(await sha256OfSource(join(dir, 'missing.csv')), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tableForRun gives back a retrained run its edited label column from the saved labels', () => {
  const table = blobTable({ classes: 2, perClass: 1 });
  const result = { labelColumn: 'label_edited', labels: ['X', ''] } as SessionContents['result'];
  assert.deepEqual(
    tableForRun(table, result).metadata.map((m) => [m.name, m.values]),
    [
      ['cell_type', ['type_0', 'type_1']],
      ['label_edited', ['X', '']],
    ],
  );
  assert.equal(tableForRun(table, { ...result, labelColumn: 'cell_type' }), table);
});

test('shownName: a base name, with its folder for a Cell Ranger matrix file (every one is matrix.mtx.gz)', () => {
  assert.equal(shownName('/data/run1/cells.csv'), 'cells.csv');
  assert.equal(shownName('/data/run1/sample_A'), 'sample_A');
  assert.equal(shownName('/data/sample_A/matrix.mtx.gz'), 'sample_A/matrix.mtx.gz');
  assert.equal(shownName('/data/geo/GSM1_matrix.mtx'), 'geo/GSM1_matrix.mtx');
  assert.equal(shownName('matrix.mtx.gz'), 'matrix.mtx.gz', 'an upload has no folder');
  assert.equal(shownName('/matrix.mtx'), 'matrix.mtx');
});

test('an input that reads as other cells names both counts grouped', () => {
  const input: SessionInput = {
    kind: 'path',
    path: '/d/cells.csv',
    name: 'cells.csv',
    size: 3,
    sha256: null,
  };
  assert.match(
    cellCountWords(input, 'text', 1199, 1200),
    /^now reads as 1\u202f199 cells, not the 1\u202f200 of the session/,
  );
});
