import assert from 'node:assert/strict';
import { test } from 'node:test';
import { float32Text } from '../../src/util/float32-text.js';
import { seededRandom } from '../../src/util/random.js';

/** float32Text as it was (and as it is defined): the first of toPrecision(1…9) that reads back as the value. */
function formerFloat32Text(value: number): string {
  for (let digits = 1; digits <= 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(value);
}

const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);

/** The float32 values `span` steps either side of fround(v), both signs. */
function neighbours(v: number, span: number): number[] {
  asFloat[0] = v;
  const at = bits[0];
  const out: number[] = [];
  for (let d = -span; d <= span; d++) {
    bits[0] = at + d;
    out.push(asFloat[0], -asFloat[0]);
  }
  return out;
}

/** Seeded float32 inputs where an arithmetic shortcut could go wrong, and the values an atlas obs holds. */
function hardValues(): number[] {
  const random = seededRandom(11);
  const values: number[] = [];
  // next to every power of ten a float32 reaches (the decimal exponent's edges)
  for (let k = -45; k <= 38; k++) values.push(...neighbours(Number(`1e${k}`), 40));
  // next to d-digit ties and carries (x.5, 9.95, 9.9995 …) across the arithmetic's range and beyond it
  for (let k = -18; k <= 25; k++) {
    for (const m of [1.5, 2.5, 9.5, 9.95, 9.995, 9.99995, 9.9999995, 1.25, 3.125, 7.8125]) {
      values.push(...neighbours(m * Number(`1e${k}`), 6));
    }
  }
  // dyadic values: exact ties of the decimal grid at some digit count
  for (let m = 1; m < 1024; m += 3) for (let s = -12; s <= 26; s++) values.push(m / 2 ** s, -m / 2 ** s);
  // integers either side of 2²⁴, where a float32 stops holding every integer
  for (let d = -50; d <= 50; d++) values.push(2 ** 24 + 2 * d, -(2 ** 24 + d), 2 ** 25 + 4 * d);
  // zeros, subnormals, the largest, infinities and NaN
  values.push(0, -0, 1e-45, 1.4e-45, 1e-40, -1e-39, 3.4028234663852886e38, Infinity, -Infinity, NaN);
  // atlas QC columns: depths, fractions, percentages, scores, size factors
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  for (let i = 0; i < 4000; i++) {
    const depth = Math.exp(8 + 0.6 * normal());
    values.push(depth, depth / 3600, Math.log1p(depth), random() * 20, random() ** 8, 0.2 * normal());
  }
  // random bit patterns: every exponent
  const words = new Uint32Array(1);
  const floats = new Float32Array(words.buffer);
  for (let i = 0; i < 20000; i++) {
    words[0] = Math.floor(random() * 2 ** 32);
    values.push(floats[0]);
  }
  return values.map(Math.fround);
}

test('float32Text gives the former text for every float32 tried: powers of ten, ties, dyadics, QC values, random bits', () => {
  let checked = 0;
  for (const value of hardValues()) {
    const expected = formerFloat32Text(value);
    if (float32Text(value) !== expected) {
      assert.equal(float32Text(value), expected, `float32 ${value} (bits ${bitsOf(value)})`);
    }
    checked++;
  }
  assert.ok(checked > 60000, `${checked} values checked`);
});

function bitsOf(value: number): string {
  asFloat[0] = value;
  return `0x${bits[0].toString(16)}`;
}

test('float32Text of ordinary obs values makes no decimal text per digit count (toPrecision is not called)', () => {
  // the former loop called toPrecision up to nine times a value: ~4 µs, 40 s for a million-cell atlas's
  // float32 QC columns; the digits are now tried in arithmetic, so a value costs one String()
  const random = seededRandom(5);
  const values = Array.from({ length: 5000 }, (_, i) =>
    Math.fround(i % 2 ? Math.exp(8 + random()) : random() * 40),
  );
  const original = Number.prototype.toPrecision;
  let calls = 0;
  Number.prototype.toPrecision = function (this: number, precision?: number): string {
    calls++;
    return original.call(this, precision);
  };
  const texts: string[] = [];
  try {
    for (const v of values) texts.push(float32Text(v));
  } finally {
    Number.prototype.toPrecision = original;
  }
  assert.deepEqual(texts, values.map(formerFloat32Text));
  assert.ok(calls <= values.length / 100, `toPrecision called ${calls} times for ${values.length} values`);
});

test('an integer-valued float32 below 2²⁴ (a count stored as float32) is its plain integer text', () => {
  for (const v of [0, -0, 1, 7, 10, 100, 1000, 1234, 99999, 100000, 16777215, -16777215, -42]) {
    assert.equal(float32Text(v), String(v));
    assert.equal(float32Text(v), formerFloat32Text(v));
  }
  for (const v of [2 ** 24, 2 ** 24 + 2, 2 ** 24 + 4, 123456792, 2 ** 31])
    assert.equal(float32Text(v), formerFloat32Text(v), `${v}: above 2²⁴ the shortest text that reads back`);
});
