// A numeric column held as its numbers (numeric-column.ts) gives the Import summary and the label checks the
// same answers as the same column as text, without making its text (number-counts.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  columnLabelFacts,
  countMetadataColumn,
  isContinuousColumn,
  labelClassCount,
  metadataLabelFacts,
  suggestLabelColumn,
} from '../../src/data/label-column.js';
import {
  columnNumbers,
  formatNumbers,
  holdNumbers,
  numberText,
  numericTextsMade,
  type ColumnNumbers,
} from '../../src/data/numeric-column.js';
import { textFloor, topCounts, topNumberCounts, countNumbers } from '../../src/data/number-counts.js';
import { previewTable } from '../../src/data/table-preview.js';
import { datasetSummary } from '../../src/engine/session-summary.js';
import type { ExpressionTable, MetadataColumn } from '../../src/data/types.js';

/** A seeded generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROWS = 600;

/** Columns of the kinds an obs holds, with NaN, ±Infinity, −0, ties and values next to powers of ten. */
function columns(): [string, ColumnNumbers][] {
  const r = rng(7);
  const of = <T extends ColumnNumbers>(make: (n: number) => T, value: (i: number) => number): T => {
    const out = make(ROWS);
    for (let i = 0; i < ROWS; i++) out[i] = value(i);
    return out;
  };
  const f32 = (v: (i: number) => number) => of((n) => new Float32Array(n), v);
  const f64 = (v: (i: number) => number) => of((n) => new Float64Array(n), v);
  return [
    ['n_counts', f32(() => Math.exp(6 + r() * 3))],
    ['S_score', f32(() => (r() - 0.5) * 0.8)],
    ['pct_counts_mt', f32((i) => (i % 9 === 0 ? NaN : r() * 20))],
    ['tiny', f64(() => (r() - 0.5) * 1e-7)],
    ['near_powers', f64((i) => 10 ** ((i % 13) - 6) * (1 + (i % 5) * 1e-16) * (i % 2 ? -1 : 1))],
    ['nines', f32((i) => 9.99999 * 10 ** ((i % 7) - 3))],
    ['ties', f32((i) => [0.5, 0.25, 1.5, 2, 10, 100, 1000, 0.125, 3.75, 9.5, 12, 0.1, 0.2, 0.3][i % 14])],
    ['with_inf', f32((i) => (i === 5 ? Infinity : i === 9 ? -Infinity : Math.round(r() * 4)))],
    ['zeros', f64((i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : 1 + (i % 4)))],
    [
      'leiden_int',
      of(
        (n) => new Int32Array(n),
        (i) => i % 7,
      ),
    ],
    [
      'many_ints',
      of(
        (n) => new Int32Array(n),
        () => Math.floor(r() * 5000) - 2500,
      ),
    ],
    [
      'flags',
      of(
        (n) => new Uint8Array(n),
        (i) => i % 2,
      ),
    ],
    ['all_nan', f64(() => NaN)],
    ['int64_gaps', f64((i) => (i % 11 === 0 ? NaN : i % 17 === 0 ? -0 : Math.floor(r() * 900) - 300))],
    ['wide_ints', f64(() => Math.floor(r() * 1e7))],
    ['big', f64(() => (r() - 0.5) * 1e25)],
    // a bulk panel's age: few whole numbers, most of them one row's, spread out (spreadWholeNumbers)
    ['age_like', f32((i) => (i < 60 ? 20 + 3 * i : 20))],
  ];
}

function textTable(cols: [string, ColumnNumbers][]): ExpressionTable {
  const metadata = cols.map(([name, numbers]) => ({
    name,
    values: formatNumbers(numbers, numbers instanceof Float32Array),
  }));
  return table(metadata);
}

function numericTable(cols: [string, ColumnNumbers][]): ExpressionTable {
  return table(cols.map(([name, numbers]) => holdNumbers<MetadataColumn>({ name, values: [] }, numbers)));
}

function table(metadata: MetadataColumn[]): ExpressionTable {
  return {
    source: 'mem.h5ad',
    idColumn: 'obs_names',
    ids: Array.from({ length: ROWS }, (_, i) => `c${i}`),
    genes: ['g1'],
    values: { format: 'dense', rows: ROWS, cols: 1, data: new Float32Array(ROWS) },
    metadata,
    warnings: [],
    format: { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] },
  };
}

