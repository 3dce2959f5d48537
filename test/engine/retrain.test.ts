import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EditedLabels } from '../../src/api/annotation.js';
import { FINE_TUNE_EPOCHS } from '../../src/api/annotate.js';
import {
  editedLabelsProblem,
  editedValues,
  labelledTable,
  retrainSettings,
} from '../../src/engine/retrain.js';
import type { TrainingRun } from '../../src/engine/types.js';
import { GRAPH_RECIPE, ORDER_WIDE_RECIPE } from '../../src/engine/objective.js';
import { blobTable } from './helpers.js';

const edited = (codes: number[]): EditedLabels => ({
  column: 'label_edited',
  source: 'cell_type',
  categories: ['A', 'B'],
  codes: Int32Array.from(codes),
});

test('editedLabelsProblem names what is wrong with labels a page sent', () => {
  assert.equal(editedLabelsProblem(edited([0, 1, -1]), 3), null);
  assert.match(editedLabelsProblem(edited([0, 1]), 3)!, /one edited label per cell \(3\); got 2/);
  // counts grouped as the app's other sentences group them
  assert.match(
    editedLabelsProblem(edited(new Array<number>(1199).fill(0)), 1200)!,
    /one edited label per cell \(1\u202f200\); got 1\u202f199/,
  );
  assert.match(editedLabelsProblem(edited([0, 2, 0]), 3)!, /class 2 of 2/);
  assert.match(
    editedLabelsProblem({ ...edited([0]), codes: [0] as unknown as Int32Array }, 1)!,
    /one edited/,
  );
  assert.match(editedLabelsProblem({ ...edited([0]), column: ' ' }, 1)!, /no name/);
  assert.match(editedLabelsProblem(null, 1)!, /no edited labels/);
});

test('labelledTable adds the edited column beside the original (replacing an older edit)', () => {
  const table = blobTable({ classes: 2, perClass: 2 });
  const once = labelledTable(table, edited([0, -1, 1, 1]));
  assert.deepEqual(
    once.metadata.map((m) => m.name),
    ['cell_type', 'label_edited'],
  );
  assert.deepEqual(once.metadata[1].values, ['A', '', 'B', 'B']);
  assert.deepEqual(
    table.metadata.map((m) => m.name),
    ['cell_type'],
    'the table is not changed',
  );
  const twice = labelledTable(once, edited([1, 1, 1, 1]));
  assert.deepEqual(
    twice.metadata.map((m) => m.name),
    ['cell_type', 'label_edited'],
  );
  assert.deepEqual(editedValues(edited([1, -1])), ['B', '']);
});

test('retrainSettings: fine-tuning keeps the shape-fixing settings of the last run; scratch takes the request', () => {
  const last = {
    report: {
      parameters: {
        labelColumn: 'cell_type',
        dims: 2,
        preset: [16],
        seed: 3,
        preprocess: { pca: 10 },
        epochs: 30,
        learningRate: 0.001,
        regime: 'auto',
      },
      regime: 'small',
    },
  } as unknown as TrainingRun;
  const fine = retrainSettings({ editedLabels: edited([0]), dims: 3, seed: 9, learningRate: 0.01 }, last);
  assert.equal(fine.labelColumn, 'label_edited');
  assert.equal(fine.dims, 2);
  assert.deepEqual(fine.preset, [16]);
  assert.equal(fine.seed, 3);
  assert.equal(fine.regime, 'small', 'the regime the last run used, not auto again');
  assert.equal(fine.epochs, FINE_TUNE_EPOCHS);
  assert.equal(fine.learningRate, 0.01, 'training options the request sets still apply');
  assert.equal(retrainSettings({ editedLabels: edited([0]), epochs: 2 }, last).epochs, 2);

  const scratch = retrainSettings({ editedLabels: edited([0]), init: 'scratch', dims: 3 }, last);
  assert.equal(scratch.dims, 3);
  assert.equal(scratch.epochs, 30);
  assert.equal(scratch.regime, 'auto', 'the regime the user asked for, chosen again');
  assert.equal(
    retrainSettings({ editedLabels: edited([0]), init: 'scratch' }, null).labelColumn,
    'label_edited',
  );
});

test('retrainSettings from scratch chooses the regime’s and the objective recipe’s settings again', () => {
  const last = {
    report: {
      parameters: {
        labelColumn: 'cell_type',
        objective: 'neighbourhoods',
        regime: 'auto',
        ...GRAPH_RECIPE,
        margin: 2,
        classEvidence: 0,
      },
      regime: 'small',
      objectiveRecipe: 'graph',
    },
  } as unknown as TrainingRun;
  const scratch = retrainSettings({ editedLabels: edited([0]), init: 'scratch' }, last);
  assert.equal(scratch.objective, 'neighbourhoods');
  assert.equal(scratch.margin, 2, "the user's own margin stays");
  for (const key of [
    'graphWeightEnd',
    'polishEpochs',
    'orderWeight',
    'epochs',
    'classEvidence',
    'graphWeight',
  ]) {
    assert.equal(key in scratch, false, `${key} is chosen again`);
  }
  const asTriplet = retrainSettings(
    { editedLabels: edited([0]), init: 'scratch', objective: 'triplet' },
    last,
  );
  assert.equal(asTriplet.objective, 'triplet');
  assert.equal(
    'graphWeightEnd' in asTriplet,
    false,
    'no recipe value outlives a switch back to the plain map',
  );
  const wideLast = {
    report: {
      parameters: {
        labelColumn: 'cell_type',
        objective: 'neighbourhoods',
        ...ORDER_WIDE_RECIPE,
        preset: [256, 256, 256],
      },
      regime: 'standard',
      objectiveRecipe: 'order-wide',
    },
  } as unknown as TrainingRun;
  const wideScratch = retrainSettings({ editedLabels: edited([0]), init: 'scratch' }, wideLast);
  assert.equal('preset' in wideScratch, false, 'the recipe’s layer sizes are chosen again too');
  assert.equal('maxSteps' in wideScratch, false);
  const fine = retrainSettings({ editedLabels: edited([0]) }, last);
  assert.equal(fine.graphWeightEnd, GRAPH_RECIPE.graphWeightEnd, 'fine-tuning keeps the last run as it was');
});
