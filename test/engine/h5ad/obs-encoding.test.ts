import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  categoryNumbers,
  encodeObsColumn,
  isFewDistinct,
  MAX_CATEGORIES,
  obsColumnOf,
  sortCategories,
  toCategorical,
} from '../../../src/engine/h5ad/obs-encoding.js';
import {
  formatNumbers,
  holdNumbers,
  isFloat32,
  numericTextsMade,
  type ColumnNumbers,
} from '../../../src/data/numeric-column.js';
import type { StoredColumn } from '../../../src/data/types.js';

test('few distinct values become a categorical with sorted categories and −1 for missing', () => {
  const e = encodeObsColumn({ name: 'cell_type', values: ['T', 'B', 'T', '', 'NA', 'B'] });
  assert.equal(e.kind, 'categorical');
  if (e.kind !== 'categorical') return;
  assert.deepEqual(e.categories, ['B', 'T']);
  assert.deepEqual(Array.from(e.codes), [1, 0, 1, -1, -1, 0]);
  assert.ok(e.codes instanceof Int8Array);
});

test('cluster numbers sort numerically (leiden 0, 1, 2, 10), text by code point', () => {
  assert.deepEqual(sortCategories(['10', '2', '0', '1']), ['0', '1', '2', '10']);
  assert.deepEqual(sortCategories(['b', 'B', 'a', '10']), ['10', 'B', 'a', 'b']);
});

test('per-cell values stay strings; per-cell numbers become float64 with NaN for missing', () => {
  const ids = Array.from({ length: 10 }, (_, i) => `barcode_${i}`);
  assert.deepEqual(encodeObsColumn({ name: 'barcode', values: ids }), { kind: 'string', values: ids });
  const counts = Array.from({ length: 10 }, (_, i) => (i === 3 ? 'NA' : String(100 + i * 7.5)));
  const e = encodeObsColumn({ name: 'n_counts', values: counts });
  assert.equal(e.kind, 'numeric');
  if (e.kind !== 'numeric') return;
  assert.ok(Number.isNaN(e.values[3]));
  assert.equal(e.values[4], 130);
});

test('a forced categorical keeps every distinct value; numbers pass through', () => {
  const e = encodeObsColumn({ name: 'split', values: ['train', 'holdout'], as: 'categorical' });
  assert.equal(e.kind, 'categorical');
  const n = encodeObsColumn({ name: 'confidence', numbers: Float32Array.from([0.5, NaN]) });
  assert.equal(n.kind, 'numeric');
  if (n.kind === 'numeric') assert.ok(Number.isNaN(n.values[1]));
});

test('the "few" rule: at most half the cells and MAX_CATEGORIES; codes widen with the category count', () => {
  assert.ok(isFewDistinct(5, 10));
  assert.ok(!isFewDistinct(6, 10));
  assert.ok(!isFewDistinct(MAX_CATEGORIES + 1, 10 ** 6));
  const many = Array.from({ length: 300 }, (_, i) => `c${i}`);
  assert.ok(toCategorical(many).codes instanceof Int16Array);
});

test('a column the source stored keeps its encoding: category order, ints, float32, strings stay strings', () => {
  const values = ['2', '1', '2', '1'];
  const categorical = encodeObsColumn({
    name: 'c',
    values: ['b', '', 'a', 'b'],
    stored: { kind: 'categorical', categories: ['b', 'a', 'unused'], ordered: true },
  });
  assert.deepEqual(categorical, {
    kind: 'categorical',
    categories: ['b', 'a', 'unused'],
    codes: Int8Array.from([0, -1, 1, 0]),
    ordered: true,
  });
  const integer = encodeObsColumn({ name: 'n', values, stored: { kind: 'integer' } });
  assert.deepEqual(integer, { kind: 'integer', values: BigInt64Array.from([2n, 1n, 2n, 1n]) });
  const float32 = encodeObsColumn({ name: 'f', values, stored: { kind: 'number', dtype: 'float32' } });
  assert.ok(float32.kind === 'numeric' && float32.values instanceof Float32Array);
  // few distinct values, but the source stored strings: no categorical
  assert.deepEqual(encodeObsColumn({ name: 's', values, stored: { kind: 'string' } }), {
    kind: 'string',
    values,
  });
});

test('a nullable integer with missing values becomes float64 with NaN; booleans fall back to inference', () => {
  const e = encodeObsColumn({
    name: 'n',
    values: ['3', '', '4', '3'],
    stored: { kind: 'integer', nullable: true },
  });
  assert.ok(e.kind === 'numeric' && e.values instanceof Float64Array);
  assert.deepEqual(Array.from(e.values), [3, NaN, 4, 3]);
  const b = encodeObsColumn({ name: 'b', values: ['True', 'False', 'True'], stored: { kind: 'boolean' } });
  assert.equal(b.kind, 'categorical');
});

