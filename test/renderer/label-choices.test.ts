import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetadataColumnSummary } from '../../src/api/engine-api.js';
import {
  NO_LABELS_HINT,
  NO_LABELS_HINT_DESKTOP,
  TEXT_NO_LABELS_HINT,
  labelChoices,
} from '../../renderer/label-choices.js';

/** A Cell Ranger folder's format, as the summary gives it. */
const TENX = { format: { kind: '10x-mtx' as const, matrix: 'matrix.mtx.gz', layers: [], obsm: [] } };

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
  const choices = labelChoices({ metadata: [], ...TENX });
  assert.deepEqual(choices.options, []);
  assert.equal(choices.hint, NO_LABELS_HINT);
  assert.match(choices.hint ?? '', /no cell labels.*“Metadata file” field below.*keyed by barcode/);
  assert.doesNotMatch(choices.hint ?? '', /Open metadata/, 'the browser page has no such menu command');
  const desktop = labelChoices({ metadata: [], ...TENX }, true);
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

// A walkthrough (a bulk panel whose classes were coded 0–6 in a column `class`, read as a gene): the hint sent the
// user to a metadata file "keyed by barcode"; the column can be marked as metadata under Import settings.
test('a text table without metadata columns: the hint names Import settings’ metadata columns first', () => {
  for (const d of [
    { metadata: [] },
    { metadata: [], format: { kind: 'text' as const, matrix: '', layers: [], obsm: [] } },
  ]) {
    const choices = labelChoices(d);
    assert.equal(choices.hint, TEXT_NO_LABELS_HINT);
    assert.match(
      choices.hint ?? '',
      /Import settings ▸ Metadata \(text\) columns.*class codes such as 0\/1 is read as a gene/,
    );
    assert.doesNotMatch(choices.hint ?? '', /barcode|Open metadata/);
  }
});
