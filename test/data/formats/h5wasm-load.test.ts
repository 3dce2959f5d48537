/**
 * One h5wasm loader for the readers and the h5ad writer: in a process where the writer loaded h5wasm first (the
 * engine worker of `serve` or the app after an export), reading a damaged file still prints nothing on stderr —
 * Emscripten's "Aborted(…)" included, which it prints through the console it bound when the module was made.
 * A child process, so the order of loading is the script's alone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../../src/util/paths.js';

test('after the writer loaded h5wasm, a damaged .h5ad fails with our message and nothing on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-h5wasm-load-'));
  try {
    // csr.h5ad with the root group's attributes overwritten: HDF5 aborts reading them
    const bytes = readFileSync(join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad'));
    for (let i = 2144; i < 2144 + 256; i++) bytes[i] = (i * 37) & 255;
    const file = join(dir, 'damaged.h5ad');
    writeFileSync(file, bytes);
    const script = [
      "import { loadH5wasm } from './src/engine/h5ad/h5wasm-module.ts';",
      "import { inspectFile } from './src/data/inspect.ts';",
      'await loadH5wasm();',
      `await inspectFile(${JSON.stringify(file)}).then(`,
      "  () => console.log('read'),",
      '  (err) => console.log(`rejected: ${err.message}`),',
      ');',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: packageRoot(),
      encoding: 'utf8',
      env: { ...process.env, TRIPLETLENS_DEBUG: '' },
    });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /^rejected: .*damaged\.h5ad, group \/: HDF5 could not read its attribute/);
    assert.equal(child.stderr, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
