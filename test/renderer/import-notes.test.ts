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

test('a 10x import note raised as a banner is not listed again under the summary', () => {
  const notices = [{ message: tenxNote }, { message: '2 duplicate genes renamed' }];
  assert.deepEqual(inlineImportNotes(warnings, notices), []);
});

test('a note whose banner was dismissed (or never raised) stays listed under the summary', () => {
  assert.deepEqual(inlineImportNotes(warnings, [{ message: '2 duplicate genes renamed' }]), [tenxNote]);
  assert.deepEqual(inlineImportNotes(warnings, []), [tenxNote, '2 duplicate genes renamed']);
});

test('opening a 10x file shows each note once: as a banner, then under the summary once dismissed', () => {
  const summary = {
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
    warnings,
    metadataSource: null,
  } satisfies DatasetSummary;
  const opened = reduce(INITIAL_STATE, { type: 'dataset-opened', summary });
  const times = (state: typeof opened, message: string): number =>
    state.notices.filter((n) => n.message === message).length +
    inlineImportNotes(summary.warnings, state.notices).filter((m) => m === message).length;
  assert.equal(times(opened, tenxNote), 1);
  const banner = opened.notices.find((n) => n.message === tenxNote);
  assert.ok(banner);
  const dismissed = reduce(opened, { type: 'dismiss', id: banner.id });
  assert.equal(times(dismissed, tenxNote), 1);
  assert.deepEqual(inlineImportNotes(summary.warnings, dismissed.notices), [tenxNote]);
});
