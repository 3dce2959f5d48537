import assert from 'node:assert/strict';
import { test } from 'node:test';
import { regimeWords } from '../../src/api/regime-words.js';

// A walkthrough (the 38-sample Golub panel as a CSV): the regime line read "30 training cells".
test('regimeWords counts the training rows in the words of the file’s rows', () => {
  assert.match(regimeWords('small', 30, 'text'), /^small \(30 training rows, at most 100: /);
  assert.match(regimeWords('small', 1, 'text'), /^small \(1 training row, at most 100: /);
  assert.match(regimeWords('small', 500, 'text'), /^small \(500 training rows, set by the regime option: /);
  assert.match(regimeWords('small', 30, 'h5ad'), /^small \(30 training cells, at most 100: /);
  assert.match(regimeWords('small', 30), /^small \(30 training cells, /, 'an unknown kind: cells');
  assert.equal(regimeWords('standard', 30, 'text'), 'standard');
  // a count grouped as the app groups it
  assert.match(
    regimeWords('small', 1500, 'h5ad'),
    /^small \(1\u202f500 training cells, set by the regime option: /,
  );
});

// A walkthrough (a 26-sample panel, scripted): the summary and the page said "small-data (…)" while run.json's
// `regime` and the option say `small` — `--regime small-data` was refused. One name everywhere.
test('the small regime is named as run.json and --regime name it', () => {
  for (const words of [regimeWords('small', 21, 'text'), regimeWords('small')]) {
    assert.match(words, /^small \(/);
    assert.doesNotMatch(words, /small-data/);
  }
});
