import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetSummary, ImportWarning } from '../../src/api/engine-api.js';
import { inlineImportNotes } from '../../renderer/import-notes.js';
import { INITIAL_STATE, reduce } from '../../renderer/state.js';

const tenxNote = '3 features other than Gene Expression (Antibody Capture) were left out.';
const warnings: ImportWarning[] = [
  { code: 'features', message: tenxNote },
  { code: 'dup', message: '2 duplicate genes renamed' },
];

/** A 10x folder's summary with these import notes. */
function summaryWith(notes: ImportWarning[]): DatasetSummary {
  return {
    datasetId: 'd1',
    source: 'filtered_feature_bc_matrix',
    rows: 3,
    genes: 2,
    geneNames: ['g1', 'g2'],
    idColumn: 'barcode',
    metadata: [],
    suggestedLabel: null,
    valueKind: 'counts',
    orientation: { applied: 'cells-as-rows', reason: 'a Cell Ranger matrix' },
    preview: { header: [], rows: [], totalColumns: 3, delimiter: ',' },
    recommendedPreprocess: {},
    warnings: notes,
    metadataSource: null,
  };
}

test('a 10x import note raised as a banner is not listed again under the summary', () => {
  const notices = [{ message: tenxNote }, { message: '2 duplicate genes renamed' }];
  assert.deepEqual(inlineImportNotes(warnings, notices), { warnings: [], info: [] });
});

test('a note whose banner was dismissed (or never raised) stays listed under the summary', () => {
  assert.deepEqual(inlineImportNotes(warnings, [{ message: '2 duplicate genes renamed' }]).warnings, [
    tenxNote,
  ]);
  assert.deepEqual(inlineImportNotes(warnings, []).warnings, [tenxNote, '2 duplicate genes renamed']);
});

test('opening a 10x file shows each note once: as a banner, then under the summary once dismissed', () => {
  const summary = summaryWith(warnings);
  const opened = reduce(INITIAL_STATE, { type: 'dataset-opened', summary });
  const times = (state: typeof opened, message: string): number =>
    state.notices.filter((n) => n.message === message).length +
    inlineImportNotes(summary.warnings, state.notices).warnings.filter((m) => m === message).length;
  assert.equal(times(opened, tenxNote), 1);
  const banner = opened.notices.find((n) => n.message === tenxNote);
  assert.ok(banner);
  const dismissed = reduce(opened, { type: 'dismiss', id: banner.id });
  assert.equal(times(dismissed, tenxNote), 1);
  assert.deepEqual(inlineImportNotes(summary.warnings, dismissed.notices).warnings, [tenxNote]);
});

// A metadata file that matched every cell is information (ImportWarning.info), as the CLI's inspect prints it a
// Note: the page listed it under the summary in the warnings' colour, and a reloaded page raised it as a warning.
const fullMatch = 'Metadata file obs.csv: 80 of 80 cells matched.';
const partialMatch =
  "Metadata file obs.csv: 76 of 80 cells matched; 4 cells have no metadata, so their 'cell_type' is empty.";

test('a full metadata match is listed as information, apart from the warnings; a partial match stays a warning', () => {
  const notes: ImportWarning[] = [
    { code: 'metadata-join', message: fullMatch, info: true },
    { code: 'features', message: tenxNote },
  ];
  assert.deepEqual(inlineImportNotes(notes, []), { warnings: [tenxNote], info: [fullMatch] });
  assert.deepEqual(inlineImportNotes([{ message: partialMatch }], []), {
    warnings: [partialMatch],
    info: [],
  });
  // shown as a banner, it is not listed again
  assert.deepEqual(inlineImportNotes(notes, [{ message: fullMatch }]).info, []);
});

test('a dataset opened with a full metadata match raises it as an info banner, a warning as a warning', () => {
  const opened = reduce(INITIAL_STATE, {
    type: 'dataset-opened',
    summary: summaryWith([
      { code: 'metadata-join', message: fullMatch, info: true },
      { code: 'features', message: tenxNote },
    ]),
  });
  assert.deepEqual(
    opened.notices.map((n) => [n.level, n.message]),
    [
      ['info', fullMatch],
      ['warning', tenxNote],
    ],
  );
});
