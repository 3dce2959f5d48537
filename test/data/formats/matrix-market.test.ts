// MatrixMarket import: the fixtures written by scipy.io.mmwrite (test/fixtures/formats/make_mtx.py) — a Cell
// Ranger v2 folder, a gzipped v3 folder with an antibody feature, a plain cells × genes .mtx with name files —
// import to exactly the matrix, cell ids, gene names and (joined) labels of cells.csv; entry order, chunk
// edges, pattern files, orientation, missing names and misnamed files are handled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  DataImportError,
  asDense,
  importTable,
  isCsr,
  type ExpressionTable,
  type ImportOptions,
} from '../../../src/data/index.js';
import { packageRoot } from '../../../src/util/paths.js';
import { countText } from '../../../src/api/count-text.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const META = join(FORMATS, 'cells_meta.csv');

const reference = importTable(join(FORMATS, 'cells.csv'));

function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-mtx-'));
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Exact equality with cells.csv: values, ids, gene names and the joined label columns. */
async function assertSameAsCsv(table: ExpressionTable): Promise<void> {
  const csv = await reference;
  assert.ok(isCsr(table.values), 'MatrixMarket imports stay sparse');
  assert.equal(table.values.rows, csv.values.rows);
  assert.equal(table.values.cols, csv.values.cols);
  assert.deepEqual(asDense(table.values).data, asDense(csv.values).data);
  assert.deepEqual(table.ids, csv.ids);
  assert.deepEqual(table.genes, csv.genes);
  for (const column of csv.metadata) {
    const joined = table.metadata.find((m) => m.name === column.name);
    assert.ok(joined, `metadata column ${column.name} joined`);
    assert.deepEqual(joined.values, column.values);
  }
}

const FIXTURES: { source: string; kind: string; matrix: string }[] = [
  { source: 'tenx_v2', kind: '10x-mtx', matrix: 'matrix.mtx' },
  { source: 'tenx_v2/matrix.mtx', kind: '10x-mtx', matrix: 'matrix.mtx' },
  { source: 'tenx_v3', kind: '10x-mtx', matrix: 'matrix.mtx.gz' },
  { source: 'tenx_v3/matrix.mtx.gz', kind: '10x-mtx', matrix: 'matrix.mtx.gz' },
  { source: 'plain/cells.mtx', kind: 'mtx', matrix: 'cells.mtx' },
];

for (const f of FIXTURES) {
  test(`${f.source} imports to exactly the matrix, ids, genes and labels of cells.csv`, async () => {
    const table = await importTable(join(FORMATS, f.source), { metaFile: META });
    await assertSameAsCsv(table);
    assert.deepEqual(table.format, { kind: f.kind, matrix: f.matrix, layers: [], obsm: [] });
    assert.equal(table.idColumn, 'barcode');
  });
  test(`${f.source} read in 64-byte chunks gives the same table`, async () => {
    const table = await importTable(join(FORMATS, f.source), { metaFile: META, chunkBytes: 64 });
    await assertSameAsCsv(table);
  });
}

test('v3: the Antibody Capture feature is left out, and a warning says how many features were', async () => {
  const table = await importTable(join(FORMATS, 'tenx_v3'));
  assert.ok(!table.genes.includes('CD3'));
  const warning = table.warnings.find((w) => w.code === 'features-dropped');
  assert.ok(warning);
  assert.match(
    warning.message,
    /^1 feature that is not Gene Expression was left out \(Antibody Capture: 1\); 30 genes kept\.$/,
  );
});

test('a .mtx uploaded alone (no name files) keeps its values, numbers cells and genes, and says so', async () => {
  const bytes = new Uint8Array(readFileSync(join(FORMATS, 'plain', 'cells.mtx')));
  const table = await importTable({ name: 'cells.mtx', bytes });
  const csv = await reference;
  assert.deepEqual(asDense(table.values).data, asDense(csv.values).data, 'cells as rows by default');
  assert.equal(table.ids[0], 'cell_1');
  assert.equal(table.genes[29], 'gene_30');
  assert.deepEqual(
    table.warnings.map((w) => w.code),
    ['no-cell-names', 'no-gene-names'],
  );
  const turned = await importTable({ name: 'cells.mtx', bytes }, { transpose: true });
  assert.equal(turned.values.rows, 30, '--transpose reads the rows as genes');
  assert.equal(asDense(turned.values).data[1], asDense(csv.values).data[30]);
});

