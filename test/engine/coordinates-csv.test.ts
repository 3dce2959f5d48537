import { test } from 'node:test';
import assert from 'node:assert/strict';
import Papa from 'papaparse';
import type { ExpressionTable } from '../../src/data/types.js';
import { axisNames, coordinatesCsv, embeddingCsv } from '../../src/engine/coordinates-csv.js';
import { csvField, formatFloat } from '../../src/util/csv-format.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import type { SplitName } from '../../src/engine/types.js';

function table(ids: string[], labels: string[]): ExpressionTable {
  return {
    source: 'mem',
    idColumn: 'cell id',
    ids,
    genes: ['g1'],
    values: { data: new Float32Array(ids.length), rows: ids.length, cols: 1 },
    metadata: [{ name: 'cell_type', values: labels }],
    warnings: [],
  };
}

/** A run of `t` (its cell_type labels, '' where split says unlabeled) as coordinatesCsv reads it. */
function runOf(t: ExpressionTable, coords: DenseMatrix, split: SplitName[], labelColumn = 'cell_type') {
  const labels = t.metadata[0].values.map((v, r) => (split[r] === 'unlabeled' ? '' : v));
  return { coords, split, labels, labelColumn };
}

test('csvField quotes only what needs quoting', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
});

test('formatFloat keeps float32 precision and refuses non-finite values', () => {
  assert.equal(formatFloat(Math.fround(0.1)), '0.1');
  assert.equal(formatFloat(-12345.678), '-12345.68');
  assert.throws(() => formatFloat(NaN), /non-finite/);
});

test('axisNames names x, y, z then d4…', () => {
  assert.deepEqual(axisNames(2), ['x', 'y']);
  assert.deepEqual(axisNames(4), ['x', 'y', 'z', 'd4']);
});

test('coordinatesCsv round-trips through a CSV parser with awkward ids and labels', () => {
  const t = table(['c,1', 'c"2', 'c3'], ['T cell', 'B, naive', '']);
  const coords = { data: Float32Array.from([1, 2, 3, 4.5, 5, -6, 7, 8, 9]), rows: 3, cols: 3 };
  const text = coordinatesCsv(t, runOf(t, coords, ['train', 'holdout', 'unlabeled']));
  const parsed = Papa.parse<string[]>(text.trimEnd());
  assert.deepEqual(parsed.errors, []);
  // one training cell: the others' only neighbour, so they are predicted its class
  assert.deepEqual(parsed.data, [
    ['cell id', 'cell_type', 'split', 'x', 'y', 'z', 'predicted_label', 'confidence'],
    ['c,1', 'T cell', 'train', '1', '2', '3', '', ''],
    ['c"2', 'B, naive', 'holdout', '4.5', '5', '-6', 'T cell', '1'],
    ['c3', '', 'unlabeled', '7', '8', '9', 'T cell', '1'],
  ]);
});

