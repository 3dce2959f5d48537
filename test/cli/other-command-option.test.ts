// `tripletlens inspect FILE --label cell_type` (train's option) was answered "unknown option '--label' (did you
// mean --layer?)" — steering to an option that has nothing to do with labels; embed's --label and --dims
// likewise. Each says why the command takes none, without the list of its options.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './helpers.js';

test("train's --label given to inspect, or --label/--dims to embed, is told why the command takes none", async () => {
  const cases: [string[], RegExp][] = [
    [
      ['inspect', 'x.csv', '--label', 'cell_type'],
      /^tripletlens inspect: inspect takes no --label: inspect suggests the label column itself .*tripletlens train FILE --label COL\.\n$/,
    ],
    [
      ['embed', 'x.csv', '--model', 'm', '--label', 'cell_type'],
      /^tripletlens embed: embed takes no --label: the model predicts its own label column/,
    ],
    [
      ['embed', 'x.csv', '--dims', '2'],
      /^tripletlens embed: embed takes no --dims: the model fixes the map's dimensions/,
    ],
  ];
  for (const [argv, says] of cases) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, says);
    assert.doesNotMatch(r.stderr, /did you mean|Valid options/);
  }
  // a mistyped option of the command itself keeps its nearest name and the list
  const typo = await runCli(['inspect', 'x.csv', '--layr', 'counts']);
  assert.match(typo.stderr, /unknown option '--layr' \(did you mean --layer\?\)\.\nValid options: /);
});
