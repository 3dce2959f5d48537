// A ';' spreadsheet's metadata columns of decimal-comma numbers (purity 0,73, age 42,5) are measurements, as
// the same columns of a '.' file are: never a label suggested, and written out as the numbers they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commaMetadataValues } from '../../src/data/comma-metadata.js';
import { importTable } from '../../src/data/index.js';
import { isContinuousColumn, suggestLabelColumn } from '../../src/data/label-column.js';
import { inspectTable } from '../../src/data/inspect.js';
import { encodeObsColumn, obsColumnOf } from '../../src/engine/h5ad/obs-encoding.js';
import type { ImportOptions } from '../../src/data/options.js';

const load = (name: string, text: string, options?: ImportOptions) =>
  importTable({ name, bytes: new TextEncoder().encode(text) }, options);

/** 12 samples: a purity of 3 values, an age with a fraction, an id-like code and 3 genes. */
function panel(delimiter: string, point: string): string {
  const lines = [['sample', 'purity', 'age', 'leiden', 'G1', 'G2', 'G3'].join(delimiter)];
  for (let i = 0; i < 12; i++) {
    const purity = i === 5 ? 'NA' : `0${point}${7 + (i % 3)}`;
    const fields = [
      `s${i}`,
      purity,
      `${40 + i}${point}5`,
      `${i % 4}`,
      `${i}${point}25`,
      `0${point}${i}`,
      `${i % 5}`,
    ];
    lines.push(fields.join(delimiter));
  }
  return `${lines.join('\n')}\n`;
}

test('numbers written with a decimal comma are read by the genes reader; text and dots are left as they are', () => {
  assert.deepEqual(commaMetadataValues(['0,73', 'NA', '', '42', ' 1,5E-05 ']), [
    '0.73',
    'NA',
    '',
    '42',
    '0.000015',
  ]);
  // a text label, a '.' (1.234 may be 1234) or whole numbers only: the column as written
  assert.equal(commaMetadataValues(['0,73', 'high']), undefined);
  assert.equal(commaMetadataValues(['0,73', '1.5']), undefined);
  assert.equal(commaMetadataValues(['1', '2', 'NA']), undefined);
});

test("a ';' table's decimal-comma metadata is a measurement, as the '.' table's, in inspect, the suggestion and the h5ad", async () => {
  const comma = await load('eu.csv', panel(';', ','));
  const dot = await load('us.csv', panel(',', '.'));
  assert.deepEqual(
    comma.metadata.map((m) => m.name),
    ['purity', 'age', 'leiden'],
  );
  assert.deepEqual(
    comma.metadata,
    dot.metadata,
    'the same text as the dot file (which the CSV exports write)',
  );
  assert.equal(comma.metadata[0].values[0], '0.7');
  assert.equal(comma.metadata[0].values[5], 'NA', 'a missing value kept as written');
  for (const name of ['purity', 'age']) assert.ok(isContinuousColumn(comma, name), name);
  assert.ok(!isContinuousColumn(comma, 'leiden'), 'whole-number codes stay labels');
  // purity's 3 values are no label: the leiden codes are suggested, as for the dot file
  assert.equal(suggestLabelColumn(comma), 'leiden');
  assert.equal(suggestLabelColumn(dot), 'leiden');
  const facts = inspectTable(comma).metadataColumns;
  assert.deepEqual(
    facts.filter((m) => m.continuous).map((m) => m.name),
    ['purity', 'age'],
  );
  // the h5ad writer's encoding: the dot file's, age a float column of the numbers
  const encode = (table: typeof comma, k: number) =>
    encodeObsColumn(obsColumnOf(table.metadata[k].name, table.metadata[k]));
  const age = encode(comma, 1);
  assert.equal(age.kind, 'numeric');
  assert.deepEqual(age, encode(dot, 1));
  assert.deepEqual(encode(comma, 0), encode(dot, 0));
});
