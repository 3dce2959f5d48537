// The metadata join's refusal when no id matches (src/data/metadata-join.ts). A walkthrough: a 10x user's
// annotations keyed by bare barcodes ("AAAC…", as other tools export them) against Cell Ranger's "AAAC…-1" were
// told only that none of the ids match, with an example of each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataImportError } from '../../src/data/errors.js';
import { importTable } from '../../src/data/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { tempDir } from '../cli/helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

/** importTable(data, { metaFile }) rejected with a 'metadata-file' error; its message. */
async function joinError(data: string, metaFile: string): Promise<string> {
  let message = '';
  await assert.rejects(importTable(data, { metaFile }), (err: unknown) => {
    assert.ok(err instanceof DataImportError, String(err));
    assert.equal(err.kind, 'metadata-file');
    message = err.message;
    return true;
  });
  return message;
}

test('ids that match only without the "-1" ending of 10x barcodes: the refusal says which side to change', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const meta = (await readFile(join(FORMATS, 'cells_meta.csv'), 'utf8')).split('\n');
    // the folder's barcodes end in -1; the annotations do not
    const bare = join(dir, 'bare.csv');
    await writeFile(bare, meta.map((line) => line.replace(/-1,/, ',')).join('\n'));
    assert.match(
      await joinError(join(FORMATS, 'tenx_v3'), bare),
      /none of its ids \(column "cell_id", e\.g\. "AAACCTG0000"\) match the cell ids of .*tenx_v3 \(e\.g\. "AAACCTG0000-1"\)\. The cell ids end in "-1" \(Cell Ranger's GEM-well suffix\) and the file's do not: its ids match without it — add the ending to the file's ids\.$/,
    );
    // the other way round: a table of bare barcodes, annotations with -1
    const cells = join(dir, 'cells.csv');
    await writeFile(cells, 'cell,g1,g2\nAAACCTG0000,1,2\nAAACCTG0001,3,4\nAAACCTG0002,5,6\n');
    assert.match(
      await joinError(cells, join(FORMATS, 'cells_meta.csv')),
      /\(e\.g\. "AAACCTG0000"\)\. The file's ids end in "-1" \(Cell Ranger's GEM-well suffix\) and the cell ids do not: they match without it — remove the ending from the file's ids\.$/,
    );
    // ids that do not match either way: no hint
    const other = join(dir, 'other.csv');
    await writeFile(other, 'cell_id,cell_type\nTTTT-1,B\nGGGG-1,T\n');
    assert.match(await joinError(join(FORMATS, 'tenx_v3'), other), /\(e\.g\. "AAACCTG0000-1"\)\.$/);
  } finally {
    await cleanup();
  }
});

// A walkthrough: projecting a loom (col_attrs phase) with a metadata file that also has phase said only
// "Duplicate metadata names renamed: phase → phase.1.", naming neither file nor which phase was renamed.
test('a metadata column the data already has is joined renamed, with both files named', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const cells = join(dir, 'cells.csv');
    await writeFile(cells, 'cell,phase,g1,g2\nc1,G1,1,2\nc2,S,3,4\nc3,G1,5,6\n');
    const meta = join(dir, 'meta.csv');
    await writeFile(meta, 'cell,phase,cell_type,cell_type\nc1,S,B,x\nc2,S,T,y\nc3,G2M,T,z\n');
    const table = await importTable(cells, { metaFile: meta });
    assert.deepEqual(
      table.metadata.map((m) => m.name),
      ['phase', 'phase.1', 'cell_type', 'cell_type.1'],
    );
    const warning = table.warnings.find((w) => w.code === 'duplicate-metadata-names');
    assert.equal(
      warning?.message,
      `Metadata file ${meta}: its column 'phase' is also a column of ${cells}, so it is joined as 'phase.1' (the name stays ${cells}'s); repeated column names renamed: cell_type → cell_type.1.`,
    );
  } finally {
    await cleanup();
  }
});

