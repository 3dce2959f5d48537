import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TRAIN_DEFAULTS } from '../../src/api/train-defaults.js';
import { resolveSettings } from '../../src/engine/settings.js';

test('the API default table equals what the engine resolves for a bare run (the CLI with only --label)', () => {
  const engine = resolveSettings({ labelColumn: 'label' });
  const { directionalMargin, snapshotEvery: _notATrainerOption, ...table } = TRAIN_DEFAULTS;
  for (const [key, value] of Object.entries(table)) {
    assert.equal(engine[key as keyof typeof engine], value, `default of ${key}`);
  }
  for (const distance of ['cosine', 'angular'] as const) {
    assert.equal(resolveSettings({ labelColumn: 'label', distance }).margin, directionalMargin);
  }
});
