/**
 * The Train form's fields are derived from the option schema: label, help, default, range and choices are
 * the schema's, the form accepts exactly what the engine accepts at every range edge, and a refused value is
 * a message under its field (the same range the CLI and engine state).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOption, optionDefault } from '../../src/api/option-resolve.js';
import { OPTION_SCHEMA, optionSpec } from '../../src/api/option-schema.js';
import { resolveSettings } from '../../src/engine/settings.js';
import {
  buildTrainRequest,
  parseNumberField,
  preprocessFields,
  TRAIN_FIELDS,
  type FormField,
} from '../../renderer/train-fields.js';
import { numberEdges } from '../api/option-edges.js';

const recommended = { normalize: false, log1p: false, topGenes: 2000, zscore: true, pcaComponents: 50 };
const fields: FormField[] = [...TRAIN_FIELDS, ...preprocessFields({})];

/** The options a text names by their keys, as the engine and the API know them (camelCase: classRatio). */
const namedKeys = (text: string): string[] =>
  (text.match(/\b[a-z]+[A-Z][A-Za-z]*\b/g) ?? []).filter((word) => Object.hasOwn(OPTION_SCHEMA, word));

test('each field shows its option’s label, help, default, range and choices from the schema', () => {
  for (const field of fields) {
    const spec = optionSpec(field.option);
    // a schema help that names another option by its key is worded for the page (the next test)
    if (namedKeys(spec.help).length === 0) assert.ok(field.help.startsWith(spec.help), field.key);
    if (field.key === field.option) assert.equal(field.label, spec.label);
    const fallback = optionDefault(field.option);
    if (field.kind === 'number') {
      assert.equal(spec.kind, 'number');
      if (spec.kind !== 'number') continue;
      const scale = field.scale ?? 1;
      assert.deepEqual(
        [field.min, field.max, field.default],
        // an option the engine decides when unset (default null) is an empty field showing 'auto'
        [spec.min * scale, spec.max * scale, fallback == null ? null : Number(fallback) * scale],
      );
      assert.equal(field.integer, spec.integer, field.key);
    } else {
      assert.equal(field.default, String(fallback), field.key);
      for (const choice of field.choices) {
        const value =
          spec.kind === 'number'
            ? Number(choice.value)
            : spec.kind === 'choice' || spec.kind === 'layers'
              ? choice.value
              : choice.value === 'auto'
                ? 'auto'
                : choice.value === 'true';
        assert.doesNotThrow(() => checkOption(field.option, value), `${field.key}: ${choice.value}`);
      }
      if (spec.kind === 'choice' && field.key !== 'dims') {
        assert.deepEqual([...field.choices.map((c) => c.value)].sort(), [...spec.choices].sort(), field.key);
      }
    }
  }
});

test('a field’s help names no option by its engine key: the page has no Split seed or Class ratio field', () => {
  // the CLI's help names them by their flags (option-help.ts); on the page "unless splitSeed is set" and
  // "a cell classRatio times nearer" named settings the user cannot see or set
  for (const field of fields) assert.deepEqual(namedKeys(field.help), [], `${field.label}: ${field.help}`);
  const seed = fields.find((f) => f.option === 'seed');
  assert.match(seed?.help ?? '', /^One seed for the split, sampling and initialisation/);
  const ratio = fields.find((f) => f.option === 'classRatioWeight');
  assert.match(ratio?.help ?? '', new RegExp(`a cell ${String(optionDefault('classRatio'))} times nearer`));
});

test('a number field accepts exactly what the engine accepts at every range edge', () => {
  for (const field of fields) {
    if (field.kind !== 'number') continue;
    const scale = field.scale ?? 1;
    const { ok, bad } = numberEdges(field.option);
    for (const value of [...ok, ...bad]) {
      const form: boolean = 'value' in parseNumberField(field, String(value * scale));
      const spec = optionSpec(field.option);
      const settings =
        spec.scope === 'preprocess'
          ? { labelColumn: 'x', preprocess: { [field.option]: value } }
          : spec.scope === 'request'
            ? null
            : { labelColumn: 'x', [field.option]: value };
      let engine = true;
      try {
        if (settings) resolveSettings(settings);
        else checkOption(field.option, value);
      } catch {
        engine = false;
      }
      assert.equal(form, engine, `${field.key} ${value * scale}`);
    }
  }
});

test('a refused value is a message under its field naming the range', () => {
  const { request, fieldErrors, errors } = buildTrainRequest(
    'x',
    { batchSize: '1', margin: '-1', seed: '4294967296' },
    {},
    recommended,
  );
  assert.equal(request, null);
  assert.deepEqual(fieldErrors, {
    batchSize: 'Batch size must be between 2 and 100000; got 1',
    margin: 'Margin must be between 0 and 1000000; got -1',
    seed: 'Seed must be between 0 and 4294967295; got 4294967296',
  });
  assert.deepEqual(errors, Object.values(fieldErrors));
});

test('the quadruplet loss with the batch-all sampler is a message under the sampler field', () => {
  const { request, fieldErrors } = buildTrainRequest(
    'x',
    { loss: 'quadruplet', sampler: 'batch-all' },
    {},
    recommended,
  );
  assert.equal(request, null);
  // the page's words: its setting's label, not the CLI's flag
  assert.match(
    fieldErrors.sampler ?? '',
    /quadruplet loss needs sampled quadruplets; set Triplet sampling to random/,
  );
  assert.doesNotMatch(fieldErrors.sampler ?? '', /--/);
  const ok = buildTrainRequest('x', { loss: 'quadruplet', sampler: 'hard' }, {}, recommended).request;
  assert.deepEqual(ok, { labelColumn: 'x', loss: 'quadruplet', sampler: 'hard' });
});

test('values the old form capped below the engine’s range are accepted now (one range: margin 150, 20 000 epochs)', () => {
  const { request } = buildTrainRequest(
    'x',
    { margin: '150', epochs: '20000', batchSize: '10000' },
    {},
    recommended,
  );
  assert.deepEqual(request, { labelColumn: 'x', margin: 150, epochs: 20000, batchSize: 10000 });
  assert.ok(request);
  assert.doesNotThrow(() => resolveSettings(request));
});
