// embed reads, without --layer or --input, the matrix its model was trained on (README: "reads the model's
// trained matrix"): its --help gives that default, not the one train and inspect read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers.js';

/** The lines of one option's entry in a --help text: its first line and those indented under it. */
function entry(help: string, flag: string): string {
  const lines = help.split('\n');
  // an option's entry is indented; the prose above the options names flags at a line's start
  const start = lines.findIndex((l) => /^\s+-/.test(l) && l.trimStart().startsWith(`${flag} `));
  assert.ok(start >= 0, `${flag} is in the help`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^\s{0,4}-/.test(l) || !/^\s/.test(l));
  return [lines[start], ...rest.slice(0, end === -1 ? rest.length : end)].join(' ').replace(/\s+/g, ' ');
}

// A headless audit: embed --help said "--layer NAME … (default: X, loom's matrix…)", so a user embedding an
// h5ad onto a model trained on layers/counts gave --layer counts needlessly, or expected X to be read.
test("embed --help gives --layer's and --input's default as the model's matrix", async () => {
  const { code, stdout } = await runCli(['embed', '--help']);
  assert.equal(code, 0);
  const layer = entry(stdout, '--layer');
  assert.doesNotMatch(layer, /\(default: X\b/);
  assert.match(layer, /default: the matrix the model was trained on/);
  assert.match(entry(stdout, '--input'), /default: the model's/);
});

test("train and inspect --help keep X as --layer's default", async () => {
  for (const command of ['train', 'inspect']) {
    const { stdout } = await runCli([command, '--help']);
    assert.match(entry(stdout, '--layer'), /\(default: X, loom's matrix/, command);
  }
});
