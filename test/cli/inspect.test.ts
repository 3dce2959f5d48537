// `tripletlens inspect` through the CLI dispatcher with captured output: the human report names the label
// column and says counts vs log data; --json has the documented fields; mistakes exit 1 or 2 with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot, sharedDataPath } from '../../src/util/paths.js';
import { runCli } from './helpers.js';

const BAD = join(packageRoot(), 'test', 'fixtures', 'bad');

test('inspect on raw counts names the label column and says counts', async () => {
  const { code, stdout: out } = await runCli(['inspect', sharedDataPath('pbmc68k_reduced_counts.csv')]);
  assert.equal(code, 0);
  assert.match(out, /Shape: 700 rows \(cells or samples\) × 765 genes/);
  assert.match(out, /Suggested label column: label \(10 classes: Dendritic 240/);
  assert.match(out, /Values: counts/);
  assert.match(out, /normalisation \+ log1p is recommended/);
  assert.match(out, /louvain\s+11 distinct/);
});

test('inspect on log data says it is not counts', async () => {
  const { code, stdout: out } = await runCli(['inspect', sharedDataPath('pbmc68k_reduced_lognorm.csv')]);
  assert.equal(code, 0);
  assert.match(out, /Values: log or normalised data/);
  assert.doesNotMatch(out, /normalise each cell/);
});

test('inspect --json prints the facts object', async () => {
  const { code, stdout: out } = await runCli(['inspect', sharedDataPath('golub_leukemia.csv'), '--json']);
  assert.equal(code, 0);
  const facts = JSON.parse(out) as Record<string, unknown>;
  assert.equal(facts.rows, 38);
  assert.equal(facts.genes, 3051);
  assert.deepEqual(facts.metadataColumns, [{ name: 'label', distinct: 2 }]);
  assert.equal(facts.suggestedLabel, 'label');
  assert.equal(facts.looksLikeCounts, false);
  assert.equal(facts.missingValues, 0);
  // 38 samples: PCA to 37 components, the most their centred data hold (the run caps it there too)
  assert.deepEqual(facts.recommendedPreprocessing, {
    normalize: false,
    log1p: false,
    topGenes: 2000,
    zscore: true,
    clip: 10,
    pcaComponents: 37,
    seed: 0,
  });
});

// A walkthrough (a bulk panel of 26 samples): inspect recommended "PCA to 50 components", and so did the app's
// Import form, while the run capped it at 25 with a note only in the recipe.
test('inspect recommends a PCA of at most cells − 1 components on a small table, and says why', async () => {
  const { code, stdout } = await runCli(['inspect', sharedDataPath('golub_leukemia.csv')]);
  assert.equal(code, 0);
  assert.match(
    stdout,
    /\nRecommended preprocessing: keep the 2\u202f000 most variable genes → z-score each gene \(clip ±10\) → PCA to 37 components \(the most 38 rows allow\)\n/,
  );
  const big = await runCli(['inspect', sharedDataPath('pbmc68k_reduced_lognorm.csv')]);
  assert.match(big.stdout, /→ PCA to 50 components\n/);
});

// A walkthrough: inspect of the coordinates CSV `train` writes said "Values: already transformed (negative
// values, e.g. scaled or log-ratio data; …) — not raw counts, so no normalisation is needed", "× 3 genes" and
// "z-score each gene": it is a map's coordinates, with columns, not genes.
test('inspect of a map’s coordinates CSV says it holds coordinates, their columns and range, not expression', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-inspect-coords-'));
  try {
    const map = join(dir, 'iris.coords.csv');
    const rows = Array.from({ length: 12 }, (_, i) => {
      const label = ['setosa', 'versicolor', 'virginica'][i % 3];
      return `iris_${i},${label},${i < 9 ? 'train' : 'test'},${(i * 3.25 - 11.5).toFixed(4)},${(20 - i * 1.5).toFixed(4)},${(i * 0.75).toFixed(4)}`;
    });
    writeFileSync(map, `id,label,split,x,y,z\n${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await runCli(['inspect', map]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /\nShape: 12 rows \(cells or samples\) × 3 columns\n/);
    assert.match(
      stdout,
      /\nValues: a map's or an embedding's coordinates \(x, y, z; values -11\.50 to 24\.25\) — not genes or counts, so no normalisation is needed\n/,
    );
    assert.match(stdout, /\nMissing values: none in the matrix \(coordinates\); /);
    assert.match(stdout, /\nRecommended preprocessing: z-score each column \(clip ±10\)\n/);
    assert.doesNotMatch(stdout.replace('not genes or counts', ''), /log-ratio|log or normalised|\bgenes?\b/);
    assert.doesNotMatch(stdout, /Non-zero values/);
    // an exported PCA: its components listed by the first few and the last
    const pca = join(dir, 'pca.csv');
    const pcs = Array.from({ length: 8 }, (_, j) => `PC${j + 1}`);
    const values = (i: number) => pcs.map((_, j) => ((i + 1) * (j + 1) * 0.5).toFixed(2));
    writeFileSync(
      pca,
      `id,${pcs.join(',')}\n${Array.from({ length: 6 }, (_, i) => `c${i},${values(i).join(',')}`).join('\n')}\n`,
    );
    const p = await runCli(['inspect', pca]);
    assert.match(
      p.stdout,
      /\nValues: a map's or an embedding's coordinates \(PC1, PC2, PC3, … PC8; values 0\.5000 to 24\)/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A walkthrough: "Missing values: none" counted only the matrix, while the label column had empty and NA
// cells. The line says what it counted; each metadata column's missing values are counted too.
test('inspect counts missing values in the matrix and, per column, in the metadata', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-inspect-missing-'));
  try {
    const file = join(dir, 'gaps.csv');
    const rows = ['c1,T,b1', 'c2,,b1', 'c3,B,NA', 'c4,T,b2', 'c5,B,b2', 'c6,NA,', 'c7,<NA>,b1', 'c8,T,b2'];
    writeFileSync(file, `id,cell_type,batch,G1,G2\n${rows.map((r, i) => `${r},${i},${i % 3}`).join('\n')}\n`);
    const human = await runCli(['inspect', file]);
    assert.equal(human.code, 0, human.stderr);
    assert.ok(
      human.stdout.includes('\n  cell_type  2 distinct, 3 missing\n  batch      2 distinct, 2 missing\n'),
      human.stdout,
    );
    assert.match(
      human.stdout,
      /\nMissing values: none in the matrix \(gene values\); 5 in the metadata \(empty, NA…\): cell_type 3, batch 2\n/,
    );
    // the label line's unlabelled cells are the column's missing values
    assert.match(human.stdout, /Suggested label column: cell_type \(2 classes: T 3, B 2; 3 unlabeled\)/);
    const json = JSON.parse((await runCli(['inspect', file, '--json'])).stdout) as Record<string, unknown>;
    assert.deepEqual(json.metadataColumns, [
      { name: 'cell_type', distinct: 2, missing: 3 },
      { name: 'batch', distinct: 2, missing: 2 },
    ]);
    assert.equal(json.missingValues, 0);
    const full = await runCli(['inspect', sharedDataPath('golub_leukemia.csv')]);
    assert.match(
      full.stdout,
      /\nMissing values: none in the matrix \(gene values\); none in the metadata columns\n/,
    );
    const zero = await runCli(['inspect', join(BAD, 'missing-na.csv'), '--missing', 'zero']);
    assert.match(
      zero.stdout,
      /\nMissing values: 1 in the matrix \(gene values\); none in the metadata columns\n/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A walkthrough (a tumour panel with NA for failed probes): inspect stopped at the first NA with exit 1, so the
// command whose report has a "Missing values" line could not count them, nor describe anything else.
test('inspect without --missing describes a file with missing values, counts them and names the first', async () => {
  const human = await runCli(['inspect', join(BAD, 'missing-na.csv')]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(
    human.stdout,
    /\nMissing values: 1 in the matrix \(gene values\); none in the metadata columns\n/,
  );
  assert.match(human.stdout, /Suggested label column: label \(2 classes/);
  assert.match(
    human.stdout,
    /\nWarning: 1 missing value in the matrix; train and embed stop at the first: .*missing-na\.csv, line 4, column 5 \("GENE_C"\): missing value \("NA"\).*\(--missing zero, drop-row or column-mean\)\.\n/,
  );
  assert.doesNotMatch(human.stdout, /read as 0|replaced by/, 'no policy was chosen');
  // the values described are the file's: its NA is not read as a 0 (its values are 1 to 8)
  assert.match(human.stdout, /values 1 to 8\)/);
  const json = JSON.parse((await runCli(['inspect', join(BAD, 'missing-na.csv'), '--json'])).stdout) as {
    missingValues: number;
    warnings: { code: string }[];
  };
  assert.equal(json.missingValues, 1);
  assert.deepEqual(
    json.warnings.map((w) => w.code),
    ['missing-values'],
  );
  // train still refuses it, as the warning says
  const train = await runCli([
    'train',
    join(BAD, 'missing-na.csv'),
    '--label',
    'label',
    '--out',
    join(tmpdir(), 'never.csv'),
  ]);
  assert.equal(train.code, 1);
  assert.match(train.stderr, /line 4, column 5 \("GENE_C"\): missing value/);
});

// A walkthrough (a GEO-style genes × samples table): the label line said to mark a column with --meta, while the
// Hint that the file is turned round (--transpose) came last.
test('inspect of a genes × samples table: the label line points to the orientation hint first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-inspect-turned-'));
  try {
    const file = join(dir, 'genes_rows.csv');
    const genes = ['CD3E', 'CD79A', 'MS4A1', 'LYZ', 'NKG7', 'GNLY', 'CST3', 'FCGR3A'];
    const rows = genes.map((g, i) => `${g},${[1, 2, 3].map((s) => ((i * 7 + s * 3) % 11) / 2).join(',')}`);
    writeFileSync(file, `gene,s1,s2,s3\n${rows.join('\n')}\n`);
    const { code, stdout } = await runCli(['inspect', file]);
    assert.equal(code, 0);
    assert.match(stdout, /\nHint: .*--transpose/);
    assert.match(
      stdout,
      /\nSuggested label column: none: the file looks turned round \(see the Hint below\); with --transpose, add labels with --meta-file FILE/,
    );
    // a GEO series matrix: probe ids, then a text column of gene symbols read as metadata — turning it round
    // still comes first (a walkthrough was told the symbols had too many classes to be labels)
    const geo = join(dir, 'geo.tsv');
    const geoRows = genes.map(
      (g, i) => `${1000 + i}_at\t${g}\t${[1, 2, 3].map((s) => ((i * 7 + s * 3) % 11) / 2).join('\t')}`,
    );
    writeFileSync(geo, `ID_REF\tIDENTIFIER\ts1\ts2\ts3\n${geoRows.join('\n')}\n`);
    const g = await runCli(['inspect', geo]);
    assert.match(g.stdout, /\nHint: .*--transpose/);
    assert.match(
      g.stdout,
      /\nSuggested label column: none: the file looks turned round \(see the Hint below\)/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inspect passes import options through (--missing, --transpose)', async () => {
  const zero = await runCli(['inspect', join(BAD, 'missing-na.csv'), '--missing', 'zero', '--json']);
  assert.equal(zero.code, 0, zero.stderr);
  assert.equal((JSON.parse(zero.stdout) as { missingValues: number }).missingValues, 1);
  const transposed = await runCli(['inspect', join(BAD, 'transposed-duplicate-sample.tsv'), '--transpose']);
  assert.equal(transposed.code, 0, transposed.stderr);
  assert.match(transposed.stdout, /Shape: 3 rows \(cells or samples\) × 2 genes/);
  assert.match(
    transposed.stdout,
    /Duplicate column names renamed: S1 → S1\.1\. The first repeat: line 1, column 4/,
  );
});

test('a bad file exits 1 with the file, line and column; a bad option exits 2', async () => {
  const bad = await runCli(['inspect', join(BAD, 'inf-in-gene.csv')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /inf-in-gene\.csv, line 4, column 4 \("G1"\): "Inf" is an infinity/);
  const option = await runCli(['inspect', join(BAD, 'good.csv'), '--missing', 'guess']);
  assert.equal(option.code, 2);
  assert.match(option.stderr, /--missing must be one of: error, zero, drop-row, column-mean; got 'guess'$/m);
  const typo = await runCli(['inspect', join(BAD, 'good.csv'), '--missing', 'drop_row']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /got 'drop_row'; did you mean 'drop-row'\?/);
  const none = await runCli(['inspect']);
  assert.equal(none.code, 2);
});

test('a column named in an option but absent from the file is a usage error (exit 2)', async () => {
  const { code, stderr: err } = await runCli(['inspect', join(BAD, 'good.csv'), '--id', 'barcode']);
  assert.equal(code, 2);
  assert.match(err, /"barcode" that is not in the header/);
});

test('--meta and --genes-from override detection; --delimiter forces the separator', async () => {
  const meta = await runCli(['inspect', join(BAD, 'good.csv'), '--meta', 'label', '--json']);
  assert.equal(meta.code, 0, meta.stderr);
  assert.equal((JSON.parse(meta.stdout) as { genes: number }).genes, 3);
  const genesFrom = await runCli(['inspect', join(BAD, 'good.csv'), '--genes-from', 'GENE_B', '--json']);
  assert.equal((JSON.parse(genesFrom.stdout) as { genes: number }).genes, 2);
  // the columns before the first gene are metadata, listed in --meta or not (GENE_A was left out with a warning)
  const both = await runCli([
    'inspect',
    join(BAD, 'good.csv'),
    '--genes-from',
    'GENE_B',
    '--meta',
    'label',
    '--json',
  ]);
  const read = JSON.parse(both.stdout) as { metadataColumns: { name: string }[]; warnings: unknown[] };
  assert.deepEqual([read.metadataColumns.map((m) => m.name), read.warnings], [['label', 'GENE_A'], []]);
  const wrong = await runCli(['inspect', join(BAD, 'good.csv'), '--delimiter', 'tab']);
  assert.equal(wrong.code, 1);
  // A user walkthrough: `--delimiter comma` on a TSV (here tab on a CSV) was told only 'Check the delimiter option.',
  // then 'choose comma', which named no flag
  assert.match(
    wrong.stderr,
    /line 1: the header has a single column with the chosen delimiter\. By commas it has 5 columns: give --delimiter comma, or leave --delimiter out to have it detected\.\n$/,
  );
});

// A walkthrough (a bulk panel whose classes are coded 0–6 in a column `class`, as multtest's golub.cl is): the
// importer reads the column as a gene, and inspect said "none found (no metadata column has 2–100 classes);
// choose one with care" — nothing to choose, no word of the column. train --label class named --meta already.
test('inspect names a column of class codes read as a gene, and says where labels come from without metadata', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-inspect-coded-'));
  try {
    const genes = ['g1', 'g2', 'g3', 'g4'];
    const rows = Array.from({ length: 12 }, (_, r) =>
      [`s${r}`, String(r % 3), ...genes.map((_, g) => (5 + ((r * 3 + g * 7) % 11) / 3).toFixed(3))].join(
        '\t',
      ),
    );
    const coded = join(dir, 'coded.tsv');
    writeFileSync(coded, `sample\tclass\t${genes.join('\t')}\n${rows.join('\n')}\n`);
    const r = await runCli(['inspect', coded]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /\nSuggested label column: none among the metadata columns, but 'class' \(3 distinct integers\) was read as a gene column: add --meta class to use it as labels\n/,
    );
    // --meta class: the suggestion follows
    const meta = await runCli(['inspect', coded, '--meta', 'class']);
    assert.match(meta.stdout, /\nSuggested label column: class \(3 classes/);
    // a gene named like nothing label-like, or a label-like name with non-integer values: not named
    const plain = join(dir, 'plain.tsv');
    writeFileSync(
      plain,
      `sample\tscore_type\t${genes.join('\t')}\n${rows.map((l) => l.replace(/\t(\d)\t/, '\t$1.5\t')).join('\n')}\n`,
    );
    const p = await runCli(['inspect', plain]);
    assert.match(
      p.stdout,
      /\nSuggested label column: none: no column was read as metadata \(text, or integer cluster codes named like leiden\); mark one with --meta COL or add labels with --meta-file FILE\n/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// scanpy's QC metrics on small data: a float column of a few distinct values is a measurement, not a class —
// inspect marks it (as the app's label picker does) and never suggests it; integer codes stay labels.
test('inspect marks a metadata column of a few distinct fractions as continuous, in the report and --json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-inspect-fractions-'));
  try {
    const file = join(dir, 'qc.csv');
    const lines = ['cell,pct_counts_mt,leiden,CD3E,MS4A1'];
    for (let i = 0; i < 12; i++)
      lines.push(`c${i},${['0', '0.25', '1.5'][i % 3]},${i % 2},${i % 5},${i % 3}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const args = ['inspect', file, '--meta', 'pct_counts_mt,leiden'];
    const human = await runCli(args);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /pct_counts_mt\s+3 distinct \(continuous: not a label\)/);
    assert.match(human.stdout, /leiden\s+2 distinct\n/);
    assert.match(human.stdout, /Suggested label column: leiden \(2 classes/);
    const json = await runCli([...args, '--json']);
    const facts = JSON.parse(json.stdout) as { metadataColumns: unknown; suggestedLabel: unknown };
    assert.deepEqual(facts.metadataColumns, [
      { name: 'pct_counts_mt', distinct: 3, continuous: true },
      { name: 'leiden', distinct: 2 },
    ]);
    assert.equal(facts.suggestedLabel, 'leiden');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A bulk panel of 26 samples exported from Excel, its classes spelt in two letter cases: 14 classes, more than
// the 13 (half the rows) a label may have, and inspect said "no metadata column has 2–100 classes" — which the
// column has.
test('inspect without a suggestion names the class limit of a small table and the columns over it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-inspect-many-classes-'));
  try {
    const tissues = ['colon', 'liver', 'kidney', 'placenta', 'cerebellum', 'hippocampus', 'endometrium'];
    const rows = Array.from({ length: 26 }, (_, r) => {
      const tissue = tissues[r % 7];
      const label = r % 2 === 0 ? tissue : tissue.toUpperCase();
      return [`s${r}`, label, ...[0, 1, 2].map((g) => (5 + ((r * 3 + g * 7) % 11) / 3).toFixed(3))].join(',');
    });
    const file = join(dir, 'panel.csv');
    writeFileSync(file, `sample,tissue,g1,g2,g3\n${rows.join('\n')}\n`);
    const r = await runCli(['inspect', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}tissue\s+14 distinct$/m);
    assert.match(
      r.stdout,
      /\nSuggested label column: none found \(no metadata column has 2–13 classes — at most half the 26 rows — that are not measurements; 'tissue' has 14\); choose one with care\n/,
    );
    // and why it has 14: its classes are spelt in two letter cases, as train warns of its label column
    assert.match(
      r.stdout,
      /\nWarning: Column 'tissue': classes differing only in letter case would train as different classes: .*'COLON' \(\d\) and 'colon' \(\d\); .* and 2 more groups\. If each group is one class, spell it one way in the file\.\n/,
    );
    // --json carries the same warning, in the shape of its other warnings (it printed none of it)
    const json = await runCli(['inspect', file, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const { warnings } = JSON.parse(json.stdout) as { warnings: { code: string; message: string }[] };
    const printed = /\nWarning: (Column 'tissue': classes differing only in letter case.*)\n/.exec(
      r.stdout,
    )?.[1];
    assert.deepEqual(
      warnings.filter((w) => w.message.includes('letter case')),
      [{ code: 'label-case-variants', message: printed }],
    );
    // a suggested label column is checked too
    const one = join(dir, 'one.csv');
    const oneRows = rows.map((line, r) =>
      line.replace(/^(s\d+),[^,]+,/, `$1,${r === 0 ? 'Liver' : tissues[r % 2]},`),
    );
    writeFileSync(one, `sample,tissue,g1,g2,g3\n${oneRows.join('\n')}\n`);
    const o = await runCli(['inspect', one]);
    // in a text table's words ('rows', as the rest of the report), and 'unlabeled' as train and the page spell it
    assert.match(
      o.stdout,
      /\nSuggested label column: tissue \(3 classes: .*; classes with < 2 rows: Liver\)\n/,
    );
    assert.match(o.stdout, /\nWarning: Column 'tissue': .*'liver' \(13\) and 'Liver' \(1\)\. /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// train refuses a label column whose values are each one row's (an id copied into the metadata:
// obs['barcode_copy'] = obs_names, a text column of unique names) and the page's label picker greys it out:
// inspect marks it the same way, by the same rule (src/data/shared-class.ts).
test('inspect marks a metadata column of one value a row as no label, in the report and --json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-inspect-ids-'));
  try {
    const file = join(dir, 'ids.csv');
    const lines = ['cell,barcode_copy,sample_name,cell_type,CD3E,MS4A1'];
    for (let i = 0; i < 12; i++)
      lines.push(`c${i},c${i},donor ${String.fromCharCode(65 + i)},${['T', 'B'][i % 2]},${i % 5},${i % 3}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const human = await runCli(['inspect', file]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /\n {2}barcode_copy\s+12 distinct \(one value a row: not a label\)\n/);
    assert.match(human.stdout, /\n {2}sample_name\s+12 distinct \(one value a row: not a label\)\n/);
    assert.match(human.stdout, /\n {2}cell_type\s+2 distinct\n/);
    const json = await runCli(['inspect', file, '--json']);
    const facts = JSON.parse(json.stdout) as { metadataColumns: unknown };
    assert.deepEqual(facts.metadataColumns, [
      { name: 'barcode_copy', distinct: 12, oneRowEach: true },
      { name: 'sample_name', distinct: 12, oneRowEach: true },
      { name: 'cell_type', distinct: 2 },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
