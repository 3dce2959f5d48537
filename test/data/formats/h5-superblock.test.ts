// The superblock check names a cut-short HDF5 file by its byte counts, before HDF5 itself sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseSuperblock } from '../../../src/data/formats/h5-superblock.js';
import { packageRoot } from '../../../src/util/paths.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures');

test('a whole file records its own length as end-of-file', () => {
  for (const name of ['formats/csr.h5ad', 'formats/cells.loom', 'formats/tenx-v3.h5']) {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
    const facts = parseSuperblock(bytes);
    assert.ok(facts.ok, name);
    assert.equal(facts.base, 0);
    assert.equal(facts.endOfFile, bytes.length, name);
  }
});

test('a signature followed by zeros is a damaged superblock; other bytes are not HDF5', () => {
  const fake = parseSuperblock(new Uint8Array(readFileSync(join(FIXTURES, 'bad', 'matrix.h5ad'))));
  assert.deepEqual(fake, { ok: false, reason: 'its superblock (the header HDF5 starts from) is damaged' });
  assert.equal(parseSuperblock(new TextEncoder().encode('cell,GENE1\nc1,1\n')).ok, false);
});

test('a superblock after a 512-byte user block is found there', () => {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'formats', 'tenx-v2.h5')));
  const shifted = new Uint8Array(512 + bytes.length);
  shifted.set(bytes, 512);
  // The stored base address is still 0, as the original file said; only where the signature sits changes.
  const facts = parseSuperblock(shifted);
  assert.ok(facts.ok);
  assert.equal(facts.endOfFile, bytes.length);
});