test('coordinatesCsv with edited labels adds label_edited last; a run retrained on it keeps the original column', () => {
  const t = table(['a', 'b', 'c'], ['T', 'B', 'T']);
  const run = runOf(t, { data: Float32Array.from([0, 1, 2, 3, 4, 5]), rows: 3, cols: 2 }, [
    'train',
    'holdout',
    'train',
  ]);
  const edited = {
    column: 'label_edited',
    source: 'cell_type',
    categories: ['T', 'B', 'NK, bright'],
    codes: Int32Array.from([2, 1, -1]),
  };
  assert.deepEqual(Papa.parse<string[]>(coordinatesCsv(t, run, ',', edited).trimEnd()).data, [
    ['cell id', 'cell_type', 'split', 'x', 'y', 'predicted_label', 'confidence', 'label_edited'],
    ['a', 'T', 'train', '0', '1', '', '', 'NK, bright'],
    ['b', 'B', 'holdout', '2', '3', 'T', '1', 'B'],
    ['c', 'T', 'train', '4', '5', '', '', ''],
  ]);
  // a retrain on the edits: its label column is label_edited, yet the file keeps the input's own label column
  // (the user's original annotation, the edits' source) beside the page's current edits, in the same layout
  const retrained = { ...run, labelColumn: 'label_edited' };
  t.metadata.push({ name: 'label_edited', values: ['T', 'B', 'T'] });
  // (the last line's empty fields are tabs: only its newline is cut)
  const tsv = coordinatesCsv(t, retrained, '\t', edited).replace(/\n$/, '');
  assert.deepEqual(Papa.parse<string[]>(tsv, { delimiter: '\t' }).data, [
    ['cell id', 'cell_type', 'split', 'x', 'y', 'predicted_label', 'confidence', 'label_edited'],
    ['a', 'T', 'train', '0', '1', '', '', 'NK, bright'],
    ['b', 'B', 'holdout', '2', '3', 'T', '1', 'B'],
    ['c', 'T', 'train', '4', '5', '', '', ''],
  ]);
  // edits begun on a map already trained on label_edited know no other column: the edits fill it, once
  const since = { ...edited, source: 'label_edited' };
  assert.deepEqual(Papa.parse<string[]>(coordinatesCsv(t, retrained, ',', since).trimEnd()).data[0], [
    'cell id',
    'label_edited',
    'split',
    'x',
    'y',
    'predicted_label',
    'confidence',
  ]);
  assert.equal(Papa.parse<string[]>(coordinatesCsv(t, retrained, ',', since)).data[1][1], 'NK, bright');
  // without edits: the CLI's columns
  assert.match(coordinatesCsv(t, run), /^cell id,cell_type,split,x,y,predicted_label,confidence\n/);
});

test('coordinatesCsv rejects a row-count mismatch', () => {
  const t = table(['a', 'b'], ['x', 'y']);
  const coords = { data: new Float32Array(2), rows: 1, cols: 2 };
  const run = { coords, split: ['train' as const], labels: ['x'], labelColumn: 'cell_type' };
  assert.throws(() => coordinatesCsv(t, run), /1 rows/);
});

test('embeddingCsv adds predictions and includes the label column only when present', () => {
  const t = table(['a', 'b'], ['T', 'B']);
  const result = {
    coords: { data: Float32Array.from([0, 1, 2, 3]), rows: 2, cols: 2 },
    predicted: ['T', 'T'],
    confidence: Float32Array.from([1, 0.6]),
  };
  const withLabel = embeddingCsv(t, result, 'cell_type').split('\n');
  assert.equal(withLabel[0], 'cell id,cell_type,x,y,predicted_label,confidence');
  assert.equal(withLabel[2], 'b,B,2,3,T,0.6');
  const without = embeddingCsv(t, result, 'missing_column').split('\n');
  assert.equal(without[0], 'cell id,x,y,predicted_label,confidence');
});

test('embeddingCsv keeps a joined metadata file’s columns after the predictions, the label column once', () => {
  const t = table(['a', 'b'], ['T', 'B']);
  // a --meta-file (or the app's metadata file for projected cells) gave donor and a free-text note
  t.metadata.push(
    { name: 'donor', values: ['d1', ''], joined: true },
    { name: 'note, free', values: ['x "y"', 'z'], joined: true },
  );
  const result = {
    coords: { data: Float32Array.from([0, 1, 2, 3]), rows: 2, cols: 2 },
    predicted: ['T', 'T'],
    confidence: Float32Array.from([1, 0.6]),
  };
  const lines = embeddingCsv(t, result, 'cell_type').split('\n');
  assert.equal(lines[0], 'cell id,cell_type,x,y,predicted_label,confidence,donor,"note, free"');
  assert.equal(lines[1], 'a,T,0,1,T,1,d1,"x ""y"""');
  assert.equal(lines[2], 'b,B,2,3,T,0.6,,z');
  // a joined label column is the label column, not written again at the end
  t.metadata[0].joined = true;
  assert.equal(
    embeddingCsv(t, result, 'cell_type', '\t').split('\n')[0],
    'cell id\tcell_type\tx\ty\tpredicted_label\tconfidence\tdonor\tnote, free',
  );
});

