// The objective switch: which recipe a run takes, what it sets, what the user's own settings keep, through the engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { runTraining } from '../../src/engine/run-training.js';
import { resolveSettings } from '../../src/engine/settings.js';
import {
  chooseObjectiveRecipe,
  epochsCutByBudget,
  GRAPH_RECIPE,
  objectiveOptions,
  ORDER_MIN_TRAIN_CELLS,
  ORDER_RECIPE,
  ORDER_WIDE_CUT_CLASS_RATIO_WEIGHT,
  ORDER_WIDE_RECIPE,
} from '../../src/engine/objective.js';
import { regimeOptions } from '../../src/engine/regime.js';
import { blobTable } from './helpers.js';

test('chooseObjectiveRecipe: none for triplet, by size and regime for neighbourhoods, forced otherwise', () => {
  assert.equal(chooseObjectiveRecipe('triplet', 10_000, 'standard'), null);
  assert.equal(chooseObjectiveRecipe('neighbourhoods', ORDER_MIN_TRAIN_CELLS - 1, 'standard'), 'graph');
  assert.equal(chooseObjectiveRecipe('neighbourhoods', ORDER_MIN_TRAIN_CELLS, 'standard'), 'order-wide');
  assert.equal(chooseObjectiveRecipe('order-wide', 30, 'small'), 'order-wide');
  assert.equal(chooseObjectiveRecipe('neighbourhoods', 30, 'small'), 'order', 'no graph term on tiny tables');
  assert.equal(chooseObjectiveRecipe('graph', 100_000, 'standard'), 'graph');
  assert.equal(chooseObjectiveRecipe('order', 30, 'small'), 'order');
  assert.equal(resolveSettings({ labelColumn: 'x' }).objective, 'triplet', 'the plain map is the default');
  assert.throws(
    () => resolveSettings({ labelColumn: 'x', objective: 'umap' as 'graph' }),
    /--objective must be one of: .*; got 'umap'/,
  );
});

test('objectiveOptions: the recipe fills what the user left unset; the user and then the recipe win over the regime', () => {
  const given = { labelColumn: 'x', margin: 2 };
  const resolved = resolveSettings(given);
  const { options, chosen } = objectiveOptions('graph', resolved, given);
  assert.equal(options.margin, 2, "the user's margin");
  assert.equal(options.graphWeight, GRAPH_RECIPE.graphWeight);
  assert.equal(options.graphWeightEnd, GRAPH_RECIPE.graphWeightEnd);
  assert.equal(options.polishEpochs, GRAPH_RECIPE.polishEpochs);
  assert.equal(options.classEvidence, 0);
  assert.equal(options.epochs, 50);
  assert.equal(options.classifierWeight, 3, 'ivis’s classifier beside the graph term');
  // the small regime turns the graph term off only where neither the user nor the recipe set it
  assert.equal(regimeOptions('small', options, chosen).graphWeight, GRAPH_RECIPE.graphWeight);
  const order = objectiveOptions('order', resolved, given);
  assert.equal(order.options.orderWeight, ORDER_RECIPE.orderWeight);
  assert.equal(order.options.patience, 0, 'no early stopping');
  assert.equal(order.options.graphWeight, 0);
  const wide = objectiveOptions('order-wide', resolved, given);
  assert.deepEqual(wide.options.preset, [256, 256, 256]);
  assert.notEqual(wide.options.preset, ORDER_WIDE_RECIPE.preset, 'a copy: no run shares the constant');
  assert.equal(wide.options.orderWeight, ORDER_WIDE_RECIPE.orderWeight);
  assert.equal(wide.options.maxSteps, 32_000, 'a step cap keeps a large table near fashion-MNIST’s cost');
  assert.equal(wide.options.classifierWeight, ORDER_RECIPE.classifierWeight);
  const none = objectiveOptions(null, resolved, given);
  assert.deepEqual(none.options, resolved);
});

