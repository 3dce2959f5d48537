import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrainRequest } from '../../src/api/engine-api.js';
import { buildTrainRequest, preprocessFields, TRAIN_FIELDS } from '../../renderer/train-fields.js';
import { preprocessFormValues, trainFormValues } from '../../renderer/settings-text.js';

const recommended = { normalize: false, log1p: false, topGenes: 2000, zscore: true, pcaComponents: 50 };

/** What the browser reports for an untouched form: every control at its field's default. */
const untouched = (fields: readonly { key: string; default: string | number | null }[]) =>
  Object.fromEntries(fields.map((f) => [f.key, f.default === null ? '' : String(f.default)]));

test('a run’s settings fill the forms so that Start asks for the same run', () => {
  const request: TrainRequest = {
    labelColumn: 'cell_type',
    epochs: 40,
    margin: 0.7,
    distance: 'cosine',
    dims: 2,
    holdout: 0.15,
    unlabeled: 'exclude',
    preprocess: { topGenes: 500, zscore: false, normalize: true },
  };
  const train = trainFormValues(request);
  assert.equal(train.epochs, '40');
  assert.equal(train.margin, '0.7');
  assert.equal(train.holdoutPercent, '15', 'the hold-out as the form shows it, a percentage');
  const preprocess = preprocessFormValues(request.preprocess ?? {}, recommended);
  assert.equal(preprocess.topGenes, '500');
  assert.equal(preprocess.zscore, 'false');
  assert.equal(preprocess.pcaComponents, '50', 'unset: the data’s recommended value');
  const again = buildTrainRequest('cell_type', train, preprocess, recommended);
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.request, request);
});

test('settings left unset, or not offered by the form, show the fields’ defaults', () => {
  assert.deepEqual(trainFormValues({ labelColumn: 'label' }), untouched(TRAIN_FIELDS));
  // a network given as layer sizes (the CLI's --preset 256,128): the select cannot show it
  assert.deepEqual(trainFormValues({ labelColumn: 'label', preset: [256, 128] }), untouched(TRAIN_FIELDS));
  assert.deepEqual(preprocessFormValues({}, recommended), untouched(preprocessFields(recommended)));
});
