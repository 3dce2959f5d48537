/**
 * What HDF5 prints ("HDF5-DIAG: Error detected in HDF5 …", a stack of 30-odd lines) stays off the user's
 * stderr: a write the disk refuses and a damaged .h5ad end with our one-line message only, and the lines are
 * there with TRIPLETLENS_DEBUG set. Each run is the built CLI (`npm run build`) as a child process; the full
 * disk is fixtures/fill-disk.mjs, preloaded, which makes the system refuse writes under a folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { tempDir, type CliResult } from './helpers.js';

const BIN = join(packageRoot(), 'bin', 'tripletlens.js');
const FILL_DISK = join(packageRoot(), 'test', 'cli', 'fixtures', 'fill-disk.mjs');
const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

/** The built CLI with `env` added (TRIPLETLENS_DEBUG empty unless `env` sets it), preloading `preload`. */
function run(argv: string[], env: Record<string, string> = {}, preload?: string): CliResult {
  const result = spawnSync(process.execPath, [...(preload ? ['--import', preload] : []), BIN, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, TRIPLETLENS_DEBUG: '', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** csr.h5ad with 256 bytes overwritten at `offset`: a file whose superblock is whole but objects are not. */
function damagedCopy(dir: string, offset: number): string {
  const bytes = readFileSync(join(FORMATS, 'csr.h5ad'));
  for (let i = offset; i < offset + 256; i++) bytes[i] = (i * 37) & 255;
  const path = join(dir, `damaged-${offset}.h5ad`);
  writeFileSync(path, bytes);
  return path;
}

const TRAIN = ['--label', 'cell_type', '--epochs', '1', '--quiet'];

test('an .h5ad output the full disk refuses ends with our message alone; TRIPLETLENS_DEBUG shows HDF5 too', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const out = join(dir, 'out.h5ad');
    const argv = ['train', join(FORMATS, 'cells.csv'), ...TRAIN, '--out', out];
    const full = { FILL_DISK_DIR: dir, FILL_DISK_BYTES: String(16 * 1024) };
    const plain = run(argv, full, FILL_DISK);
    assert.equal(plain.code, 1, plain.stderr);
    assert.equal(
      plain.stderr,
      `tripletlens train: cannot write --out ${out}: the disk is full (no space left on device)\n`,
    );
    assert.deepEqual(readdirSync(dir), []);

    // the lines are not lost: a maintainer sees them with the debug variable (which also proves HDF5 spoke)
    const debug = run(argv, { ...full, TRIPLETLENS_DEBUG: '1' }, FILL_DISK);
    assert.equal(debug.code, 1, debug.stderr);
    assert.match(debug.stderr, /^HDF5-DIAG: Error detected in HDF5/m);
    assert.match(debug.stderr, /No space left on device/);
    assert.match(debug.stderr, /the disk is full \(no space left on device\)/);
  } finally {
    await cleanup();
  }
});

test('inspect and train of a damaged .h5ad print our one-line message, no HDF5-DIAG line', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    // 2144: the root group's attributes (HDF5 aborts); 20576: obs's (four HDF5-DIAG stacks)
    for (const offset of [2144, 20576]) {
      const file = damagedCopy(dir, offset);
      for (const argv of [
        ['inspect', file],
        ['train', file, ...TRAIN, '--out', join(dir, 'out.csv')],
      ]) {
        const { code, stderr } = run(argv);
        assert.equal(code, 1, stderr);
        const lines = stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, `${argv.join(' ')} printed:\n${stderr}`);
        assert.match(lines[0], new RegExp(`^tripletlens ${argv[0]}: .*damaged-${offset}\\.h5ad, group /`));
        assert.doesNotMatch(stderr, /HDF5-DIAG|^Aborted\(/m);
      }
      // the lines are there for a maintainer (which also proves HDF5 spoke)
      const debug = run(['inspect', file], { TRIPLETLENS_DEBUG: '1' });
      assert.match(debug.stderr, /^HDF5-DIAG: Error detected in HDF5/m);
    }
  } finally {
    await cleanup();
  }
});

test('a damaged .h5ad HDF5 complains about but reads is inspected with nothing on stderr', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    // 47200: damage HDF5 reports (two HDF5-DIAG stacks) in an object inspect does not need
    const file = damagedCopy(dir, 47200);
    const { code, stdout, stderr } = run(['inspect', file]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Shape: 40 cells × 30 genes/);
    assert.equal(stderr, '');
    const debug = run(['inspect', file], { TRIPLETLENS_DEBUG: '1' });
    assert.match(debug.stderr, /^HDF5-DIAG: Error detected in HDF5/m);
  } finally {
    await cleanup();
  }
});

test("a damaged .h5ad's message is ours, naming file and element; h5wasm's own words only with TRIPLETLENS_DEBUG", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const cases: [number, string][] = [
      [20576, 'group /obs: HDF5 could not read its attribute "_index"; the file may be damaged.'],
      [2144, 'group /: HDF5 could not read its attribute "encoding-type"; the file may be damaged.'],
    ];
    for (const [offset, message] of cases) {
      const file = damagedCopy(dir, offset);
      const plain = run(['inspect', file]);
      assert.equal(plain.code, 1, plain.stderr);
      assert.equal(plain.stderr, `tripletlens inspect: ${file}, ${message}\n`);
      const debug = run(['inspect', file], { TRIPLETLENS_DEBUG: '1' });
      const line = debug.stderr.split('\n').find((l) => l.startsWith('tripletlens inspect: '));
      assert.match(line ?? '', / \(h5wasm: [^)]+\)+; the file may be damaged\.$/, debug.stderr);
    }
  } finally {
    await cleanup();
  }
});