// counts grouped as the Import summary groups them: "1 199 of 1 200 cells matched", not "1199 of 1200"
test('the join note groups the digits of its counts', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const data = join(dir, 'data.csv');
    const meta = join(dir, 'meta.csv');
    const ids = Array.from({ length: 1200 }, (_, i) => `c${i}`);
    await writeFile(data, `id,G1\n${ids.map((id, i) => `${id},${i}`).join('\n')}\n`);
    await writeFile(
      meta,
      `id,cell_type\n${ids
        .slice(1)
        .map((id) => `${id},T`)
        .join('\n')}\n`,
    );
    const table = await importTable(data, { metaFile: meta });
    const note = table.warnings.find((w) => w.code === 'metadata-join');
    assert.match(
      note?.message ?? '',
      /: 1\u202f199 of 1\u202f200 rows matched; 1 row has no metadata, so its 'cell_type' is empty\. Rows without metadata: c0\.$/,
    );
  } finally {
    await cleanup();
  }
});

// A walkthrough (a tumour panel's sample sheet: two samples missing from it, three rows of samples not in the
// data): "2 cells have no metadata …; 3 of its rows match no cell" left the user to diff the two files.
test('a partial join names a few cells without a row and a few rows matching no cell', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const data = join(dir, 'panel.csv');
    const ids = Array.from({ length: 8 }, (_, i) => `s${i}`);
    await writeFile(data, `id,G1\n${ids.map((id, i) => `${id},${i}`).join('\n')}\n`);
    const sheet = join(dir, 'sheet.csv');
    const rows = [...ids.slice(4), 'x1', 'x2', 'x3', 'x4'].map((id) => `${id},T`);
    await writeFile(sheet, `sample_id,subtype\n${rows.join('\n')}\n`);
    const note = (await importTable(data, { metaFile: sheet })).warnings.find(
      (w) => w.code === 'metadata-join',
    );
    assert.equal(
      note?.message,
      `Metadata file ${sheet}: 4 of 8 rows matched; 4 rows have no metadata, so their 'subtype' is empty; 4 of its rows match no data row. Rows without metadata: s0, s1, s2, …. Rows matching no data row: x1, x2, x3, ….`,
    );
    // every row matched, a cell left over: only the cells are named
    await writeFile(
      sheet,
      `sample_id,subtype\n${ids
        .slice(1)
        .map((id) => `${id},T`)
        .join('\n')}\n`,
    );
    const cellsOnly = (await importTable(data, { metaFile: sheet })).warnings.find(
      (w) => w.code === 'metadata-join',
    );
    assert.match(
      cellsOnly?.message ?? '',
      /; 1 row has no metadata, so its 'subtype' is empty\. Rows without metadata: s0\.$/,
    );
  } finally {
    await cleanup();
  }
});

// An audit: a --meta-file line with a field too few or too many was "line 3: this line has 4 fields but the
// header has 5" — no column and no hint, where the same line of a data file gets both.
test('a ragged metadata line is refused as a data file’s is: line, column and what is wrong', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const lines = (await readFile(join(FORMATS, 'cells_meta.csv'), 'utf8')).split('\n');
    const width = lines[0].split(',').length;
    const cut = lines[2].split(',');
    const cases = [
      { row: cut.slice(0, -1), column: width - 1, says: /A value or delimiter is missing\.$/ },
      {
        row: [...cut, 'x'],
        column: width + 1,
        says: /There is an extra delimiter, or a text value containing the delimiter is not in quotes\.$/,
      },
    ];
    for (const { row, column, says } of cases) {
      const meta = join(dir, 'ragged_meta.csv');
      await writeFile(meta, [lines[0], lines[1], row.join(','), ...lines.slice(3)].join('\n'));
      await assert.rejects(importTable(join(FORMATS, 'cells.csv'), { metaFile: meta }), (err: unknown) => {
        assert.ok(err instanceof DataImportError);
        assert.equal(err.kind, 'ragged-row');
        assert.equal(err.line, 3);
        assert.equal(err.column, column);
        assert.match(
          err.message,
          new RegExp(
            `^${meta}, line 3, column ${column}: this line has ${row.length} fields but the header has ${width} \\(delimiter: comma ','\\)\\. `,
          ),
        );
        assert.match(err.message, says);
        return true;
      });
    }
  } finally {
    await cleanup();
  }
});

