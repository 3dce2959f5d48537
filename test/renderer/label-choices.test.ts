import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetadataColumnSummary } from '../../src/api/engine-api.js';
import { NO_LABELS_HINT, NO_LABELS_HINT_DESKTOP, labelChoices } from '../../renderer/label-choices.js';

const column = (name: string, distinct: number, continuous = false): MetadataColumnSummary => ({
  name,
  distinct,
  missing: 0,
  topValues: [],
  ...(continuous ? { continuous: true } : {}),
});

// A walkthrough under `tripletlens serve`: a Cell Ranger folder's hint said "add them with Open metadata…", a
// desktop menu command the browser page does not have.
test('a file without cell metadata (Cell Ranger folder, .h5, plain .mtx) gets a hint naming where labels come from', () => {
  const choices = labelChoices({ metadata: [] });
  assert.deepEqual(choices.options, []);
  assert.equal(choices.hint, NO_LABELS_HINT);
  assert.match(choices.hint ?? '', /no cell labels.*“Metadata file” field below.*keyed by barcode/);
  assert.doesNotMatch(choices.hint ?? '', /Open metadata/, 'the browser page has no such menu command');
  const desktop = labelChoices({ metadata: [] }, true);
  assert.equal(desktop.hint, NO_LABELS_HINT_DESKTOP);
  assert.match(
    desktop.hint ?? '',
    /no cell labels.*File ▸ Open metadata… or the “Metadata file” field below/,
  );
});

test('continuous columns (S_score) are listed last, marked and not choosable; clusters stay offered', () => {
  const choices = labelChoices({
    metadata: [
      column('S_score', 700, true),
      column('bulk_labels', 10),
      column('n_counts', 690, true),
      column('louvain', 11),
      column('leiden', 9),
    ],
  });
  assert.deepEqual(
    choices.options.map((o) => [o.value, o.disabled]),
    [
      ['bulk_labels', false],
      ['louvain', false],
      ['leiden', false],
      ['S_score', true],
      ['n_counts', true],
    ],
  );
  assert.equal(choices.options[0].text, 'bulk_labels (10 values)');
  assert.equal(choices.options[3].text, 'S_score (continuous: not a label)');
  assert.equal(choices.hint, null);
});

test('a file whose only columns are continuous says so and where labels come from', () => {
  const choices = labelChoices({ metadata: [column('S_score', 700, true)] });
  assert.equal(choices.options.filter((o) => !o.disabled).length, 0);
  assert.match(choices.hint ?? '', /continuous.*“Metadata file” field below/);
  assert.doesNotMatch(choices.hint ?? '', /Open metadata/);
  assert.match(
    labelChoices({ metadata: [column('S_score', 700, true)] }, true).hint ?? '',
    /continuous.*File ▸ Open metadata…/,
  );
});

test('a column with one value says “1 value”', () => {
  const choices = labelChoices({ metadata: [column('batch', 1, false)] });
  assert.equal(choices.options[0].text, 'batch (1 value)');
});
