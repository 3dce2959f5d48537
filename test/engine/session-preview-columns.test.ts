// The Import summary's preview and its caption's column count ("First 3 rows and 3 of 3 columns, as read")
// count the columns of the file as the import reads them.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';

const session = new EngineSession();
after(() => session.dispose());

const upload = (name: string, text: string) =>
  ({ kind: 'upload', name, bytes: new TextEncoder().encode(text) }) as const;

test('a table without an id column: the column count is its columns, not one more for an id', async () => {
  // no id column (the rows are named cell_1, cell_2…), more gene columns than the preview shows
  const genes = Array.from({ length: 15 }, (_, g) => `G${g + 1}`);
  const rows = [1, 2, 3].map((r) => genes.map((_, g) => r * 100 + g).join(','));
  const summary = await session.openFile(upload('genes.csv', `${[genes.join(','), ...rows].join('\n')}\n`));
  assert.equal(summary.idColumn, 'id');
  assert.equal(summary.metadata.length, 0);
  assert.deepEqual(summary.preview.header, genes.slice(0, summary.preview.header.length));
  assert.ok(summary.preview.header.length < genes.length, 'the preview shows some of the columns');
  assert.equal(summary.preview.totalColumns, summary.genes);
});

test('an Id column set in Import settings: a nameless empty first column is left out of both', async () => {
  // a spreadsheet's empty first column before the ids: the import, told the id column, reads it as a
  // trailing delimiter's; the preview showed it, as the id it would be without the setting
  const text = ',cell,G1,G2\n,c1,1,2\n,c2,3,4\n,c3,5,6\n';
  const summary = await session.openFile(upload('panel.csv', text), { idColumn: 'cell' });
  assert.equal(summary.idColumn, 'cell');
  assert.deepEqual(summary.preview.header, ['cell', 'G1', 'G2']);
  assert.deepEqual(summary.preview.rows[0], ['c1', '1', '2']);
  assert.equal(summary.preview.totalColumns, 3);
});

// The page sends Genes start at with the Metadata columns it lists, the detected ones: a numeric plate
// column before the genes was then left out of the import — no label, no gene, no colour — while the preview
// showed it among the file's columns.
test('Genes start at: the columns the preview shows before it are the metadata the import keeps', async () => {
  const text = 'cell_id,plate,cell_type,g1,g2\nc1,1,T,5,6\nc2,2,B,7,8\nc3,1,T,9,1\n';
  const summary = await session.openFile(upload('plates.csv', text), {
    genesFrom: 'g1',
    metadataColumns: ['cell_type'],
  });
  assert.deepEqual(summary.preview.header, ['cell_id', 'plate', 'cell_type', 'g1', 'g2']);
  assert.equal(summary.idColumn, 'cell_id');
  assert.deepEqual(
    summary.metadata.map((m) => m.name),
    ['plate', 'cell_type'],
  );
  assert.equal(summary.genes, 2);
  assert.deepEqual(summary.warnings, []);
});