// A scanpy walkthrough: a pandas 'string' column's missing values (a nullable-string-array's mask) were written
// as '' in a string-array, so they read back as values (adata.obs.note.isna() all False).
test('a nullable string column with missing values becomes a categorical whose gaps stay missing', () => {
  const e = encodeObsColumn({
    name: 'note',
    values: ['note 1', '', 'NA', 'note 1', 'a'],
    stored: { kind: 'string', nullable: true },
  });
  // 'NA' in a text column is a value, not a gap
  assert.deepEqual(e, {
    kind: 'categorical',
    categories: ['NA', 'a', 'note 1'],
    codes: Int8Array.from([2, -1, 0, 2, 1]),
  });
  // without a gap, or not nullable ('' is then a value), it stays a string column
  const full = ['x', 'y', 'x'];
  assert.deepEqual(encodeObsColumn({ name: 'n', values: full, stored: { kind: 'string', nullable: true } }), {
    kind: 'string',
    values: full,
  });
  const plain = ['x', '', 'x'];
  assert.deepEqual(encodeObsColumn({ name: 'n', values: plain, stored: { kind: 'string' } }), {
    kind: 'string',
    values: plain,
  });
});

// A walkthrough: uint8/int32… columns (a loom's booleans, obs int32 counts) were written back as int64.
test('an integer column keeps its stored dtype; a gap still gives float64 with NaN, a value out of range int64', () => {
  const int32 = encodeObsColumn({
    name: 'n',
    values: ['7', ' -2 ', '0'],
    stored: { kind: 'integer', dtype: 'int32' },
  });
  assert.deepEqual(int32, { kind: 'integer', values: Int32Array.of(7, -2, 0) });
  const uint64 = encodeObsColumn({
    name: 'n',
    values: ['18446744073709551615', '0'],
    stored: { kind: 'integer', dtype: 'uint64' },
  });
  assert.deepEqual(uint64, { kind: 'integer', values: BigUint64Array.of(2n ** 64n - 1n, 0n) });
  // a missing value in a non-nullable column (an edited or joined value): float64 with NaN, never 0
  const gap = encodeObsColumn({
    name: 'n',
    values: ['1', '', '0'],
    stored: { kind: 'integer', dtype: 'uint8' },
  });
  assert.ok(gap.kind === 'numeric' && gap.values instanceof Float64Array);
  assert.deepEqual(Array.from(gap.values), [1, NaN, 0]);
  // a value the dtype cannot hold is not wrapped: the column is written as int64
  const wide = encodeObsColumn({
    name: 'n',
    values: ['1', '256', '-1'],
    stored: { kind: 'integer', dtype: 'uint8' },
  });
  assert.deepEqual(wide, { kind: 'integer', values: BigInt64Array.of(1n, 256n, -1n) });
});

test('numeric categories are written as the numbers of their stored dtype (int64 leiden codes stay int64)', () => {
  const intcat = encodeObsColumn({
    name: 'intcat',
    values: ['0', '3', '', '1'],
    stored: { kind: 'categorical', categories: ['0', '1', '2', '3'], categoryDtype: 'int64' },
  });
  assert.deepEqual(intcat, {
    kind: 'categorical',
    categories: ['0', '1', '2', '3'],
    codes: Int8Array.from([0, 3, -1, 1]),
    numericCategories: BigInt64Array.from([0n, 1n, 2n, 3n]),
  });
  assert.deepEqual(categoryNumbers(['10', '-5'], 'int32'), Int32Array.from([10, -5]));
  assert.deepEqual(categoryNumbers(['2', '0.5'], 'float64'), Float64Array.from([2, 0.5]));
  assert.deepEqual(categoryNumbers(['0.1'], 'float32'), Float32Array.from([0.1]));
  assert.deepEqual(categoryNumbers(['9223372036854775807'], 'int64'), BigInt64Array.from([2n ** 63n - 1n]));
});

test('categories that are not numbers of the stored dtype are written as text', () => {
  // an added label, a value out of range, a fraction for integers, two texts for one number
  assert.equal(categoryNumbers(['0', '1', 'edited'], 'int64'), undefined);
  assert.equal(categoryNumbers(['200'], 'int8'), undefined);
  assert.equal(categoryNumbers(['-1'], 'uint16'), undefined);
  assert.equal(categoryNumbers(['9223372036854775808'], 'int64'), undefined);
  assert.equal(categoryNumbers(['1.5'], 'int32'), undefined);
  assert.equal(categoryNumbers(['1', '01'], 'int64'), undefined);
  assert.equal(categoryNumbers(['x'], 'float64'), undefined);
  const e = encodeObsColumn({
    name: 'c',
    values: ['0', 'new'],
    stored: { kind: 'categorical', categories: ['0'], categoryDtype: 'int64' },
  });
  assert.ok(e.kind === 'categorical');
  assert.deepEqual(e.categories, ['0', 'new']);
  assert.equal(e.numericCategories, undefined);
});

