/**
 * `embed` finds a model's genes in a file named the other way (a user audit: a model trained on an h5ad of
 * symbols with a gene_ids column refused the same cells indexed by Ensembl ids, "shares no gene"): through
 * the ids the model keeps, through the file's own id annotation, ignoring Ensembl version suffixes — the
 * same map as the file named like the model, never silently, ambiguities reported, old models still loading.
 * Fixtures: the format fixtures' cells (test/fixtures/formats/cells.py: gene g has the id ENSG + g on 11
 * digits), written as h5ad by the result writer, so no Python is needed.
 */
import assert from 'node:assert/strict';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Papa from 'papaparse';
import { importTable } from '../../src/data/index.js';
import type { ExpressionTable } from '../../src/data/types.js';
import { writeResultH5ad } from '../../src/engine/h5ad/write-result-h5ad.js';
import { packageRoot } from '../../src/util/paths.js';
import { parseCsv, runCli, tempDir } from '../cli/helpers.js';
import { readBack } from './h5ad/read-back.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const ensemblOf = (g: number): string => `ENSG${String(g).padStart(11, '0')}`;

let dir = '';
let cleanup = async () => {};
let cells: ExpressionTable;
/** A model of symbols with the gene_ids column, and one of Ensembl ids without any other name. */
let symbolModel = '';
let ensemblModel = '';

/** The cells as an h5ad whose var index is `varNames`, with `var` columns. */
async function writeH5ad(name: string, varNames: string[], varColumns: { name: string; values: string[] }[]) {
  const path = join(dir, name);
  await writeResultH5ad(path, {
    source: join(FORMATS, 'cells.csv'),
    obsNames: cells.ids,
    obs: cells.metadata.map((m) => ({ name: m.name, values: m.values })),
    varNames,
    var: varColumns,
    X: cells.values,
    embedding: { data: new Float32Array(cells.ids.length), rows: cells.ids.length, cols: 1 },
    report: {},
    categoryColors: {},
  });
  return path;
}

/** cells.csv with its gene headers replaced by `header(g, name)` (columns kept in `order` of genes). */
async function writeCsv(name: string, header: (g: number, gene: string) => string, order?: number[]) {
  const rows = parseCsv(await readFile(join(FORMATS, 'cells.csv'), 'utf8'));
  const first = rows[0].indexOf(cells.genes[0]);
  const genes = order ?? cells.genes.map((_, g) => g);
  const out = rows.map((row, r) => [
    ...row.slice(0, first),
    ...genes.map((g) => (r === 0 ? header(g, row[first + g]) : row[first + g])),
  ]);
  const path = join(dir, name);
  await writeFile(path, Papa.unparse(out));
  return path;
}

