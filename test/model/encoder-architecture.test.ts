// The encoder's shape options are refused as every other option is: an OptionError naming the CLI's flag in its
// message and the Train screen's field in its appMessage, within the schema's bounds. resolveArchitecture
// named the API's fields ("dims must be…", "A custom preset…") and let a layer wider than --preset allows by.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OptionError } from '../../src/api/option-error.js';
import { OPTION_SCHEMA } from '../../src/api/option-schema.js';
import { pageOptionName } from '../../src/api/option-words.js';
import { resolveArchitecture } from '../../src/model/encoder-architecture.js';

const refusedAs = (flag: string, field: string) => (err: unknown) => {
  assert.ok(err instanceof OptionError, String(err));
  assert.ok(err.message.startsWith(`--${flag} must be`), err.message);
  assert.ok(err.appMessage.startsWith(`${field} must be`), err.appMessage);
  return true;
};

test('a bad map dimension or network is refused naming --dims / --preset, and the page’s fields', () => {
  const dims = OPTION_SCHEMA.dims;
  const preset = OPTION_SCHEMA.preset;
  assert.throws(
    () => resolveArchitecture('default', dims.max + 1),
    refusedAs('dims', pageOptionName('dims')),
  );
  assert.throws(() => resolveArchitecture('default', 1.5), refusedAs('dims', pageOptionName('dims')));
  for (const bad of [[], [0, 8], [preset.maxSize + 1]]) {
    assert.throws(() => resolveArchitecture(bad, 3), refusedAs('preset', pageOptionName('preset')));
  }
  // what the schema allows still resolves: the hidden layers, then the map's linear output
  const layers = resolveArchitecture([preset.maxSize, 4], dims.max);
  assert.deepEqual(
    layers.map((l) => [l.units, l.activation]),
    [
      [preset.maxSize, 'selu'],
      [4, 'selu'],
      [dims.max, 'linear'],
    ],
  );
});