// A sample sheet saved from Excel with labels typed 'AML  ': joined as written, the outputs wrote the label beside
// a predicted 'AML' (the run trains trimmed classes), as the data file's own metadata no longer does.
test("a metadata file's values are joined without the spaces around them, as the data file's metadata", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const data = join(dir, 'panel.csv');
    await writeFile(data, 'sample,g1,g2\ns1,1,2\ns2,3,4\ns3,5,6\n');
    const sheet = join(dir, 'sheet.tsv');
    await writeFile(sheet, 'sample\tsubtype\ns1\tAML  \ns2\t ALL\ns3\t"AML "\n');
    const table = await importTable(data, { metaFile: sheet });
    assert.deepEqual(table.metadata.find((m) => m.name === 'subtype')?.values, ['AML', 'ALL', 'AML']);
  } finally {
    await cleanup();
  }
});

// A walkthrough: a GEO-style genes × cells CSV given with its cell annotations was told only that none of
// the annotations' ids ("ATGCCAGAACGACT") match the row ids ("MS4A1") — they were the file's column names,
// and the way out, --transpose (the page's Orientation), went unsaid.
test("a metadata file whose ids are the table's column names: the refusal says the file is turned round, in each side's words", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const genesByCells = join(dir, 'genes_by_cells.csv');
    await writeFile(genesByCells, 'gene,c1,c2,c3\nCD3E,1,0,2\nMS4A1,0,3,1\nLYZ,4,1,0\n');
    const meta = join(dir, 'cells_meta.csv');
    await writeFile(meta, 'cell,cell_type\nc1,T\nc2,B\nc3,Mono\n');
    const turned = await joinRefusal(genesByCells, meta, false);
    assert.match(
      turned.message,
      /match the row ids of .*genes_by_cells\.csv \(e\.g\. "CD3E"\)\. They are its column names: the file has its cells or samples as columns — import it with --transpose\.$/,
    );
    assert.match(
      turned.app,
      /as columns — choose Import settings ▸ Orientation: genes are rows \(transpose\)\.$/,
    );
    assert.doesNotMatch(turned.app, /--transpose/);
    // a cells × genes table turned round by mistake: its cells are now the columns
    const cellsByGenes = join(dir, 'cells_by_genes.csv');
    await writeFile(cellsByGenes, 'cell,CD3E,MS4A1,LYZ\nc1,1,0,4\nc2,0,3,1\nc3,2,1,0\n');
    const back = await joinRefusal(cellsByGenes, meta, true);
    assert.match(
      back.message,
      /They are its column names: turned round, the file has its cells or samples as columns — try without --transpose\.$/,
    );
    assert.match(back.app, /as columns — choose Import settings ▸ Orientation: cells are rows\.$/);
    // ids that are neither rows nor columns: no hint
    const other = join(dir, 'other.csv');
    await writeFile(other, 'cell,cell_type\nx1,T\nx2,B\n');
    assert.match((await joinRefusal(genesByCells, other, false)).message, /\(e\.g\. "CD3E"\)\.$/);
  } finally {
    await cleanup();
  }
});

/** importTable(data, { metaFile, transpose }) rejected with a 'metadata-file' error: its CLI and page words. */
async function joinRefusal(
  data: string,
  metaFile: string,
  transpose: boolean,
): Promise<{ message: string; app: string }> {
  let found = { message: '', app: '' };
  await assert.rejects(importTable(data, { metaFile, transpose }), (err: unknown) => {
    assert.ok(err instanceof DataImportError, String(err));
    assert.equal(err.kind, 'metadata-file');
    found = { message: err.message, app: err.appMessage ?? err.message };
    return true;
  });
  return found;
}
