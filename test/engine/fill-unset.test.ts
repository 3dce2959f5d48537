// The rule shared by the small regime and the objective's recipes: a preset fills only what the user left unset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillUnset } from '../../src/engine/fill-unset.js';

test('fillUnset: the preset fills unset options, the user’s win, lists are copied, chosen grows', () => {
  const preset = { margin: 4, epochs: 45, preset: [256, 256] };
  const resolved = { margin: 1, epochs: 30, seed: 0, preset: 'default' as unknown };
  const { options, chosen } = fillUnset(preset, resolved, { margin: 2, epochs: undefined });
  assert.deepEqual(options, { margin: 1, epochs: 45, seed: 0, preset: [256, 256] });
  assert.notEqual(options.preset, preset.preset);
  assert.deepEqual(chosen, { margin: 2, epochs: 45, preset: [256, 256] });
  assert.deepEqual(
    resolved,
    { margin: 1, epochs: 30, seed: 0, preset: 'default' },
    'resolved is not changed',
  );
});