const sorted = (m: Map<string, number> | undefined) =>
  m ? [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)) : m;

test('a column held as numbers gives the Import summary, label facts and checks of its text, without making the text', () => {
  const cols = columns();
  const text = textTable(cols);
  const numeric = numericTable(cols);
  const made = numericTextsMade();
  for (const [i, m] of numeric.metadata.entries()) {
    const a = countMetadataColumn(text.metadata[i], ROWS);
    const b = countMetadataColumn(m, ROWS);
    assert.deepEqual(
      [b.distinct, b.missing, b.continuous, b.top(12), sorted(b.classes)],
      [a.distinct, a.missing, a.continuous, a.top(12), sorted(a.classes)],
      m.name,
    );
    const facts = metadataLabelFacts(m, ROWS);
    const textFacts = columnLabelFacts(text.metadata[i].values, ROWS);
    assert.deepEqual(
      { ...facts, classes: sorted(facts.classes) },
      { ...textFacts, classes: sorted(textFacts.classes) },
      m.name,
    );
    assert.equal(isContinuousColumn(numeric, m.name), isContinuousColumn(text, m.name), m.name);
    assert.equal(labelClassCount(numeric, m.name), labelClassCount(text, m.name), m.name);
  }
  assert.equal(isContinuousColumn(text, 'age_like'), true, 'spread whole numbers are a measurement');
  assert.equal(suggestLabelColumn(numeric), suggestLabelColumn(text));
  const preview = previewTable(numeric, 10, 12);
  assert.deepEqual(preview, previewTable(text, 10, 12));
  const ids = { datasetId: 'd', source: 'mem.h5ad', metadataSource: null };
  assert.deepEqual(datasetSummary(numeric, preview, {}, ids), datasetSummary(text, preview, {}, ids));
  // none of it made a column's text
  assert.equal(numericTextsMade(), made);
  assert.ok(numeric.metadata.every((m) => columnNumbers(m) !== undefined));
  // and the text, made on demand, is the text column's
  assert.deepEqual(numeric.metadata, text.metadata);
  assert.equal(numericTextsMade(), made + cols.length);
});

test('the top values of a million-way tie are the smallest texts, found without making every text', () => {
  const r = rng(11);
  for (const make of [(n: number) => new Float32Array(n), (n: number) => new Float64Array(n)]) {
    const numbers = make(20000);
    for (let i = 0; i < numbers.length; i++) numbers[i] = (r() - 0.3) * 10 ** Math.floor(r() * 8 - 4);
    const counts = new Map<string, number>();
    for (const v of numbers) {
      const t = numberText(v, numbers instanceof Float32Array);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    assert.deepEqual(topNumberCounts(countNumbers(numbers), 12), topCounts(counts, 12));
  }
});

test("textFloor is never after a value's text", () => {
  const r = rng(3);
  const values: number[] = [];
  for (let e = -30; e <= 30; e++) {
    const p = 10 ** e;
    for (const f of [
      1,
      1 - 1e-16,
      1 + 1e-16,
      1 - 1e-7,
      1 + 1e-7,
      2,
      2 - 1e-15,
      9.99999,
      9.999999999,
      0.999999,
    ]) {
      values.push(p * f, Math.fround(p * f));
    }
    for (let k = 0; k < 40; k++) values.push(p * r() * 10, Math.fround(p * r() * 10));
  }
  const bits = new Uint32Array(2);
  const asDouble = new Float64Array(bits.buffer);
  const asFloat = new Float32Array(bits.buffer);
  for (let k = 0; k < 20000; k++) {
    bits[0] = Math.floor(r() * 2 ** 32);
    bits[1] = Math.floor(r() * 2 ** 32);
    values.push(asDouble[0], asFloat[0]);
  }
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    for (const x of [v, -v]) {
      for (const float32 of [false, Math.fround(x) === x]) {
        if (!float32 && Math.fround(x) === x && r() < 0.5) continue;
        const text = numberText(x, float32);
        assert.ok(
          textFloor(x) <= text,
          `${x} (${float32 ? 'float32' : 'float64'}): ${textFloor(x)} > ${text}`,
        );
      }
    }
  }
});