/** An encoding's kind and, for a typed array of values, its type and bytes (NaN, −0 and ±0 told apart). */
function encodingBytes(e: ReturnType<typeof encodeObsColumn>): { kind: string; type: string; bytes: string } {
  if (e.kind !== 'numeric' && e.kind !== 'integer')
    return { kind: e.kind, type: '', bytes: JSON.stringify(e) };
  const bytes = Buffer.from(e.values.buffer, e.values.byteOffset, e.values.byteLength).toString('hex');
  return { kind: e.kind, type: e.values.constructor.name, bytes };
}

// The result writer took every held numeric column's text (made for the column, then parsed back): the
// numbers are now written from their typed array, which must give what their text gives.
test('a column held as numbers encodes as its text does, for each stored dtype, without making text', () => {
  const f32 = Math.fround;
  const floats = [0, -0, NaN, Infinity, -Infinity, 0.1, f32(0.1), 1e-45, f32(3.4e38), f32(-2.5), 16777217];
  const mixed = [
    ...floats,
    ...Array.from({ length: 200 }, (_, i) => Math.sin(i + 1) * 10 ** ((i % 40) - 20)),
  ];
  const cases: [ColumnNumbers, StoredColumn][] = [
    [Float32Array.from(mixed), { kind: 'number', dtype: 'float32' }],
    [Float64Array.from(mixed), { kind: 'number', dtype: 'float64' }],
    [Float64Array.from(mixed), { kind: 'number' }],
    [Int8Array.of(-128, 0, 127, -1), { kind: 'integer', dtype: 'int8' }],
    [Int16Array.of(-32768, 5, 32767), { kind: 'integer', dtype: 'int16' }],
    [Int32Array.of(-(2 ** 31), 0, 2 ** 31 - 1), { kind: 'integer', dtype: 'int32' }],
    [Uint8Array.of(0, 1, 255), { kind: 'integer', dtype: 'uint8' }],
    [Uint16Array.of(0, 65535), { kind: 'integer', dtype: 'uint16' }],
    [Uint32Array.of(0, 4000000000), { kind: 'integer', dtype: 'uint32' }],
    // int64 and uint64 columns are held as a Float64Array of safe integers
    [Float64Array.of(-(2 ** 53) + 1, 0, 2 ** 53 - 1, 7), { kind: 'integer', dtype: 'int64' }],
    [Float64Array.of(0, 2 ** 53 - 1, 3), { kind: 'integer', dtype: 'uint64' }],
    [Float64Array.of(1, 2), { kind: 'integer' }],
    // values the stored dtype cannot hold are written as int64, as their text is
    [Int32Array.of(-1, 300), { kind: 'integer', dtype: 'uint8' }],
    // held as another width than the stored one (no reader does): the text route, whatever it gives
    [Float32Array.from(mixed), { kind: 'number', dtype: 'float64' }],
    [Float64Array.from(mixed), { kind: 'number', dtype: 'float32' }],
    [Float64Array.of(0.5, 2), { kind: 'integer', dtype: 'int32' }],
  ];
  for (const [numbers, stored] of cases) {
    const made = numericTextsMade();
    const held = encodeObsColumn({ name: 'x', numbers, stored });
    assert.equal(numericTextsMade(), made);
    const text = encodeObsColumn({ name: 'x', values: formatNumbers(numbers, isFloat32(numbers)), stored });
    assert.deepEqual(
      encodingBytes(held),
      encodingBytes(text),
      `${numbers.constructor.name} as ${stored.dtype}`,
    );
  }
});

test('obsColumnOf: a column held as numbers stays numbers; a text column (or one read since) is text', () => {
  const stored: StoredColumn = { kind: 'number', dtype: 'float32' };
  const column = holdNumbers({ name: 'n_counts', values: [] as string[], stored }, Float32Array.of(1.5, NaN));
  const made = numericTextsMade();
  const held = obsColumnOf('n_counts_', column);
  assert.equal(numericTextsMade(), made);
  assert.ok('numbers' in held && held.numbers instanceof Float32Array);
  assert.deepEqual({ ...held, numbers: undefined }, { name: 'n_counts_', numbers: undefined, stored });
  assert.equal(column.values[0], '1.5');
  assert.deepEqual(obsColumnOf('n_counts', column), { name: 'n_counts', values: ['1.5', ''], stored });
  assert.deepEqual(obsColumnOf('a', { values: ['x'] }), { name: 'a', values: ['x'] });
});
