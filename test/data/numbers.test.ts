// parseNumber reads decimal notation only: JavaScript's own hex, binary and octal literals are not numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitsFloat32, isInfinityToken, parseNumber } from '../../src/data/numbers.js';
import { shownValue } from '../../src/data/errors.js';

test('decimals in every notation are numbers', () => {
  for (const [text, value] of [
    ['1', 1],
    [' 2.5 ', 2.5],
    ['+3', 3],
    ['-0.25', -0.25],
    ['.5', 0.5],
    ['1e-7', 1e-7],
    ['-1.5E+3', -1500],
    ['Infinity', Infinity],
  ] as const) {
    assert.equal(parseNumber(text), value, text);
  }
});

test('0x1F, 0b101, 0o17, blanks and decimal commas are not numbers', () => {
  for (const text of ['0x1F', ' 0X1f ', '0b101', '0o17', '', '  ', '1,5', 'Inf', '1.2.3', '1_000']) {
    assert.ok(Number.isNaN(parseNumber(text)), text);
  }
});

test('float32 range and infinity tokens', () => {
  assert.equal(fitsFloat32(3.4e38), true);
  assert.equal(fitsFloat32(1e39), false);
  assert.equal(fitsFloat32(-1e39), false);
  for (const text of ['Inf', '-inf', '+Infinity', '∞']) assert.equal(isInfinityToken(text), true, text);
  assert.equal(isInfinityToken('info'), false);
});

test('shownValue trims and cuts at 40 characters', () => {
  assert.equal(shownValue('  abc '), 'abc');
  assert.equal(shownValue('y'.repeat(41)), `${'y'.repeat(40)}…`);
  assert.equal(shownValue('z'.repeat(5_000_000)).length, 41);
});
