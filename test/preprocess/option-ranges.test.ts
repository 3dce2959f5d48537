// The engine's preprocessing checked its options by rules of its own, looser than the option schema's that
// the CLI, the page and EngineApi requests go by: a target sum of 0.5, 10⁹ variable genes or PCA components
// and an infinite clip were taken from a direct engine caller, a normalisation switch of 'on' too, and its
// refusals were worded otherwise. Every preprocessing option of the schema, at and around its bounds: the
// engine refuses exactly what the schema refuses, with the schema's own OptionError.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OptionError } from '../../src/api/option-error.js';
import { checkOption } from '../../src/api/option-resolve.js';
import { optionKeys, optionSpec, type OptionSpec } from '../../src/api/option-schema.js';
import type { PreprocessOptions } from '../../src/api/preprocess-options.js';
import { fitPreprocess } from '../../src/preprocess/index.js';
import { geneNames, randomMatrix } from './helpers.js';

/** Values at, just inside and just outside `spec`'s bounds, fractions, and what no range holds. */
function probes(spec: OptionSpec): unknown[] {
  const odd = [Number.NaN, Infinity, -Infinity, 'auto', 'on', true, false, 1, 0, -1, 0.5, '10', 1e9, 1e300];
  if (spec.kind !== 'number') return odd;
  const { min, max } = spec;
  const near = [min, min - 1, min - 0.5, min + 0.5, min + 1, max, max - 0.5, max + 0.5, max + 1, max * 10];
  return [...near, ...odd, spec.default ?? min];
}

/** The schema's refusal of `value` for `key` (null: allowed). */
function schemaRefusal(key: Parameters<typeof checkOption>[0], value: unknown): OptionError | null {
  try {
    checkOption(key, value);
    return null;
  } catch (err) {
    assert.ok(err instanceof OptionError, String(err));
    return err;
  }
}

test('the engine refuses exactly the preprocessing values the option schema refuses, in its words', async () => {
  // non-negative, so that normalisation and log1p, when switched on, take it
  const matrix = randomMatrix(12, 6, 3);
  matrix.data = matrix.data.map(Math.abs);
  const genes = geneNames(6);
  const keys = optionKeys('preprocess');
  assert.ok(
    keys.some((key) => optionSpec(key).kind === 'number'),
    'the schema has numeric options',
  );
  for (const key of keys) {
    for (const value of probes(optionSpec(key))) {
      const refusal = schemaRefusal(key, value);
      const options = { [key]: value } as PreprocessOptions;
      const engine = await fitPreprocess(matrix, genes, options).then(
        () => null,
        (err: unknown) => err,
      );
      const what = `${key} = ${String(value)}`;
      if (refusal === null)
        assert.equal(engine, null, `${what}: the schema allows it, the engine refused it`);
      else {
        assert.ok(
          engine instanceof OptionError,
          `${what}: the schema refuses it, the engine gave ${String(engine)}`,
        );
        assert.equal(engine.message, refusal.message, what);
        assert.equal(engine.appMessage, refusal.appMessage, what);
      }
    }
  }
});