// A walkthrough under serve: Cell Ranger's matrix.mtx.gz uploaded alone (a folder cannot be uploaded) showed
// "40 cells × 30 genes" of a 30-cell, 40-feature matrix — its genes read as cells, without a word — and the
// label hint then asked for a metadata file keyed by barcode, of cells numbered cell_1….
test("Cell Ranger's matrix.mtx.gz read without its barcodes and features says its rows were taken as cells", async () => {
  const bytes = new Uint8Array(readFileSync(join(FORMATS, 'tenx_v3', 'matrix.mtx.gz')));
  const folder = await importTable(join(FORMATS, 'tenx_v3'));
  await withTempDir(async (dir) => {
    const alone = join(dir, 'matrix.mtx.gz');
    writeFileSync(alone, bytes);
    for (const source of [alone, { name: 'matrix.mtx.gz', bytes }]) {
      const table = await importTable(source);
      const warning = table.warnings.find((w) => w.code === 'tenx-matrix-alone');
      const shape = `${countText(table.values.rows)} rows × ${countText(table.values.cols)} columns`;
      assert.equal(
        warning?.message,
        `matrix.mtx.gz is named as a Cell Ranger matrix, which holds genes as rows and cells as columns, but no barcodes or features file was found with it: its rows were read as cells (${shape}). Give its folder, with barcodes.tsv.gz and features.tsv.gz, or --transpose if its rows are genes.`,
      );
      assert.equal(
        warning?.appMessage,
        `matrix.mtx.gz is named as a Cell Ranger matrix, which holds genes as rows and cells as columns, but no barcodes or features file was found with it: its rows were read as cells (${shape}). Open its folder, with barcodes.tsv.gz and features.tsv.gz, or choose Import settings ▸ Orientation: genes are rows (transpose) if its rows are genes.`,
      );
      // turned round as asked: the folder's cells, and no warning
      const turned = await importTable(source, { transpose: true });
      assert.equal(turned.values.rows, folder.values.rows);
      assert.equal(
        turned.warnings.find((w) => w.code === 'tenx-matrix-alone'),
        undefined,
      );
    }
  });
});

function mtx(field: string, rows: number, cols: number, entries: string[]): string {
  return `%%MatrixMarket matrix coordinate ${field} general\n%\n${rows} ${cols} ${entries.length}\n${entries.join('\n')}\n`;
}

test('entries in any order (not cell by cell, columns unsorted) give the same CSR matrix', async () => {
  const sorted = mtx('integer', 3, 4, ['1 1 5', '3 1 2', '2 2 1', '1 3 4', '3 3 9', '2 4 6']);
  const shuffled = mtx('integer', 3, 4, ['3 3 9', '2 4 6', '1 1 5', '1 3 4', '2 2 1', '3 1 2']);
  const load = (text: string) =>
    importTable({ name: 'm.mtx', bytes: new TextEncoder().encode(text) }, { transpose: true });
  const a = await load(sorted);
  const b = await load(shuffled);
  assert.deepEqual(b.values, a.values);
  // Cells are the file's columns; within each cell the genes ascend.
  assert.deepEqual(asDense(a.values).data, Float32Array.from([5, 0, 2, 0, 1, 0, 4, 0, 9, 0, 6, 0]));
  assert.ok(isCsr(b.values));
  assert.deepEqual([...b.values.indices], [0, 2, 1, 0, 2, 1]);
});

test('a pattern file stores 1 for every entry; real files keep fractions and negatives', async () => {
  const pattern = await importTable({
    name: 'p.mtx',
    bytes: new TextEncoder().encode(mtx('pattern', 2, 2, ['1 2', '2 1'])),
  });
  assert.deepEqual(asDense(pattern.values).data, Float32Array.from([0, 1, 1, 0]));
  const real = await importTable({
    name: 'r.mtx',
    bytes: new TextEncoder().encode(mtx('real', 2, 2, ['1 1 -0.25', '2 2 1.5e-3', '1 2\t3'])),
  });
  assert.deepEqual(asDense(real.values).data, Float32Array.from([-0.25, 3, 0, 1.5e-3]));
});

