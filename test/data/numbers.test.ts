// parseNumber reads decimal notation only: JavaScript's own hex, binary and octal literals are not numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainNotANumber, fitsFloat32, isInfinityToken, parseNumber } from '../../src/data/numbers.js';
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

// a user audit: "12,345 uses a decimal comma" for a value written with a thousands separator
test('a thousands separator is called one (remove it); a decimal comma keeps its hint', () => {
  assert.match(
    explainNotANumber('1,234,567', 'cli'),
    /^"1,234,567" looks like 1234567 written with thousands separators; .*remove the thousands separators/,
  );
  assert.doesNotMatch(explainNotANumber('1,234,567', 'cli'), /decimal comma|'\.' decimals/);
  assert.match(
    explainNotANumber('12,345', 'cli'),
    /^"12,345" looks like 12345 written with a thousands separator; .*remove/,
  );
  // one comma before 3 digits may still be a decimal comma: said second
  assert.match(
    explainNotANumber('12,345', 'cli'),
    /if ',' is the decimal separator there, read the file with ',' as the decimal separator: --decimal comma\)\.$/,
  );
  assert.match(
    explainNotANumber('-1,234.5', 'cli'),
    /looks like -1234\.5 written with a thousands separator/,
  );
  for (const text of ['0,5', '1,5', ' -12,3456 ', '0,345']) {
    assert.match(
      explainNotANumber(text, 'cli'),
      /uses a decimal comma: read the file with ',' as the decimal separator \(--decimal comma\)\.$/,
      text,
    );
  }
  assert.match(
    explainNotANumber('1.234,5', 'cli'),
    /uses a decimal comma and '\.' between thousands: save the numbers without thousands separators, then read the file with ','/,
  );
  assert.equal(explainNotANumber('1,2,3', 'cli'), '"1,2,3" is not a number.');
  // each side names its own setting, never both in one sentence
  assert.match(
    explainNotANumber('1,5', 'app'),
    /uses a decimal comma: read the file with ',' as the decimal separator \(Import settings ▸ Decimal separator: comma \(1,25\)\)\.$/,
  );
});
