// Every real dataset in ../shared/data imports to the shape its provenance file states, with the right
// metadata columns and counts/log verdict; and a genes × samples TSV.gz made from one of them imports with
// `transpose` to exactly the same matrix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importTable, inspectTable } from '../../src/data/index.js';
import { sharedDataPath } from '../../src/util/paths.js';

const DATA = sharedDataPath();

interface Provenance {
  rows: number;
  features: number;
  nonGene: string[];
  integers: boolean;
  classes: number;
}

function provenance(txt: string): Provenance {
  const field = (name: string) => {
    const m = new RegExp(`^${name}: (.*)$`, 'm').exec(txt);
    assert.ok(m, `provenance lacks "${name}"`);
    return m[1].trim();
  };
  return {
    rows: Number(field('rows')),
    features: Number(field('genes/features \\(numeric columns\\)')),
    nonGene: field('non-gene columns \\(in order, all text\\)').split(','),
    integers: field('value range: .*all integers') === 'True' || /all integers: True/.test(txt),
    classes: Number(field('label classes')),
  };
}

const files = readdirSync(DATA).filter((f) => /\.csv(\.gz)?$/.test(f));

test('the shared datasets are there', () => {
  assert.ok(files.length >= 8, `found only ${files.join(', ')} in ${DATA}`);
});

for (const file of files) {
  test(`${file} imports to the shape in its provenance file`, { timeout: 60_000 }, async () => {
    const expected = provenance(readFileSync(join(DATA, file.replace(/\.csv(\.gz)?$/, '.txt')), 'utf8'));
    const table = await importTable(join(DATA, file));
    assert.equal(table.values.rows, expected.rows);
    assert.equal(table.values.cols, expected.features);
    assert.equal(table.values.data.length, expected.rows * expected.features);
    assert.equal(table.ids.length, expected.rows);
    assert.equal(table.genes.length, expected.features);
    assert.equal(new Set(table.genes).size, expected.features);
    assert.equal(table.idColumn, expected.nonGene[0]);
    assert.deepEqual(
      table.metadata.map((m) => m.name),
      expected.nonGene.slice(1),
    );
    for (const m of table.metadata) assert.equal(m.values.length, expected.rows);
    assert.ok(table.values.data.every(Number.isFinite));
    const facts = inspectTable(table);
    assert.equal(facts.looksLikeCounts, expected.integers);
    assert.equal(facts.suggestedLabel, 'label');
    assert.equal(facts.metadataColumns.find((m) => m.name === 'label')?.distinct, expected.classes);
    assert.equal(facts.orientationHint, undefined);
  });
}

test('the first data row of pbmc_small_counts.csv is read value for value', async () => {
  const path = join(DATA, 'pbmc_small_counts.csv');
  const [headerLine, firstLine] = readFileSync(path, 'utf8').split('\n');
  const header = headerLine.split(',');
  const fields = firstLine.split(',');
  const table = await importTable(path);
  assert.equal(table.ids[0], fields[0]);
  assert.equal(table.metadata[0].values[0], fields[1]);
  assert.deepEqual(table.genes, header.slice(5));
  assert.deepEqual(Array.from(table.values.data.subarray(0, table.values.cols)), fields.slice(5).map(Number));
});

test(
  'a transposed TSV.gz of tissue_gene_expression imports with transpose to the same matrix',
  { timeout: 60_000 },
  async () => {
    const original = await importTable(join(DATA, 'tissue_gene_expression.csv'));
    const { rows, cols, data } = original.values;
    // genes as rows, samples as columns, written with the same decimal text the CSV had
    const text = readFileSync(join(DATA, 'tissue_gene_expression.csv'), 'utf8').trimEnd().split('\n');
    const cells = text.slice(1).map((line) => line.split(','));
    const lines = [['gene', ...cells.map((c) => c[0])].join('\t')];
    for (let g = 0; g < cols; g++) lines.push([original.genes[g], ...cells.map((c) => c[2 + g])].join('\t'));
    const dir = mkdtempSync(join(tmpdir(), 'tripletlens-transpose-'));
    try {
      const path = join(dir, 'tissue_genes_by_samples.tsv.gz');
      writeFileSync(path, gzipSync(`${lines.join('\r\n')}\r\n`));
      const transposed = await importTable(path, { transpose: true });
      assert.deepEqual(transposed.ids, original.ids);
      assert.deepEqual(transposed.genes, original.genes);
      assert.equal(transposed.values.rows, rows);
      assert.equal(transposed.values.cols, cols);
      assert.deepEqual(transposed.values.data, data);
      // Read the wrong way round, the same file gets a hint to transpose.
      const sideways = await importTable(path);
      assert.equal(sideways.values.rows, cols);
      assert.match(inspectTable(sideways).orientationHint ?? '', /--transpose/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
