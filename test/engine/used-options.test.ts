import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPTION_SCHEMA } from '../../src/api/option-schema.js';
import { resolveSettings } from '../../src/engine/settings.js';
import { usedOptions } from '../../src/engine/used-options.js';

test('usedOptions records every schema option: given, default, or null when the engine computes it', () => {
  const parameters = resolveSettings({ labelColumn: 'cell_type', epochs: 7, distance: 'cosine' });
  const options = usedOptions({
    parameters,
    preprocess: { topGenes: 500, zscore: false },
    splitSeed: 3,
    learningRate: 0.002,
    snapshotEvery: 5,
  });
  assert.deepEqual(Object.keys(options), Object.keys(OPTION_SCHEMA));
  assert.equal(options.epochs, 7);
  assert.equal(options.classEvidence, OPTION_SCHEMA.classEvidence.default, 'a default is written out');
  assert.equal(options.margin, OPTION_SCHEMA.margin.directionalDefault, "the cosine distance's margin");
  assert.deepEqual(
    [options.topGenes, options.zscore, options.pcaComponents, options.normalize],
    [500, false, OPTION_SCHEMA.pcaComponents.default, 'auto'],
  );
  assert.deepEqual([options.splitSeed, options.learningRate, options.snapshotEvery], [3, 0.002, 5]);
  assert.equal(options.stepsPerEpoch, null, 'computed by the engine, not recorded');
  assert.equal(JSON.parse(JSON.stringify(options)).stepsPerEpoch, null, 'kept in run.json as null');
});