async function train(input: string, model: string): Promise<void> {
  const r = await runCli([
    'train',
    input,
    '--label',
    'cell_type',
    '--epochs',
    '2',
    '--seed',
    '5',
    '--out',
    join(dir, `${model}.csv`),
    '--model',
    join(dir, model),
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
}

interface Embedded {
  code: number;
  stderr: string;
  coords: number[][];
  summary: { warnings: string[]; missingGenes: string[]; geneMatching: Record<string, unknown> };
}

/** `embed input --model model --json`: exit code, stderr, the coordinates (x, y, z per cell) and the summary. */
async function embed(input: string, model: string, extra: string[] = []): Promise<Embedded> {
  const out = join(dir, `embedded-${Math.random().toString(36).slice(2)}.csv`);
  const r = await runCli(['embed', input, '--model', model, '--out', out, '--json', ...extra]);
  if (r.code !== 0)
    return {
      code: r.code,
      stderr: r.stderr,
      coords: [],
      summary: { warnings: [], missingGenes: [], geneMatching: {} },
    };
  const rows = parseCsv(await readFile(out, 'utf8'));
  const x = rows[0].indexOf('x');
  const coords = rows.slice(1).map((row) => row.slice(x, x + 3).map(Number));
  return { code: r.code, stderr: r.stderr, coords, summary: JSON.parse(r.stdout) as Embedded['summary'] };
}

function assertSameMap(a: number[][], b: number[][], what: string): void {
  assert.equal(a.length, 40, what);
  assert.equal(b.length, a.length, what);
  a.forEach((row, i) =>
    row.forEach((v, d) =>
      assert.ok(Math.abs(v - b[i][d]) < 1e-5, `${what}: cell ${i}, dim ${d}: ${v} vs ${b[i][d]}`),
    ),
  );
}

let symbolsH5ad = '';
let ensemblH5ad = '';
let symbolMap: number[][] = [];
let ensemblMap: number[][] = [];

before(async () => {
  ({ dir, cleanup } = await tempDir());
  cells = await importTable(join(FORMATS, 'cells.csv'));
  const ids = cells.genes.map((_, g) => ensemblOf(g));
  symbolsH5ad = await writeH5ad('symbols.h5ad', cells.genes, [{ name: 'gene_ids', values: ids }]);
  ensemblH5ad = await writeH5ad('ensembl.h5ad', ids, []);
  await train(symbolsH5ad, 'symbol-model');
  await train(ensemblH5ad, 'ensembl-model');
  symbolModel = join(dir, 'symbol-model');
  ensemblModel = join(dir, 'ensembl-model');
  const bySymbol = await embed(symbolsH5ad, symbolModel);
  assert.equal(bySymbol.code, 0, bySymbol.stderr);
  symbolMap = bySymbol.coords;
  const byEnsembl = await embed(ensemblH5ad, ensemblModel);
  assert.equal(byEnsembl.code, 0, byEnsembl.stderr);
  ensemblMap = byEnsembl.coords;
});
after(() => cleanup());

test('a model trained on an h5ad of symbols keeps its gene_ids beside the names', async () => {
  const saved = JSON.parse(await readFile(join(symbolModel, 'gene-ids.json'), 'utf8')) as {
    columns: { name: string; ids: string[] }[];
  };
  const recipe = JSON.parse(await readFile(join(symbolModel, 'recipe.json'), 'utf8')) as { genes: string[] };
  assert.deepEqual(
    saved.columns.map((c) => c.name),
    ['gene_ids'],
  );
  assert.deepEqual(
    saved.columns[0].ids,
    recipe.genes.map((g) => ensemblOf(cells.genes.indexOf(g))),
  );
});

test('an h5ad indexed by Ensembl ids lands where the symbol-indexed file does, and the run says how genes were found', async () => {
  const r = await embed(ensemblH5ad, symbolModel);
  assert.equal(r.code, 0, r.stderr);
  assertSameMap(r.coords, symbolMap, 'Ensembl-indexed h5ad');
  assert.deepEqual(r.summary.missingGenes, []);
  const notice =
    /30 of the model's 30 genes were found in .*ensembl\.h5ad by gene id, not by name \(30 by the file's gene names against the model's "gene_ids"; e\.g\. ENSG00000000000 as GENE00/;
  assert.ok(
    r.summary.warnings.some((w) => notice.test(w)),
    r.summary.warnings.join(' | '),
  );
  assert.match(r.stderr, new RegExp(`warning: ${notice.source}`));
  assert.equal(r.summary.geneMatching['file-name-model-id'], 30);
  assert.equal(r.summary.geneMatching.name, 0);
});

test('a CSV of versioned Ensembl ids lands there too; the h5ad result keeps the genes matched by id', async () => {
  const csv = await writeCsv('ensembl-versioned.csv', (g) => `${ensemblOf(g)}.${(g % 4) + 1}`);
  const r = await embed(csv, symbolModel);
  assert.equal(r.code, 0, r.stderr);
  assertSameMap(r.coords, symbolMap, 'versioned Ensembl CSV');
  const out = join(dir, 'embedded.h5ad');
  const h5 = await runCli(['embed', csv, '--model', symbolModel, '--out', out, '--quiet']);
  assert.equal(h5.code, 0, h5.stderr);
  const back = await readBack(out);
  assert.equal(back.varIndex.length, 30, "var/X hold the genes the embedding read, under the file's names");
  assert.equal(back.varIndex[0], `${ensemblOf(0)}.1`);
});

test("a 10x folder (symbols, gene_ids) finds a model of Ensembl ids through the features file's ids", async () => {
  const r = await embed(join(FORMATS, 'tenx_v3'), ensemblModel);
  assert.equal(r.code, 0, r.stderr);
  assertSameMap(r.coords, ensemblMap, '10x folder');
  assert.ok(
    r.summary.warnings.some((w) => /30 by the file's "gene_ids" against the model's gene names/.test(w)),
    r.summary.warnings.join(' | '),
  );
});

test("names differing from the model's only by an Ensembl version suffix match, and the run says so", async () => {
  const csv = await writeCsv('versions.csv', (g) => `${ensemblOf(g)}.12`);
  const r = await embed(csv, ensemblModel);
  assert.equal(r.code, 0, r.stderr);
  assertSameMap(r.coords, ensemblMap, 'versioned names');
  assert.ok(
    r.summary.warnings.some((w) =>
      /30 of the model's 30 genes were found in .* by name ignoring the Ensembl version suffix/.test(w),
    ),
    r.summary.warnings.join(' | '),
  );
});

test('an id on two file genes matches neither, the same whatever the column order, and is reported', async () => {
  // gene 1's column carries gene 0's id (another version): GENE00 is ambiguous, GENE01 absent
  const header = (g: number) => (g === 1 ? `${ensemblOf(0)}.2` : `${ensemblOf(g)}.1`);
  const order = cells.genes.map((_, g) => g);
  const forward = await embed(await writeCsv('ambiguous.csv', header, order), symbolModel);
  const backward = await embed(
    await writeCsv('ambiguous-reversed.csv', header, order.slice().reverse()),
    symbolModel,
  );
  for (const r of [forward, backward]) {
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.summary.missingGenes.slice().sort(), ['GENE00', 'GENE01']);
    assert.equal(r.summary.geneMatching.ambiguous, 1);
    assert.ok(
      r.summary.warnings.some((w) =>
        /1 of the model's genes were left unmatched in .* because their names or ids fit more than one gene: model ↔ file GENE00 ↔ ENSG00000000000\.[12], ENSG00000000000\.[12]\./.test(
          w,
        ),
      ),
      r.summary.warnings.join(' | '),
    );
  }
  assertSameMap(backward.coords, forward.coords, 'column order');
});