test('the wide recipe draws classes together harder when its step budget cuts its epochs', () => {
  const wideRatio = (rows: number, given: object = {}) => {
    const settings = { labelColumn: 'x', ...given };
    return objectiveOptions('order-wide', resolveSettings(settings), settings, rows).options.classRatioWeight;
  };
  // 480 epochs of ⌈rows ÷ 128⌉ steps against the 32 000-step cap: 8 000 rows are 30 240 steps, 8 600 are 32 640
  assert.equal(wideRatio(8_000), ORDER_WIDE_RECIPE.classRatioWeight, 'fashion-MNIST runs every epoch');
  assert.equal(wideRatio(8_600), ORDER_WIDE_CUT_CLASS_RATIO_WEIGHT);
  assert.equal(wideRatio(56_000), ORDER_WIDE_CUT_CLASS_RATIO_WEIGHT, 'image_like_70000: 74 of 480 epochs');
  assert.equal(wideRatio(56_000, { classRatioWeight: 10 }), 10, "the user's weight wins");
  assert.equal(wideRatio(56_000, { maxSteps: 0 }), ORDER_WIDE_RECIPE.classRatioWeight, 'no cap, no cut');
  assert.equal(wideRatio(56_000, { epochs: 60 }), ORDER_WIDE_RECIPE.classRatioWeight, '60 × 438 fit the cap');
  assert.equal(wideRatio(8_000, { batchSize: 64 }), ORDER_WIDE_CUT_CLASS_RATIO_WEIGHT, '480 × 125 do not');
  const graph = objectiveOptions(
    'graph',
    resolveSettings({ labelColumn: 'x' }),
    { labelColumn: 'x' },
    56_000,
  );
  assert.equal(graph.options.classRatioWeight, GRAPH_RECIPE.classRatioWeight, 'only the wide recipe');
  assert.equal(epochsCutByBudget({ epochs: 2, batchSize: 10, maxSteps: 5, stepsPerEpoch: 2 }, 1_000), false);
  assert.equal(epochsCutByBudget({ epochs: 3, batchSize: 10, maxSteps: 5, stepsPerEpoch: 2 }, 1_000), true);
  // no maxSteps: the auto budget, which binds only above 50 000 rows
  assert.equal(epochsCutByBudget({ epochs: 10, batchSize: 100 }, 50_000), false);
  assert.equal(epochsCutByBudget({ epochs: 10, batchSize: 100 }, 50_100), true);
  assert.equal(epochsCutByBudget({ epochs: 10, batchSize: 100, patience: 0 }, 50_100), true);
});

test('a run with objective neighbourhoods trains with the recipe, names it, and keeps explicit settings', async () => {
  // 3 × 40 cells: 96 training cells, the small regime, so 'neighbourhoods' takes the order recipe
  const table = blobTable({ classes: 3, perClass: 40, genes: 12 });
  const warm = await runTraining(table, { labelColumn: 'cell_type', epochs: 1 });
  warm.encoder.dispose();
  const before = tf.memory().numTensors;
  const run = await runTraining(table, { labelColumn: 'cell_type', objective: 'neighbourhoods', epochs: 4 });
  run.encoder.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.equal(run.report.regime, 'small');
  assert.equal(run.report.objectiveRecipe, 'order');
  const p = run.report.parameters;
  assert.equal(p.objective, 'neighbourhoods');
  assert.equal(p.orderWeight, ORDER_RECIPE.orderWeight);
  assert.equal(p.classifierWeight, ORDER_RECIPE.classifierWeight);
  assert.equal(p.margin, ORDER_RECIPE.margin);
  assert.equal(p.epochs, 4, 'the epochs the user asked for');
  assert.equal(p.patience, 0, 'no early stopping in the order recipe');
  assert.equal(p.classEvidence, 0);
  assert.ok(Number.isFinite(run.metrics.trustworthiness ?? NaN));

  const graph = await runTraining(table, {
    labelColumn: 'cell_type',
    objective: 'graph',
    epochs: 2,
    graphWarmupSteps: 5,
    polishEpochs: 1,
  });
  graph.encoder.dispose();
  assert.equal(graph.report.objectiveRecipe, 'graph');
  assert.equal(
    graph.report.parameters.graphWeight,
    GRAPH_RECIPE.graphWeight,
    'forced: the recipe wins over the regime',
  );
  assert.equal(graph.report.parameters.graphWeightEnd, GRAPH_RECIPE.graphWeightEnd);
  assert.equal(graph.report.parameters.polishEpochs, 1, "the user's polish");

  const plain = await runTraining(table, { labelColumn: 'cell_type', epochs: 2 });
  plain.encoder.dispose();
  assert.equal(plain.report.objectiveRecipe, null);
  assert.equal(plain.report.parameters.orderWeight, 0);
});

test('a run passes its training rows to the recipe: a cut budget raises the wide recipe’s class-ratio weight', async () => {
  const table = blobTable({ classes: 3, perClass: 40, genes: 12 });
  const settings = { labelColumn: 'cell_type', objective: 'order-wide', epochs: 2 } as const;
  // 96 training rows at batch 128: one step an epoch, so 2 epochs fit a budget of 2 steps and not one of 1
  for (const [maxSteps, weight] of [
    [2, ORDER_WIDE_RECIPE.classRatioWeight],
    [1, ORDER_WIDE_CUT_CLASS_RATIO_WEIGHT],
  ] as const) {
    const run = await runTraining(table, { ...settings, maxSteps });
    run.encoder.dispose();
    assert.equal(run.report.parameters.classRatioWeight, weight, `maxSteps ${maxSteps}`);
  }
});
