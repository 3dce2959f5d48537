import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CATEGORICAL_PALETTE,
  categoryColor,
  isNumericColumn,
  parseNumericColumn,
  robustRange,
} from '../../renderer/colors.js';

test('category colours are distinct within the palette and keep going beyond it', () => {
  const first = Array.from({ length: CATEGORICAL_PALETTE.length }, (_, i) => categoryColor(i));
  assert.equal(new Set(first).size, first.length);
  const beyond = Array.from({ length: 20 }, (_, i) => categoryColor(CATEGORICAL_PALETTE.length + i));
  assert.equal(new Set(beyond).size, beyond.length);
  for (const c of beyond) assert.match(c, /^hsl\(\d+, 55%, 50%\)$/);
});

test('robustRange ignores outliers and non-finite values', () => {
  const values = new Float32Array(1000);
  for (let i = 0; i < values.length; i++) values[i] = i / 999;
  values[0] = -1e6;
  values[999] = 1e6;
  values[500] = NaN;
  const { min, max } = robustRange(values);
  assert.ok(min > -0.1 && min < 0.1, `min ${min}`);
  assert.ok(max > 0.9 && max < 1.1, `max ${max}`);
});

test('robustRange widens constant data and survives empty input', () => {
  assert.deepEqual(robustRange([3, 3, 3]), { min: 2.5, max: 3.5 });
  assert.deepEqual(robustRange([]), { min: 0, max: 1 });
  assert.deepEqual(robustRange([NaN, Infinity]), { min: 0, max: 1 });
  // a mostly-zero gene (typical scRNA) still gets a usable range from the full span
  const sparse = [...Array(200).fill(0), 5];
  assert.deepEqual(robustRange(sparse), { min: 0, max: 5 });
});

test('numeric metadata columns are recognised, text ones are not', () => {
  assert.equal(isNumericColumn(['1', '2.5', '', 'NA', '-3e2']), true);
  assert.equal(isNumericColumn(['1', 'B cell']), false);
  assert.equal(isNumericColumn(['', 'NA']), false);
  const parsed = parseNumericColumn(['1', '', '2.5']);
  assert.equal(parsed[0], 1);
  assert.ok(Number.isNaN(parsed[1]));
  assert.equal(parsed[2], 2.5);
});