test('a model folder saved without gene ids still loads and embeds by name; an id-named file is refused saying why', async () => {
  const old = join(dir, 'old-model');
  await cp(symbolModel, old, { recursive: true });
  await rm(join(old, 'gene-ids.json'));
  const same = await embed(symbolsH5ad, old);
  assert.equal(same.code, 0, same.stderr);
  assertSameMap(same.coords, symbolMap, 'old model');
  assert.equal(same.summary.warnings.filter((w) => /gene id|version suffix/.test(w)).length, 0);
  const refused = await embed(ensemblH5ad, old);
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    /ensembl\.h5ad shares no gene with the model .*Genes were matched by name only, Ensembl version suffixes ignored: neither .*ensembl\.h5ad nor the model has gene ids/,
  );
});

test("a file holding under half of the model's genes after the id match is refused, saying ids were tried", async () => {
  // 10 genes by Ensembl id, 20 under names the model does not know
  const csv = await writeCsv('few.csv', (g) => (g < 10 ? ensemblOf(g) : `OTHER${g}`));
  const r = await embed(csv, symbolModel);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /holds only 10 of the 30 genes of the model .*Genes were matched by name, then by gene id through the model's "gene_ids" \(.*few\.csv has no gene id annotation\), Ensembl version suffixes ignored\. Check/,
  );
});

test('embed --help says how genes are matched', async () => {
  const r = await runCli(['embed', '--help']);
  assert.equal(r.code, 0);
  const help = r.stdout.replace(/\s+/g, ' ');
  assert.match(
    help,
    /Genes are matched by name; .* ignoring Ensembl version suffixes .* then through gene ids/,
  );
  assert.match(
    help,
    /a warning says how many genes were found so, and an id that fits several genes matches none/,
  );
});
