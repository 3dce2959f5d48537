/**
 * The report the h5ad result keeps in uns['tripletlens']: the run report less the recipe's fitted numbers,
 * which made it a megabyte-sized string that no reader of the result uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FITTED_OMITTED_NOTE, unsReport } from '../../../src/engine/h5ad/uns-report.js';

const genes = ['g1', 'g2', 'g3'];
const recipe = {
  format: 'tripletlens-preprocess',
  genes,
  means: [0.1, 0.2, 0.3],
  scales: [1, 2, 3],
  spreads: [1, 1, 1],
  clip: 10,
  pca: {
    components: 2,
    mean: [0, 0, 0],
    loadings: [1, 0, 0, 1, 1, 1],
    explainedVariance: [2, 1],
    explainedVarianceRatio: [0.6, 0.3],
  },
  classEvidence: { classes: ['a', 'b'], weights: [1, 2, 3, 4], bias: [0, 0], factor: 1.5 },
  notes: ['a note'],
};
const report = { tool: { name: 'tripletlens' }, recipe, classes: [{ label: 'a' }], metrics: { knn: 0.9 } };

test("a train report keeps everything but the recipe's fitted arrays, and says where they are", () => {
  const kept = unsReport(report) as Record<string, unknown>;
  assert.deepEqual(kept, {
    tool: { name: 'tripletlens' },
    classes: [{ label: 'a' }],
    metrics: { knn: 0.9 },
    recipe: {
      format: 'tripletlens-preprocess',
      genes,
      clip: 10,
      pca: { components: 2, explainedVariance: [2, 1], explainedVarianceRatio: [0.6, 0.3] },
      classEvidence: { classes: ['a', 'b'], factor: 1.5 },
      notes: ['a note'],
      omitted: FITTED_OMITTED_NOTE,
    },
  });
  assert.deepEqual(report.recipe.pca.loadings, [1, 0, 0, 1, 1, 1], "the caller's report is not changed");
});

test("an embed report's training run report is compacted the same way", () => {
  const embed = { kind: 'embed', missingGenes: [], training: report };
  const kept = unsReport(embed) as { kind: string; training: unknown };
  assert.equal(kept.kind, 'embed');
  assert.deepEqual(kept.training, unsReport(report));
});

test('a report without a recipe (no PCA, no class evidence) passes through', () => {
  const plain = { tool: { name: 'tripletlens' }, metrics: { knn: 0.9 } };
  assert.deepEqual(unsReport(plain), plain);
  const noSteps = { recipe: { genes, means: [1, 2, 3], pca: null, classEvidence: null } };
  assert.deepEqual(unsReport(noSteps), {
    recipe: { genes, pca: null, classEvidence: null, omitted: FITTED_OMITTED_NOTE },
  });
});
