/**
 * '-' as a path: scripts take it for standard input or output (`cat -`, `tar -f -`), but `train --out -` wrote
 * a file named '-' (and '-.run.json'), `--model -` a folder named '-', and `inspect -` said "-: no such file.
 * Check the path." (exit 1). Each is now a usage error saying TripletLens reads and writes files (exit 2),
 * before anything is read or trained; `./-` still names a file called '-'.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { samplePath } from '../../src/util/paths.js';
import { runCli, spawnCli, tempDir } from './helpers.js';

const REFUSAL = /TripletLens reads and writes files, not standard input or output \('-'\)/;

const CASES: string[][] = [
  ['train', '--sample', '--report', '-'],
  ['train', '--sample', '--model', '-'],
  ['train', '--sample', '--meta-file', '-'],
  ['train', '-', '--label', 'label'],
  ['embed', samplePath(), '--model', '-'],
  ['embed', '-', '--model', 'model'],
  ['inspect', '-'],
  ['inspect', samplePath(), '--meta-file', '-'],
  ['serve', '--root', '-'],
];

test("'-' as the input FILE or a path option is exit 2 naming it, before anything is read", async () => {
  for (const argv of CASES) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, REFUSAL, argv.join(' '));
    assert.match(r.stderr, /\.\/- for one named '-'/, argv.join(' '));
    assert.doesNotMatch(r.stderr, /reading/, 'nothing read');
  }
});

test("train --out - writes no file named '-': exit 2 and the folder stays empty", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const r = spawnCli(['train', '--sample', '--out', '-', '--epochs', '1'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^tripletlens train: --out -: TripletLens reads and writes files/m);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await cleanup();
  }
});