test('a plain .mtx with name files is turned by their line counts; duplicate genes are made unique', async () => {
  await withTempDir(async (dir) => {
    // 3 genes × 2 cells: the barcodes file has 2 lines, so the rows are genes.
    writeFileSync(join(dir, 'counts.mtx'), mtx('integer', 3, 2, ['1 1 1', '2 1 2', '3 2 3']));
    writeFileSync(join(dir, 'counts_barcodes.tsv'), 'AAA\nCCC\n');
    writeFileSync(join(dir, 'genes.tsv.gz'), gzipSync('E1\tMT-A\nE2\tMT-A\nE3\tX\n'));
    const table = await importTable(join(dir, 'counts.mtx'));
    assert.deepEqual(table.ids, ['AAA', 'CCC']);
    assert.deepEqual(table.genes, ['MT-A', 'MT-A.1', 'X']);
    assert.deepEqual(asDense(table.values).data, Float32Array.from([1, 2, 0, 0, 0, 3]));
    const warning = table.warnings.find((w) => w.code === 'duplicate-gene-names');
    assert.match(warning?.message ?? '', /MT-A → MT-A\.1/);
    // Forcing cells as rows contradicts the barcodes file: its line count is the error.
    await assert.rejects(importTable(join(dir, 'counts.mtx'), { transpose: false }), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.file, join(dir, 'counts_barcodes.tsv'));
      assert.match(err.message, /declares 3 cells \(rows, line 3\)/);
      return true;
    });
  });
});

test('files are read by their content, whatever their name', async () => {
  await withTempDir(async (dir) => {
    const tenx = join(FORMATS, 'tenx_v2');
    // A MatrixMarket file named .txt, gzip-compressed with a plain .gz name, beside its name files.
    writeFileSync(join(dir, 'matrix.txt.gz'), gzipSync(readFileSync(join(tenx, 'matrix.mtx'))));
    copyFileSync(join(tenx, 'barcodes.tsv'), join(dir, 'matrix.barcodes.tsv'));
    copyFileSync(join(tenx, 'genes.tsv'), join(dir, 'matrix.genes.tsv'));
    const table = await importTable(join(dir, 'matrix.txt.gz'), { metaFile: META });
    await assertSameAsCsv(table);
    assert.equal(table.format?.kind, 'mtx');
    // A CSV named .mtx is read as a CSV (no MatrixMarket banner, a delimited first line).
    copyFileSync(join(FORMATS, 'cells.csv'), join(dir, 'table.mtx'));
    const csv = await importTable(join(dir, 'table.mtx'));
    assert.equal(csv.format, undefined);
    assert.equal(csv.values.rows, 40);
  });
});

test('--layer and --input obsm: do not apply to a MatrixMarket file (no-such-matrix → usage error)', async () => {
  for (const options of [{ layer: 'counts' }, { input: 'obsm:X_pca' }] as ImportOptions[]) {
    await assert.rejects(importTable(join(FORMATS, 'tenx_v2'), options), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'no-such-matrix');
      assert.match(err.message, /MatrixMarket file holds/);
      return true;
    });
  }
  const genes = await importTable(join(FORMATS, 'tenx_v2'), { input: 'genes', layer: 'X' });
  assert.equal(genes.values.cols, 30);
});

test('progress reaches 1 and an aborted import stops with kind aborted', async () => {
  const seen: number[] = [];
  await importTable(join(FORMATS, 'tenx_v3'), { onProgress: (f) => seen.push(f), chunkBytes: 256 });
  assert.equal(seen.at(-1), 1);
  const abort = new AbortController();
  abort.abort();
  await assert.rejects(importTable(join(FORMATS, 'tenx_v2'), { signal: abort.signal }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'aborted');
    return true;
  });
});

test("GEO's prefixed copy of a Cell Ranger folder (GSM1_matrix.mtx.gz …) reads as a Cell Ranger layout", async () => {
  await withTempDir(async (dir) => {
    const v3 = join(FORMATS, 'tenx_v3');
    for (const name of ['matrix.mtx.gz', 'features.tsv.gz', 'barcodes.tsv.gz']) {
      copyFileSync(join(v3, name), join(dir, `GSM1_${name}`));
    }
    const table = await importTable(join(dir, 'GSM1_matrix.mtx.gz'), { metaFile: META });
    await assertSameAsCsv(table);
    assert.equal(table.format?.kind, '10x-mtx');
  });
});

