// fastDecimal must give exactly Number(text) for every plain decimal it accepts, and decline (NaN) the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fastDecimal } from '../../src/data/fast-decimal.js';

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

test('plain decimals up to 15 digits read exactly as Number() reads them', () => {
  fc.assert(
    fc.property(fc.boolean(), digits(1, 8), fc.option(digits(0, 7)), (negative, whole, fraction) => {
      const text = `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`;
      assert.ok(Object.is(fastDecimal(text), Number(text)), text);
    }),
    { numRuns: 5000, seed: 3 },
  );
  for (const text of ['0', '-0', '.5', '1.', '0.000001', '999999999999999', '123456.789012345']) {
    assert.ok(Object.is(fastDecimal(text), Number(text)), text);
  }
});

test('anything else is declined with NaN, for the general path to handle', () => {
  for (const text of [
    '',
    '-',
    '.',
    '+1',
    ' 1',
    '1 ',
    '1e5',
    '1E-3',
    '1.2.3',
    '1,5',
    'NA',
    '0x10',
    'Infinity',
    '1234567890123456',
  ]) {
    assert.ok(Number.isNaN(fastDecimal(text)), text);
  }
  fc.assert(
    fc.property(fc.double({ noNaN: true }), (v) => {
      const text = String(v);
      const fast = fastDecimal(text);
      assert.ok(Number.isNaN(fast) || Object.is(fast, Number(text)), text);
    }),
    { numRuns: 5000, seed: 4 },
  );
});
