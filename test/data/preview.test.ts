// A walkthrough: a sample sheet saved from Excel ends every line with ",,,," under an empty header. The import
// ignores those nameless empty columns, but the preview showed them, and the Import screen's caption read "First
// 3 rows and 8 of 4 columns". The preview now shows the columns the import reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTable, previewFile } from '../../src/data/index.js';

const source = (text: string) => ({ name: 'panel.csv', bytes: new TextEncoder().encode(text) });

test('the preview leaves out the nameless empty columns an Excel export leaves, as the import does', async () => {
  const text = 'sample,tissue,G1,G2,,,,\ns1,colon,1,2,,,,\ns2,liver,3,4,,,,\ns3,colon,5,6,,,,\n';
  const table = await importTable(source(text));
  const preview = await previewFile(source(text));
  assert.deepEqual(preview.columns, [table.idColumn, ...table.metadata.map((m) => m.name), ...table.genes]);
  assert.deepEqual(preview.rows[0], ['s1', 'colon', '1', '2']);
  assert.equal(preview.rows.length, 3);
});

test('a nameless column filled in below the rows shown is kept, as the import keeps it', async () => {
  const lines = Array.from({ length: 14 }, (_, r) => `s${r},${r},${r + 1},${r === 12 ? 'late' : ''}`);
  const text = `sample,G1,G2,\n${lines.join('\n')}\n`;
  const table = await importTable(source(text));
  const preview = await previewFile(source(text), { rows: 10 });
  assert.equal(preview.columns.length, 1 + table.metadata.length + table.genes.length);
  assert.equal(preview.columns.length, 4);
  assert.equal(preview.rows.length, 10);
});
