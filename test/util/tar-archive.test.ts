import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tarDirectory } from '../../src/util/tar-archive.js';

test('tarDirectory makes an archive that the system tar unpacks byte for byte', async () => {
  const base = mkdtempSync(join(tmpdir(), 'tl-tar-'));
  try {
    const src = join(base, 'src');
    const deep = join(src, 'encoder', 'a-rather-long-folder-name-'.repeat(3));
    mkdirSync(deep, { recursive: true });
    const weights = new Uint8Array(1500).map((_, i) => i % 251);
    writeFileSync(join(src, 'model.json'), '{"a":1}\n');
    writeFileSync(join(deep, 'weights.bin'), weights);
    writeFileSync(join(src, 'empty.txt'), '');
    const tar = await tarDirectory(src, 'model');
    assert.equal(tar.length % 512, 0);
    writeFileSync(join(base, 'm.tar'), tar);
    const out = join(base, 'out');
    mkdirSync(out);
    const result = spawnSync('tar', ['-xf', join(base, 'm.tar'), '-C', out], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(join(out, 'model', 'model.json'), 'utf8'), '{"a":1}\n');
    assert.deepEqual(
      new Uint8Array(
        readFileSync(join(out, 'model', 'encoder', 'a-rather-long-folder-name-'.repeat(3), 'weights.bin')),
      ),
      weights,
    );
    assert.equal(readFileSync(join(out, 'model', 'empty.txt'), 'utf8'), '');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
