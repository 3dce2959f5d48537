// `tripletlens inspect` on the MatrixMarket formats: format, shape, sparsity, layers/obsm, label suggestion
// (after --meta-file) and counts detection in the report and in --json; --layer/--input are checked (exit 2)
// and a malformed .mtx exits 1 naming its file and line; an h5ad's embeddings with their widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTable, nonZeroFraction } from '../../src/data/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { runCli } from './helpers.js';
import { writeEmbeddingH5ad } from '../data/formats/write-embedding-h5ad.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const META = join(FORMATS, 'cells_meta.csv');

test('inspect on a Cell Ranger v3 folder: format, sparsity, labels from --meta-file, counts, dropped features', async () => {
  const csv = await importTable(join(FORMATS, 'cells.csv'));
  const percent = (nonZeroFraction(csv.values) * 100).toFixed(1);
  const { code, stdout, stderr } = await runCli(['inspect', join(FORMATS, 'tenx_v3'), '--meta-file', META]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /Shape: 40 cells × 30 genes/);
  assert.match(stdout, /\nFormat: Cell Ranger matrix folder \(MatrixMarket\); file matrix\.mtx\.gz\n/);
  assert.match(stdout, new RegExp(`Non-zero values: ${percent.replace('.', '\\.')} %`));
  // one matrix: nothing about layers or obsm, h5ad concepts that mean nothing for a Cell Ranger folder
  assert.doesNotMatch(stdout, /Other matrices|Embeddings|obsm/);
  assert.match(stdout, /Id column: barcode/);
  assert.match(stdout, /Suggested label column: cell_type \(4 classes/);
  assert.match(stdout, /Values: counts \(non-negative integers; values 0 to \d+\)/);
  assert.match(
    stdout,
    /Warning: 1 feature that is not Gene Expression was left out \(Antibody Capture: 1\); 30 genes kept\./,
  );
});

test('inspect --json on a plain .mtx reports the format and the same facts as the CSV', async () => {
  const mtx = await runCli(['inspect', join(FORMATS, 'plain', 'cells.mtx'), '--json', '--meta-file', META]);
  assert.equal(mtx.code, 0, mtx.stderr);
  const csv = await runCli(['inspect', join(FORMATS, 'cells.csv'), '--json']);
  const a = JSON.parse(mtx.stdout) as Record<string, unknown>;
  const b = JSON.parse(csv.stdout) as Record<string, unknown>;
  assert.deepEqual(a.format, { kind: 'mtx', matrix: 'cells.mtx', layers: [], obsm: [] });
  assert.deepEqual(b.format, { kind: 'text', matrix: '', layers: [], obsm: [] });
  for (const key of [
    'rows',
    'genes',
    'nonZeroFraction',
    'looksLikeCounts',
    'suggestedLabel',
    'recommendedPreprocessing',
  ]) {
    assert.deepEqual(a[key], b[key], key);
  }
  assert.ok((a.nonZeroFraction as number) > 0 && (a.nonZeroFraction as number) < 1);
});

test('--layer and --input: listed in --help, checked, and refused for a MatrixMarket file (exit 2)', async () => {
  const help = await runCli(['inspect', '--help']);
  assert.match(help.stdout, /--layer NAME .*\n.*default: X/);
  assert.match(help.stdout, /--input I .*obsm:X_pca \(default: genes\)/);
  const badInput = await runCli(['inspect', join(FORMATS, 'tenx_v2'), '--input', 'pca']);
  assert.equal(badInput.code, 2);
  assert.match(badInput.stderr, /--input must be genes or obsm:NAME/);
  const layer = await runCli(['inspect', join(FORMATS, 'tenx_v2'), '--layer', 'counts']);
  assert.equal(layer.code, 2);
  assert.match(layer.stderr, /matrix\.mtx: --layer "counts": a MatrixMarket file holds one matrix/);
  const genes = await runCli(['inspect', join(FORMATS, 'tenx_v2'), '--input', 'genes', '--json']);
  assert.equal(genes.code, 0, genes.stderr);
});

test('a malformed .mtx exits 1 with the file and line', async () => {
  const bad = join(packageRoot(), 'test', 'fixtures', 'bad', 'mtx', 'repeated-entry.mtx');
  const { code, stderr } = await runCli(['inspect', bad]);
  assert.equal(code, 1);
  assert.match(stderr, /repeated-entry\.mtx, line 7: the entry at row 2, column 3 is written twice/);
});

test('an option the format cannot honour exits 2 naming it: --layer on a CSV, --transpose on an h5ad', async () => {
  const csv = await runCli(['inspect', join(FORMATS, 'cells.csv'), '--layer', 'counts']);
  assert.equal(csv.code, 2);
  assert.match(
    csv.stderr,
    /cells\.csv: --layer "counts" does not apply to a delimited text \(CSV\/TSV\) file/,
  );
  const h5ad = await runCli(['inspect', join(FORMATS, 'csr.h5ad'), '--transpose']);
  assert.equal(h5ad.code, 2);
  assert.match(h5ad.stderr, /csr\.h5ad: --transpose does not apply to an AnnData \.h5ad file/);
  const layer = await runCli(['inspect', join(FORMATS, 'lognorm.h5ad'), '--layer', 'spliced']);
  assert.equal(layer.code, 2, 'an unknown h5ad layer is a usage error too');
});

test('inspect --help says what it reads of each format', async () => {
  const help = await runCli(['inspect', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /an AnnData \.h5ad, a loom file, a Cell Ranger \.h5/);
  assert.match(help.stdout, /CSV\/TSV +the first 5 000 rows or 32 MB/);
  assert.match(help.stdout, /\.h5ad, \.h5 +the whole chosen matrix.*\n.*per stored value/);
  assert.match(help.stdout, /loom +the whole matrix, read twice in blocks/);
  assert.match(help.stdout, /MatrixMarket +every entry \(time and memory per entry, never cells × genes\)/);
  assert.match(help.stdout, /checked against --max-memory before it is allocated, for every format/);
});

test('a file without any cell metadata (a Cell Ranger folder or .h5) points to --meta-file for labels', async () => {
  // each named by the path given, as train names it: a folder is no "file"
  for (const file of ['tenx_v2', 'tenx-v3.h5', join('plain', 'cells.mtx')]) {
    const name = join(FORMATS, file);
    const { code, stdout } = await runCli(['inspect', name]);
    assert.equal(code, 0);
    assert.ok(
      stdout.includes(
        `Suggested label column: none: ${name} holds no cell metadata; add cell types with --meta-file FILE`,
      ),
      `${file}: ${stdout}`,
    );
  }
});

test('inspect prints only what the format holds: layers for h5ad and loom, obsm for h5ad, neither for 10x/mtx', async () => {
  const expected: [string, boolean, boolean][] = [
    ['tenx_v2', false, false],
    ['tenx-v3.h5', false, false],
    [join('plain', 'cells.mtx'), false, false],
    ['cells.csv', false, false],
    ['cells.loom', true, false],
    ['csr.h5ad', true, true],
  ];
  for (const [file, layers, obsm] of expected) {
    const { code, stdout, stderr } = await runCli(['inspect', join(FORMATS, file)]);
    assert.equal(code, 0, `${file}: ${stderr}`);
    assert.equal(/\nOther matrices: /.test(stdout), layers, `${file}: ${stdout}`);
    assert.equal(/\nEmbeddings \(obsm\): /.test(stdout), obsm, `${file}: ${stdout}`);
  }
});

// A scanpy user's file keeps every gene in raw and a selection in X: inspect listed "raw/X" with nothing to say
// that --layer raw trains on 30 genes, not X's 15. raw/X now shows its gene count, and a matrix whose count
// differs from the one read shows its own.
test("inspect on an h5ad with raw says raw/X's gene count, and X's when raw is read", async () => {
  const x = await runCli(['inspect', join(FORMATS, 'hvg-raw.h5ad')]);
  assert.equal(x.code, 0, x.stderr);
  assert.match(x.stdout, /\nShape: 40 cells × 15 genes\n/);
  assert.match(x.stdout, /\nOther matrices: raw\/X \(30 genes\)\n/);
  const raw = await runCli(['inspect', join(FORMATS, 'lognorm.h5ad'), '--layer', 'raw']);
  assert.equal(raw.code, 0, raw.stderr);
  assert.match(raw.stdout, /\nShape: 40 cells × 30 genes\n/);
  assert.match(raw.stdout, /\nOther matrices: X \(25 genes\), layers\/counts \(25 genes\)\n/);
  // a layer of X's genes, read or listed, needs no count: the Shape line says it
  const counts = await runCli(['inspect', join(FORMATS, 'lognorm.h5ad'), '--layer', 'counts']);
  assert.match(counts.stdout, /\nOther matrices: X, raw\/X \(30 genes\)\n/);
});

test('inspect on a scanpy h5ad lists its embeddings with their widths; with --input it says the shape of the embedding, not its sparsity', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-inspect-obsm-'));
  try {
    const file = join(dir, 'scanpy.h5ad');
    await writeEmbeddingH5ad(file, { obsm: { X_pca: 20, X_scVI: 10, protein: 'dataframe' } });
    const genes = await runCli(['inspect', file]);
    assert.equal(genes.code, 0, genes.stderr);
    assert.match(
      genes.stdout,
      /\nEmbeddings \(obsm\): X_pca \(20 columns\), X_scVI \(10 columns\), protein \(not readable as a matrix\)\n/,
    );
    const scvi = await runCli(['inspect', file, '--input', 'obsm:X_scVI']);
    assert.equal(scvi.code, 0, scvi.stderr);
    assert.match(scvi.stdout, /\nShape: 80 cells × 10 columns of the embedding obsm\/X_scVI\n/);
    assert.match(scvi.stdout, /\nFormat: AnnData \(\.h5ad\); matrix obsm\/X_scVI\n/);
    // X is no layer: the matrices besides the one read are named as the Import summary names them
    assert.match(scvi.stdout, /\nOther matrices: X\n/);
    // an embedding is dense by nature: no sparsity line, as the Import summary has none; its values are no genes
    assert.match(genes.stdout, /\nNon-zero values: [\d.]+ %\n/);
    assert.doesNotMatch(scvi.stdout, /Non-zero values/);
    assert.match(scvi.stdout, /\nMissing values: none in the matrix \(embedding values\)/);
    // its values are coordinates, not "scaled or log-ratio data"
    assert.match(
      scvi.stdout,
      /\nValues: the embedding's coordinates \(values -?[\d.e+-]+ to -?[\d.e+-]+\) — not genes, so they are mapped as they are \(no normalisation\)\n/,
    );
    assert.doesNotMatch(scvi.stdout, /log-ratio/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("inspect of an h5ad log1p'd in base 2 says uns['log1p']['base'] in one line and in --json; natural log says nothing", async () => {
  const markers = join(packageRoot(), 'test', 'fixtures', 'markers');
  const base2 = await runCli(['inspect', join(markers, 'log2.h5ad')]);
  assert.equal(base2.code, 0, base2.stderr);
  assert.match(
    base2.stdout,
    /\nLog1p base: 2 \(uns\['log1p'\]\['base'\]: values log1p'd in base 2; marker fold changes undo it\)\n/,
  );
  const json = await runCli(['inspect', join(markers, 'log2.h5ad'), '--json']);
  assert.equal((JSON.parse(json.stdout) as { log1pBase?: number }).log1pBase, 2);
  // sc.pp.log1p without a base stores None: natural log, no line
  const natural = await runCli(['inspect', join(markers, 'natural.h5ad')]);
  assert.equal(natural.code, 0, natural.stderr);
  assert.doesNotMatch(natural.stdout, /Log1p base/);
  const naturalJson = await runCli(['inspect', join(markers, 'natural.h5ad'), '--json']);
  assert.equal('log1pBase' in (JSON.parse(naturalJson.stdout) as object), false);
});
