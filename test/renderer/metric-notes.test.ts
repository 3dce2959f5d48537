import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  metricNoteFor,
  metricNoteLines,
  objectiveText,
  regimeText,
  runRegime,
  runSettingLines,
} from '../../renderer/metric-notes.js';

const note =
  'too small a hold-out for a reliable estimate (only 3 held-out cells): one cell moves the accuracy by 0.33';

test('the regime comes from the run report; an unknown or missing one shows nothing', () => {
  assert.equal(runRegime({ report: { regime: 'small' } }), 'small');
  assert.equal(runRegime({ report: { regime: 'standard' } }), 'standard');
  assert.equal(runRegime({ report: { regime: 'tiny' } }), null);
  assert.equal(runRegime({ report: {} }), null);
  assert.match(regimeText({ report: { regime: 'small' } }) ?? '', /^Regime: small \(.*tens of cells/);
  // a walkthrough: the line did not say why this run was small, nor what it changed
  assert.equal(
    regimeText({ report: { regime: 'small', split: { train: 21, holdout: 5, unlabeled: 0 } } }),
    'Regime: small (21 training cells, at most 100: the settings measured on tables of tens of cells or samples, such as bulk panels: no neighbour-graph term).',
  );
  assert.match(
    regimeText({ report: { regime: 'small', split: { train: 500 } } }) ?? '',
    /^Regime: small \(500 training cells, set by the regime option: /,
  );
  assert.equal(regimeText({ report: { regime: 'standard' } }), 'Regime: standard.');
  assert.equal(regimeText({ report: {} }), null);
});

test('metric notes are read per metric and grouped when they say the same', () => {
  const report = { metricNotes: { knn_holdout: note, knn_holdout_pca: note, knn_holdout_input: note } };
  assert.equal(metricNoteFor({ report }, 'knn_holdout'), note);
  assert.equal(metricNoteFor({ report }, 'silhouette'), null);
  assert.deepEqual(metricNoteLines({ report }), [
    `kNN accuracy, held-out cells, PCA baseline, input space: ${note}.`,
  ]);
  const two = { metricNotes: { knn_holdout: note, trustworthiness: 'few cells' } };
  assert.deepEqual(metricNoteLines({ report: two }), [
    `kNN accuracy, held-out cells: ${note}.`,
    'trustworthiness: few cells.',
  ]);
});

test('malformed notes (not an object, not text, blank) show nothing', () => {
  assert.deepEqual(metricNoteLines({ report: {} }), []);
  assert.deepEqual(metricNoteLines({ report: { metricNotes: 'x' } }), []);
  assert.deepEqual(metricNoteLines({ report: { metricNotes: null } }), []);
  assert.deepEqual(metricNoteLines({ report: { metricNotes: { knn_holdout: 3, silhouette: ' ' } } }), []);
});

test('the objective recipe is named when the run used one; the plain map and unknown values show nothing', () => {
  assert.match(
    objectiveText({ report: { objectiveRecipe: 'graph' } }) ?? '',
    /^Objective: keep neighbourhoods, graph recipe/,
  );
  assert.match(objectiveText({ report: { objectiveRecipe: 'order' } }) ?? '', /order recipe/);
  assert.match(objectiveText({ report: { objectiveRecipe: 'order-wide' } }) ?? '', /wide order recipe/);
  assert.equal(objectiveText({ report: { objectiveRecipe: null } }), null);
  assert.equal(objectiveText({ report: { objectiveRecipe: 'umap' } }), null);
  assert.equal(objectiveText({ report: {} }), null);
  assert.deepEqual(runSettingLines({ report: { regime: 'standard', objectiveRecipe: null } }), [
    'Regime: standard.',
  ]);
  const both = runSettingLines({ report: { regime: 'small', objectiveRecipe: 'order' } });
  assert.equal(both.length, 2);
  assert.match(both[1], /order recipe/);
});