test('Cell Ranger folders carry the gene ids (and v3 feature types) of the genes kept, as scanpy read_10x_mtx', async () => {
  const geneIds = Array.from({ length: 30 }, (_, g) => `ENSG${String(g).padStart(11, '0')}`);
  const v3 = await importTable(join(FORMATS, 'tenx_v3'));
  assert.deepEqual(
    v3.geneAnnotations?.map((a) => [a.name, a.values, a.stored]),
    [
      ['gene_ids', geneIds, { kind: 'string' }],
      ['feature_types', new Array(30).fill('Gene Expression'), { kind: 'string' }],
    ],
  );
  const v2 = await importTable(join(FORMATS, 'tenx_v2'));
  assert.deepEqual(
    v2.geneAnnotations?.map((a) => [a.name, a.values]),
    [['gene_ids', geneIds]],
  );
  // a genes file of names only has nothing more to say
  const plain = await importTable(join(FORMATS, 'plain', 'cells.mtx'));
  assert.equal(plain.geneAnnotations, undefined);
});

// A Cell Ranger folder's negative count is refused at its line and column (the header says integer), and names
// its barcode and feature as the .h5's refusal does — an antibody by its type from features.tsv.gz's third
// column, not as a gene (the message named neither: only "the count -2 is negative").
test('a negative count in a 10x folder names its line, column, barcode and feature with its type', async () => {
  await withTempDir(async (dir) => {
    const write = (name: string, text: string) => writeFileSync(join(dir, name), gzipSync(text));
    write('barcodes.tsv.gz', 'AAAC-1\nAAAG-1\nAACT-1\n');
    write(
      'features.tsv.gz',
      'ENSG1\tG1\tGene Expression\nENSG2\tG2\tGene Expression\nAB_CD3\tCD3\tAntibody Capture\n',
    );
    const matrix = join(dir, 'matrix.mtx.gz');
    for (const [entries, line, says] of [
      ['1 1 5\n3 2 -2\n', 5, '(cell 2, barcode "AAAG-1"; Antibody Capture feature 3, "CD3")'],
      ['1 1 5\n1 3 -7\n', 5, '(cell 3, barcode "AACT-1"; gene 1, "G1")'],
    ] as const) {
      write('matrix.mtx.gz', `%%MatrixMarket matrix coordinate integer general\n%\n3 3 2\n${entries}`);
      await assert.rejects(importTable(dir), (err: unknown) => {
        assert.ok(err instanceof DataImportError, String(err));
        assert.equal(err.kind, 'bad-structure');
        assert.equal(err.file, matrix);
        assert.equal(err.line, line);
        assert.equal(err.column, 3);
        const count = entries.split('\n')[1].split(' ')[2];
        assert.equal(
          err.message,
          `${matrix}, line ${line}, column 3: the count ${count} ${says} is negative; the header (line 1) says the values are integer counts, which cannot be below 0.`,
        );
        return true;
      });
    }
  });
});

// a real Cell Ranger folder keeps some 33 000 genes: "33 538 genes kept" as the app groups counts, not "33538"
test('the features-dropped warning groups the digits of its counts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-mtx-many-'));
  try {
    const genes = Array.from({ length: 1200 }, (_, g) => `ENSG${g}\tG${g}\tGene Expression`);
    writeFileSync(join(dir, 'features.tsv'), [...genes, 'P1\tCD3\tAntibody Capture'].join('\n') + '\n');
    writeFileSync(join(dir, 'barcodes.tsv'), 'AAAC-1\nAAAG-1\n');
    const entries = ['1 1 3', '2 2 5', '1201 1 7'];
    writeFileSync(
      join(dir, 'matrix.mtx'),
      `%%MatrixMarket matrix coordinate integer general\n1201 2 ${entries.length}\n${entries.join('\n')}\n`,
    );
    const table = await importTable(dir);
    const warning = table.warnings.find((w) => w.code === 'features-dropped');
    assert.match(warning?.message ?? '', /\(Antibody Capture: 1\); 1\u202f200 genes kept\.$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
