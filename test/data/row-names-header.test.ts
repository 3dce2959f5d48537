// R's write.table (row names on, its default) writes no name for the row names, so its header is one field
// short of the rows. A user audit found such a file refused as a ragged row, where R's read.table and pandas
// read it; the import and the preview now read the first column as the row names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTable, previewFile, type ImportOptions } from '../../src/data/index.js';
import { withRowNamesColumn } from '../../src/data/row-names-header.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const load = (text: string, options?: ImportOptions, name = 'test.csv') =>
  importTable({ name, bytes: bytesOf(text) }, options);

test('withRowNamesColumn: only rows one field longer, whose first fields are distinct names', () => {
  assert.deepEqual(
    withRowNamesColumn(
      ['a', 'b'],
      [
        ['r1', '1', '2'],
        ['r2', '3', '4'],
      ],
    ),
    ['', 'a', 'b'],
  );
  assert.equal(
    withRowNamesColumn(
      ['a', 'b'],
      [
        ['r1', '1', '2'],
        ['r2', '3'],
      ],
    ),
    undefined,
    'a ragged row',
  );
  assert.equal(
    withRowNamesColumn(
      ['a', 'b'],
      [
        ['1', '2', ''],
        ['3', '4', ''],
      ],
    ),
    undefined,
    'trailing delimiters',
  );
  assert.equal(
    withRowNamesColumn(
      ['a', 'b'],
      [
        ['r1', '1', '2'],
        ['r1', '3', '4'],
      ],
    ),
    undefined,
    'repeated names',
  );
  assert.equal(withRowNamesColumn(['a', 'b'], [['', '1', '2']]), undefined, 'an empty name');
  assert.equal(withRowNamesColumn(['a', 'b'], []), undefined, 'no rows');
});

// A user audit: R's write.table (row names on, its default) writes no name for the row names, so the header
// is one field short; the import refused it as a ragged row, where R's read.table and pandas read it.
test("R's write.table header, one name short of the rows: the first column is the row names", async () => {
  const cells = await load('label\tG1\tG2\nc1\tT\t1\t2\nc2\tB\t3\t4\nc3\tT\t5\t6\n', {}, 'r.tsv');
  assert.deepEqual(cells.ids, ['c1', 'c2', 'c3']);
  assert.deepEqual(cells.genes, ['G1', 'G2']);
  assert.deepEqual(cells.metadata[0].values, ['T', 'B', 'T']);
  const preview = await previewFile({
    name: 'r.tsv',
    bytes: bytesOf('label\tG1\tG2\nc1\tT\t1\t2\nc2\tB\t3\t4\n'),
  });
  assert.deepEqual(preview.columns, ['', 'label', 'G1', 'G2'], 'the preview lines the names up the same way');
  const note = cells.warnings.find((w) => w.code === 'row-names-column');
  assert.match(note?.message ?? '', /one column fewer than the rows.*first column is read as the row ids/);
  const genes = await load('"S1","S2","S3"\n"CD3E",1,2,3\n"LYZ",4,5,0\n', { transpose: true });
  assert.deepEqual(genes.ids, ['S1', 'S2', 'S3']);
  assert.deepEqual(genes.genes, ['CD3E', 'LYZ']);
  // not this case: a trailing delimiter on every row, or first fields that are not names
  assert.deepEqual((await load('id,G1\nc1,1,\nc2,2,\n')).genes, ['G1']);
  await assert.rejects(load('id,G1\nc1,1,2\nc1,3,4\n'), { kind: 'ragged-row' });
});

// A review: the import skipped a line of bare delimiters (",,,", as Excel leaves) but the preview kept it as
// a row, so the preview's row-names detection saw an empty name and showed the columns shifted.
test('a line of delimiters only: the preview skips it as the import does, and lines the names up the same', async () => {
  const text = 'label,G1,G2\nc1,T,1,2\n,,,\nc2,B,3,4\n';
  const cells = await load(text);
  assert.deepEqual(cells.ids, ['c1', 'c2']);
  assert.deepEqual(cells.genes, ['G1', 'G2']);
  const preview = await previewFile({ name: 'test.csv', bytes: bytesOf(text) });
  assert.deepEqual(preview.columns, ['', 'label', 'G1', 'G2']);
  assert.deepEqual(
    preview.rows.map((row) => row[0]),
    cells.ids,
  );
});
