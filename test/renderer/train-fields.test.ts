import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildTrainRequest,
  parseNumberField,
  preprocessFields,
  TRAIN_FIELDS,
} from '../../renderer/train-fields.js';
import { resolveSettings } from '../../src/engine/settings.js';

const recommended = { normalize: false, log1p: false, topGenes: 2000, zscore: true, pcaComponents: 50 };

test('every field has a label, a one-line help and a default among its choices or within its range', () => {
  for (const f of [...TRAIN_FIELDS, ...preprocessFields(recommended)]) {
    assert.ok(f.label && f.help && !f.help.includes('\n'), f.key);
    if (f.kind === 'select')
      assert.ok(
        f.choices.some((c) => c.value === f.default),
        f.key,
      );
    else if (f.default === null) assert.ok(f.autoText?.startsWith('auto'), f.key);
    else assert.ok(f.default >= f.min && f.default <= f.max, f.key);
  }
});

/** What the browser reports for an untouched form: every control at its field's default. */
const untouched = (fields: readonly { key: string; default: string | number | null }[]) =>
  Object.fromEntries(fields.map((f) => [f.key, f.default === null ? '' : String(f.default)]));

test('the form shows the engine defaults: patience 5, unlabeled knn, 30 epochs', () => {
  const byKey = new Map(TRAIN_FIELDS.map((f) => [f.key, f.default]));
  assert.equal(byKey.get('patience'), 5);
  assert.equal(byKey.get('unlabeled'), 'knn');
  assert.equal(byKey.get('epochs'), 30);
  assert.equal(byKey.get('maxSteps'), null, 'the step budget is left to the engine (auto)');
});

test('the step budget field: empty is auto (not sent), a number is sent, a negative one is refused', () => {
  const train = untouched(TRAIN_FIELDS);
  const pre = untouched(preprocessFields(recommended));
  const auto = buildTrainRequest('bulk_labels', train, pre, recommended);
  assert.equal(auto.request?.maxSteps, undefined);
  const set = buildTrainRequest('bulk_labels', { ...train, maxSteps: '4000' }, pre, recommended);
  assert.equal(set.request?.maxSteps, 4000);
  const bad = buildTrainRequest('bulk_labels', { ...train, maxSteps: '-3' }, pre, recommended);
  assert.ok(bad.fieldErrors.maxSteps, 'a negative budget gets a message under the field');
});

test('an untouched form trains with exactly the CLI defaults (the engine resolves the same settings)', () => {
  const { request, errors } = buildTrainRequest(
    'bulk_labels',
    untouched(TRAIN_FIELDS),
    untouched(preprocessFields(recommended)),
    recommended,
  );
  assert.deepEqual(errors, []);
  assert.ok(request);
  // nothing but the label column is sent: the engine applies its own defaults, as for `train --label`
  assert.deepEqual(request, { labelColumn: 'bulk_labels' });
  assert.deepEqual(resolveSettings(request), resolveSettings({ labelColumn: 'bulk_labels' }));
  // empty number fields also mean "default"
  assert.deepEqual(buildTrainRequest('bulk_labels', {}, {}, recommended).request, request);
});

test('a changed field is sent even when another default depends on it (cosine keeps its own margin)', () => {
  const values = { ...untouched(TRAIN_FIELDS), distance: 'cosine', patience: '0' };
  const { request } = buildTrainRequest('x', values, {}, recommended);
  assert.deepEqual(request, { labelColumn: 'x', distance: 'cosine', patience: 0 });
  assert.ok(request);
  assert.equal(
    resolveSettings(request).margin,
    resolveSettings({ labelColumn: 'x', distance: 'cosine' }).margin,
  );
});

test('the objective’s extra terms are in the form, off by default, and a weight set there is sent', () => {
  const byKey = new Map(TRAIN_FIELDS.map((f) => [f.key, f.default]));
  for (const key of ['graphWeight', 'orderWeight', 'classRatioWeight', 'classifierWeight'])
    assert.equal(byKey.get(key), 0, key);
  const values = { ...untouched(TRAIN_FIELDS), orderWeight: '3', classifierWeight: '0.5' };
  const { request } = buildTrainRequest('x', values, {}, recommended);
  assert.deepEqual(request, { labelColumn: 'x', orderWeight: 3, classifierWeight: 0.5 });
  const bad = buildTrainRequest('x', { ...values, graphWeight: '-1' }, {}, recommended);
  assert.ok(bad.fieldErrors.graphWeight, 'a negative weight gets a message under its field');
});

test('the objective is a field at triplet; choosing neighbourhoods sends it alone, so the engine’s recipe fills the rest', () => {
  const field = TRAIN_FIELDS.find((f) => f.key === 'objective');
  assert.ok(field && field.kind !== 'number', 'an objective choice on the form');
  assert.equal(field.default, 'triplet');
  assert.deepEqual(
    field.choices.map((c) => c.value),
    ['triplet', 'neighbourhoods', 'graph', 'order', 'order-wide'],
  );
  const { request } = buildTrainRequest(
    'x',
    { ...untouched(TRAIN_FIELDS), objective: 'neighbourhoods' },
    {},
    recommended,
  );
  assert.deepEqual(request, { labelColumn: 'x', objective: 'neighbourhoods' });
});

test('the class evidence is in the form at its default (10), and 0 is sent to turn it off', () => {
  const byKey = new Map(TRAIN_FIELDS.map((f) => [f.key, f.default]));
  assert.equal(byKey.get('classEvidence'), 10);
  const { request } = buildTrainRequest(
    'x',
    { ...untouched(TRAIN_FIELDS), classEvidence: '0' },
    {},
    recommended,
  );
  assert.deepEqual(request, { labelColumn: 'x', classEvidence: 0 });
});

test('edited values are used, hold-out % becomes a fraction', () => {
  const { request } = buildTrainRequest(
    'cell_type',
    { dims: '2', epochs: '5', holdoutPercent: '10', sampler: 'hard', margin: '0.5' },
    { normalize: 'auto', pcaComponents: '0' },
    recommended,
  );
  assert.ok(request);
  assert.equal(request.dims, 2);
  assert.equal(request.epochs, 5);
  assert.equal(request.holdout, 0.1);
  assert.equal(request.sampler, 'hard');
  assert.equal(request.margin, 0.5);
  assert.equal(request.preprocess?.normalize, 'auto');
  assert.equal(request.preprocess?.pcaComponents, 0);
});

test('bad numbers are reported by field name and no request is made', () => {
  const { request, errors } = buildTrainRequest(
    '',
    { epochs: '2.5', learningRate: 'fast', holdoutPercent: '95' },
    {},
    recommended,
  );
  assert.equal(request, null);
  assert.equal(errors.length, 4);
  assert.match(errors[0], /label column/);
  assert.ok(errors.some((e) => /Epochs must be a whole number/.test(e)));
  assert.ok(errors.some((e) => /Learning rate: 'fast' is not a number/.test(e)));
  assert.ok(errors.some((e) => /Hold-out % must be between 0 and 90; got 95/.test(e)));
});

test('parseNumberField: empty means default', () => {
  const epochs = TRAIN_FIELDS.find((f) => f.key === 'epochs');
  assert.ok(epochs && epochs.kind === 'number');
  assert.deepEqual(parseNumberField(epochs, '  '), { value: epochs.default });
  assert.deepEqual(parseNumberField(epochs, '7'), { value: 7 });
});
