// A categorical column held as its codes (category-column.ts) gives the Import summary, the label checks, the
// label picker and the preview the same answers as the same column as text, without making its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  columnLabelFacts,
  countMetadataColumn,
  isContinuousColumn,
  labelClassCount,
  labelColumnSummary,
  metadataLabelFacts,
  suggestLabelColumn,
} from '../../src/data/label-column.js';
import {
  categoryCounts,
  categoryText,
  categoryTextsMade,
  columnCodes,
  holdCodes,
  type CategoryCodes,
  type HeldCodes,
} from '../../src/data/category-column.js';
import { columnLength, metadataColumnOf, valueText } from '../../src/data/numeric-column.js';
import { previewTable } from '../../src/data/table-preview.js';
import { inspectTable } from '../../src/data/inspect.js';
import { datasetSummary } from '../../src/engine/session-summary.js';
import type { ExpressionTable, MetadataColumn } from '../../src/data/types.js';

const ROWS = 600;

/** Codes of `type` for ROWS rows from `code(i)`. */
function codes(type: new (n: number) => CategoryCodes, code: (i: number) => number): CategoryCodes {
  const out = new type(ROWS);
  for (let i = 0; i < ROWS; i++) out[i] = code(i);
  return out;
}

/**
 * Categoricals of the kinds an obs holds, and the awkward ones: categories that are missing tokens or "no
 * label" words, that trim to the same text, numbers whole and not, ±Infinity, more than max classes, −1 codes.
 */
