import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandArgs } from '../../src/cli/args.js';
import { TRAINING_OPTIONS, trainSettingsFromArgs } from '../../src/cli/train-args.js';
import { resolveSettings } from '../../src/engine/settings.js';
import { UsageError } from '../../src/cli/usage-error.js';

function cliAccepts(option: string, value: string): boolean {
  try {
    trainSettingsFromArgs(parseCommandArgs('train', [`--${option}`, value], TRAINING_OPTIONS), 'label');
    return true;
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return false;
  }
}

function engineAccepts(key: string, value: number): boolean {
  try {
    resolveSettings({ labelColumn: 'label', [key]: value });
    return true;
  } catch {
    return false;
  }
}

test('the CLI accepts exactly the values the engine accepts at each range edge', () => {
  const edges: [option: string, key: string, values: number[]][] = [
    ['batch-size', 'batchSize', [1, 2, 100_000, 100_001]],
    ['epochs', 'epochs', [0, 1, 1_000_000, 1_000_001]],
    ['dims', 'dims', [0, 1, 10, 11]],
    ['margin', 'margin', [-1, 0, 1_000_000, 1_000_001]],
    ['learning-rate', 'learningRate', [0, 1e-9, 10, 10.5]],
    ['patience', 'patience', [-1, 0, 1_000_000, 1_000_001]],
    ['center-loss', 'centerLossWeight', [-0.5, 0, 1_000_000, 2_000_000]],
    ['classifier-weight', 'classifierWeight', [-0.5, 0, 1_000_000, 2_000_000]],
    ['class-evidence', 'classEvidence', [-1, 0, 1_000_000, 1_000_001]],
    ['holdout', 'holdout', [-0.1, 0, 0.9, 0.95]],
  ];
  for (const [option, key, values] of edges) {
    for (const value of values) {
      assert.equal(cliAccepts(option, String(value)), engineAccepts(key, value), `--${option} ${value}`);
    }
  }
});

test('seeds are plain integers from 0 to 2^32-1 (the generator keeps 32 bits)', () => {
  for (const ok of ['0', '7', '4294967295']) assert.ok(cliAccepts('seed', ok), ok);
  for (const bad of ['', '0x10', '1e3', '-1', '1.5', '4294967296']) assert.ok(!cliAccepts('seed', bad), bad);
});

test('preset layer sizes are plain integers', () => {
  assert.ok(cliAccepts('preset', '256,128'));
  for (const bad of ['0x10', '1e2,64', '64,', '', '64,-1']) assert.ok(!cliAccepts('preset', bad), bad);
});

test('--graph-weight, --regime and --stability reach the settings; bad values are usage errors', () => {
  const parse = (...argv: string[]) =>
    trainSettingsFromArgs(parseCommandArgs('train', argv, TRAINING_OPTIONS), 'label');
  const s = parse('--graph-weight', '10', '--regime', 'small', '--stability');
  assert.equal(s.graphWeight, 10);
  assert.equal(s.regime, 'small');
  assert.equal(s.stability, true);
  assert.equal(parse().stability, undefined);
  for (const value of [-1, 0, 1_000_000, 2_000_000]) {
    assert.equal(cliAccepts('graph-weight', String(value)), engineAccepts('graphWeight', value), `${value}`);
  }
  assert.ok(!cliAccepts('regime', 'tiny'));
});
