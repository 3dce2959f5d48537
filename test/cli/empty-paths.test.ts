/**
 * An empty path — a shell variable that was never set, `train "$DATA" …` — is a usage error naming what is
 * empty (exit 2, one line, nothing read), never a path that silently means the current folder (`serve --root ''`
 * served the folder serve was started in) nor a message that names no file (": no such file. Check the path.").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { samplePath } from '../../src/util/paths.js';
import { runCli } from './helpers.js';

const CASES: [argv: string[], names: RegExp][] = [
  [
    ['train', '', '--label', 'label'],
    /^tripletlens train: the input FILE is an empty path ''; give the path of a data file\.$/,
  ],
  [
    ['embed', '', '--model', 'model'],
    /^tripletlens embed: the input FILE is an empty path ''; give the path of a data file\.$/,
  ],
  [
    ['inspect', ''],
    /^tripletlens inspect: the input FILE is an empty path ''; give the path of a data file\.$/,
  ],
  [['train', '--sample', '--meta-file', ''], /^tripletlens train: --meta-file needs a path; got ''$/],
  [
    ['embed', samplePath(), '--model', 'model', '--meta-file', ''],
    /^tripletlens embed: --meta-file needs a path; got ''$/,
  ],
  [['inspect', samplePath(), '--meta-file', ''], /^tripletlens inspect: --meta-file needs a path; got ''$/],
  // --max-memory, checked after --root, ends the run when --root '' is taken for the current folder
  [['serve', '--root', '', '--max-memory', 'lots'], /^tripletlens serve: --root needs a path; got ''$/],
];

test('an empty input FILE, --meta-file or --root is exit 2 naming it, before anything is read', async () => {
  for (const [argv, names] of CASES) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.trimEnd(), names, argv.join(' '));
    assert.doesNotMatch(r.stderr, /reading/, 'nothing read');
  }
});