function columns(): [string, HeldCodes][] {
  const numbered = (k: number) => Array.from({ length: k }, (_, i) => String(i));
  return [
    [
      'cell_type',
      { codes: codes(Int8Array, (i) => (i % 11 === 0 ? -1 : i % 4)), categories: ['B', 'T', 'NK', 'Mono'] },
    ],
    [
      'awkward',
      {
        codes: codes(Int8Array, (i) => (i * 7) % 10),
        categories: [' a', 'a', 'b ', 'NA', 'None', '<NA>', '', 'nan ', 'Null', 'c'],
      },
    ],
    ['leiden', { codes: codes(Int8Array, (i) => (i * 13) % 40), categories: numbered(40) }],
    ['leiden32', { codes: codes(Int32Array, (i) => (i * 5) % 7), categories: numbered(7) }],
    ['fraction', { codes: codes(Int8Array, (i) => i % 3), categories: ['0.5', '1.5', '2'] }],
    // a bulk panel's age: few whole numbers, most of one row, spread out (a measurement)
    [
      'age',
      {
        codes: codes(Int8Array, (i) => (i < 60 ? i : 0)),
        categories: numbered(60).map((a) => String(20 + 3 * +a)),
      },
    ],
    ['many', { codes: codes(Int16Array, (i) => i % 300), categories: numbered(300).map((c) => `c${c}`) }],
    ['many_numbers', { codes: codes(Int16Array, (i) => i % 300), categories: numbered(300) }],
    ['text_label', { codes: codes(Int8Array, (i) => i % 4), categories: ['1', '2', '3', 'x'] }],
    ['infinite', { codes: codes(Int8Array, (i) => i % 2), categories: ['Infinity', '1'] }],
    ['all_missing', { codes: codes(Int8Array, () => -1), categories: ['a', 'b'] }],
    ['unused', { codes: codes(Int8Array, () => 1), categories: ['never', 'always', 'also never'] }],
  ];
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

function heldTable(cols: [string, HeldCodes][]): ExpressionTable {
  return table(
    cols.map(([name, held]) =>
      holdCodes<MetadataColumn>(
        { name, values: [], stored: { kind: 'categorical', categories: [...held.categories] } },
        held,
      ),
    ),
  );
}

function textTable(cols: [string, HeldCodes][]): ExpressionTable {
  return table(
    cols.map(([name, held]) => ({
      name,
      values: categoryText(held),
      stored: { kind: 'categorical', categories: [...held.categories] },
    })),
  );
}

/** A Map as its entries, in order (assert's deepEqual of two Maps ignores their order). */
const entries = (m: Map<string, number> | undefined) => (m ? [...m] : m);

test('a categorical held as codes gives the Import summary, label facts and checks of its text, without making the text', () => {
  const cols = columns();
  const text = textTable(cols);
  const held = heldTable(cols);
  const made = categoryTextsMade();
  for (const [i, m] of held.metadata.entries()) {
    const a = countMetadataColumn(text.metadata[i], ROWS);
    const b = countMetadataColumn(m, ROWS);
    assert.deepEqual(
      [b.distinct, b.missing, b.continuous, b.top(12), entries(b.classes)],
      [a.distinct, a.missing, a.continuous, a.top(12), entries(a.classes)],
      m.name,
    );
    const facts = metadataLabelFacts(m, ROWS);
    const textFacts = columnLabelFacts(text.metadata[i].values, ROWS);
    assert.deepEqual(
      { ...facts, classes: entries(facts.classes) },
      { ...textFacts, classes: entries(textFacts.classes) },
      m.name,
    );
    assert.equal(isContinuousColumn(held, m.name), isContinuousColumn(text, m.name), m.name);
    assert.equal(labelClassCount(held, m.name), labelClassCount(text, m.name), m.name);
    assert.deepEqual(labelColumnSummary(held, m.name), labelColumnSummary(text, m.name), m.name);
  }
  // the columns do tell the rules apart
  const continuous = cols.map(([name]) => isContinuousColumn(text, name));
  assert.deepEqual(
    cols.filter((_, i) => continuous[i]).map(([name]) => name),
    ['fraction', 'age', 'many_numbers'],
  );
  assert.equal(suggestLabelColumn(held), suggestLabelColumn(text));
  const withoutCellType = (t: ExpressionTable) => ({ ...t, metadata: t.metadata.slice(1) });
  assert.equal(suggestLabelColumn(withoutCellType(held)), suggestLabelColumn(withoutCellType(text)));
  const preview = previewTable(held, 10, 12);
  assert.deepEqual(preview, previewTable(text, 10, 12));
  assert.deepEqual(inspectTable(held), inspectTable(text));
  const ids = { datasetId: 'd', source: 'mem.h5ad', metadataSource: null };
  assert.deepEqual(datasetSummary(held, preview, {}, ids), datasetSummary(text, preview, {}, ids));
  // none of it made a column's text
  assert.equal(categoryTextsMade(), made);
  assert.ok(held.metadata.every((m) => columnCodes(m) !== undefined));
  // and the text, made on demand, is the text column's
  assert.deepEqual(held.metadata, text.metadata);
  assert.equal(categoryTextsMade(), made + cols.length);
  assert.ok(held.metadata.every((m) => columnCodes(m) === undefined));
});

test("a held column's text is made once, on first read, and then it is an ordinary text column", () => {
  const held = { codes: Int8Array.of(1, -1, 0, 1), categories: ['x', 'y'] };
  const column = holdCodes<MetadataColumn>({ name: 'c', values: [], stored: { kind: 'categorical' } }, held);
  assert.equal(columnLength(column), 4);
  assert.deepEqual(
    [0, 1, 2, 3].map((r) => valueText(column, r)),
    ['y', '', 'x', 'y'],
  );
  // a copy of a reader's column stays held
  const copy = metadataColumnOf(column);
  assert.equal(columnCodes(copy), held);
  const made = categoryTextsMade();
  assert.deepEqual(JSON.parse(JSON.stringify(column)).values, ['y', '', 'x', 'y']);
  assert.equal(categoryTextsMade(), made + 1);
  assert.equal(columnCodes(column), undefined, 'the codes are forgotten once the text is made');
  assert.equal(column.values, column.values, 'the text is kept, not made again');
  assert.equal(categoryTextsMade(), made + 1);
  column.values[0] = 'edited';
  assert.equal(valueText(column, 0), 'edited');
  // assigning values replaces the codes too
  const other = holdCodes<MetadataColumn>({ name: 'd', values: [] }, held);
  other.values = ['a', 'b', 'c', 'd'];
  assert.equal(columnCodes(other), undefined);
  assert.deepEqual(other.values, ['a', 'b', 'c', 'd']);
  assert.equal(categoryTextsMade(), made + 1);
});

test('categoryCounts lists each text with its rows in the order it first occurs, the missing code as ""', () => {
  const held = { codes: Int16Array.of(2, 2, -1, 0, 2, -1), categories: ['a', 'b', 'c'] };
  assert.deepEqual(categoryCounts(held), [
    ['c', 3],
    ['', 2],
    ['a', 1],
  ]);
});