test('csvField neutralises spreadsheet formulas (OWASP) but leaves numbers as numbers', () => {
  assert.equal(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(csvField('+cmd'), "'+cmd");
  assert.equal(csvField('-1+1'), "'-1+1");
  assert.equal(csvField('@SUM(1)'), "'@SUM(1)");
  assert.equal(csvField('\t=1+1'), "'\t=1+1");
  assert.equal(csvField('\r=1+1'), `"'\r=1+1"`);
  assert.equal(csvField('-'), "'-");
  for (const number of ['-1.5', '-3', '+2', '1e-5', '-2.5e+3', '-.5', '0']) {
    assert.equal(csvField(number), number, number);
  }
  assert.equal(csvField('a=b'), 'a=b', 'only a leading character matters');
});

test('coordinatesCsv writes formula-like ids, labels and column names as text; coordinates stay numbers', () => {
  const t = table(['=1+1', '@SUM(1)', '\t-2+3'], ['+cmd', '-', 'B']);
  t.idColumn = '=id';
  const coords = { data: Float32Array.from([-1.5, 2, -3, 1e-5, 0, 1]), rows: 3, cols: 2 };
  const text = coordinatesCsv(t, runOf(t, coords, ['train', 'train', 'holdout']));
  const rows = Papa.parse<string[]>(text.trimEnd()).data;
  // the predicted class is a label too: '+cmd' is escaped as in the label column
  assert.deepEqual(rows, [
    ["'=id", 'cell_type', 'split', 'x', 'y', 'predicted_label', 'confidence'],
    ["'=1+1", "'+cmd", 'train', '-1.5', '2', '', ''],
    ["'@SUM(1)", "'-", 'train', '-3', '0.00001', '', ''],
    ["'\t-2+3", 'B', 'holdout', '0', '1', "'+cmd", '0.5'],
  ]);
  for (const row of rows) for (const field of row) assert.doesNotMatch(field, /^[=+@\t\r]/, field);
});

test('with a tab delimiter the coordinates are TSV: tabs between fields, a tab or quote in a field quoted', () => {
  const t = table(['c,1', 'c\t2', 'c"3'], ['T cell', 'B, naive', 'NK']);
  const coords = { data: new Float32Array([1, 2, 3, 4, 5, 6]), rows: 3, cols: 2 };
  const text = coordinatesCsv(t, runOf(t, coords, ['train', 'holdout', 'train']), '\t');
  assert.equal(text.split('\n')[0], 'cell id\tcell_type\tsplit\tx\ty\tpredicted_label\tconfidence');
  assert.equal(text.split('\n')[1], 'c,1\tT cell\ttrain\t1\t2\t\t', 'a comma needs no quotes in a TSV');
  const rows = Papa.parse<string[]>(text.trimEnd(), { delimiter: '\t' }).data;
  assert.deepEqual(
    rows.map((r) => r[0]),
    ['cell id', 'c,1', 'c\t2', 'c"3'],
  );
  assert.deepEqual(rows[2], ['c\t2', 'B, naive', 'holdout', '3', '4', 'T cell', '0.5']);
  const embedded = embeddingCsv(
    t,
    { coords, predicted: ['T cell', 'NK', 'NK'], confidence: [1, 0.5, 1] },
    'cell_type',
    '\t',
  );
  assert.equal(embedded.split('\n')[0], 'cell id\tcell_type\tx\ty\tpredicted_label\tconfidence');
});

test('coordinatesCsv keeps a label column named predicted_label; its own column becomes predicted_label.1', () => {
  const t = table(['a', 'b'], ['T', 'B']);
  t.metadata[0].name = 'predicted_label';
  const coords = { data: Float32Array.from([0, 1, 2, 3]), rows: 2, cols: 2 };
  const text = coordinatesCsv(t, runOf(t, coords, ['train', 'holdout'], 'predicted_label'));
  assert.deepEqual(Papa.parse<string[]>(text.trimEnd()).data, [
    ['cell id', 'predicted_label', 'split', 'x', 'y', 'predicted_label.1', 'confidence'],
    ['a', 'T', 'train', '0', '1', '', ''],
    ['b', 'B', 'holdout', '2', '3', 'T', '1'],
  ]);
  // and one named confidence: the share that voted becomes confidence.1
  t.metadata[0].name = 'confidence';
  const clash = coordinatesCsv(t, runOf(t, coords, ['train', 'holdout'], 'confidence'));
  assert.equal(clash.split('\n')[0], 'cell id,confidence,split,x,y,predicted_label,confidence.1');
});
