// A numeric column held as its numbers behaves as its text column for code that reads, copies or changes
// `values`: the text is made on the first read, and a copy never carries the numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import {
  columnLength,
  columnNumbers,
  holdNumbers,
  holdableNumbers,
  numericTextsMade,
  valueText,
} from '../../src/data/numeric-column.js';
import {
  importTable,
  previewFile,
  inspectTable,
  isContinuousColumn,
  suggestLabelColumn,
} from '../../src/data/index.js';
import { datasetSummary } from '../../src/engine/session-summary.js';
import type { MetadataColumn } from '../../src/data/types.js';
import { packageRoot } from '../../src/util/paths.js';

const CSR_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');

function held(): MetadataColumn {
  return holdNumbers<MetadataColumn>(
    { name: 'score', values: [], stored: { kind: 'number', dtype: 'float32' } },
    new Float32Array([0.1, NaN, -0, 2.5]),
  );
}

test('the text is made on the first read of values, then the column is a plain text column', () => {
  const column = held();
  const made = numericTextsMade();
  assert.equal(columnLength(column), 4);
  assert.equal(valueText(column, 0), '0.1');
  assert.equal(valueText(column, 1), '');
  assert.equal(numericTextsMade(), made);
  assert.deepEqual(column.values, ['0.1', '', '0', '2.5']);
  assert.equal(numericTextsMade(), made + 1);
  assert.equal(columnNumbers(column), undefined);
  column.values[0] = 'x';
  assert.equal(valueText(column, 0), 'x');
  assert.deepEqual(Object.keys(column), ['name', 'values', 'stored']);
});

test('copies, clones and JSON of a held column are its text column; assigning values drops the numbers', () => {
  const text = {
    name: 'score',
    values: ['0.1', '', '0', '2.5'],
    stored: { kind: 'number', dtype: 'float32' },
  };
  const spread = { ...held() };
  assert.equal(columnNumbers(spread), undefined);
  assert.deepEqual(spread, text);
  assert.equal(JSON.stringify(held()), JSON.stringify(text));
  assert.deepEqual(structuredClone(held()), text);
  const assigned = held();
  assigned.values = ['a', 'b', 'c', 'd'];
  assert.equal(columnNumbers(assigned), undefined);
  assert.equal(valueText(assigned, 3), 'd');
});

test('int64 columns are held as numbers only when every value is a safe integer', () => {
  assert.ok(holdableNumbers(new BigInt64Array([1n, -2n, 2n ** 53n - 1n])) instanceof Float64Array);
  assert.equal(holdableNumbers(new BigInt64Array([2n ** 53n])), undefined);
  assert.equal(holdableNumbers(['1']), undefined);
});

const OPENED: [string, string[]][] = [
  [CSR_H5AD, ['n_counts', 'n_genes']],
  [join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.loom'), ['is_doublet', 'n_counts']],
];

for (const [file, expected] of OPENED) {
  test(`${basename(file)}: float and integer cell columns are held as numbers through the open — import, preview, Import summary, inspect and label checks — and give the text columns' answers`, async () => {
    const table = await importTable(file);
    const numeric = table.metadata.filter((m) => columnNumbers(m) !== undefined).map((m) => m.name);
    assert.deepEqual(numeric, expected);
    const ids = { datasetId: 'd', source: file, metadataSource: null };
    const made = numericTextsMade();
    const preview = await previewFile(file, { rows: 10, cols: 12, table });
    const summary = datasetSummary(table, preview, {}, ids);
    const facts = inspectTable(table);
    const checks = table.metadata.map((m) => isContinuousColumn(table, m.name));
    const suggested = suggestLabelColumn(table);
    assert.equal(numericTextsMade(), made);
    // the same as from the text columns
    const text = { ...table, metadata: table.metadata.map((m) => ({ ...m })) };
    assert.equal(numericTextsMade(), made + numeric.length);
    assert.ok(text.metadata.every((m) => columnNumbers(m) === undefined));
    const textPreview = await previewFile(file, { rows: 10, cols: 12, table: text });
    assert.deepEqual(preview, textPreview);
    assert.deepEqual(summary, datasetSummary(text, textPreview, {}, ids));
    assert.deepEqual(facts, inspectTable(text));
    assert.deepEqual(
      checks,
      text.metadata.map((m) => isContinuousColumn(text, m.name)),
    );
    assert.equal(suggested, suggestLabelColumn(text));
  });
}
