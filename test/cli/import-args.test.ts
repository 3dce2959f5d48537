// The import options every reading command shares: --max-memory SIZE (issue 10's size guard) is parsed
// into ImportOptions.maxMemoryBytes, a bad size is exit 2, and a file over the limit is exit 1 with the
// estimate, the limit and how to raise it; inspect reads a sample of a large file and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  IMPORT_HELP,
  importOptionsFromArgs,
  importWarningLines,
  mentionsName,
} from '../../src/cli/import-args.js';
import type { ExpressionTable } from '../../src/data/index.js';
import { packageRoot } from '../../src/util/paths.js';
import { runCli, tempDir } from './helpers.js';

const GOOD = join(packageRoot(), 'test', 'fixtures', 'bad', 'good.csv');

test('--max-memory 8G becomes maxMemoryBytes', () => {
  const options = importOptionsFromArgs({ values: { 'max-memory': '8G' }, positionals: [] });
  assert.equal(options.maxMemoryBytes, 8 * 2 ** 30);
  assert.equal(importOptionsFromArgs({ values: {}, positionals: [] }).maxMemoryBytes, undefined);
});

test('a size that is not a size is a usage error (exit 2)', async () => {
  for (const size of ['lots', '-1G', '0', '8X']) {
    const { code, stderr } = await runCli(['inspect', GOOD, `--max-memory=${size}`]);
    assert.equal(code, 2, size);
    assert.match(stderr, /--max-memory must be a size such as 512M, 8G/);
  }
});

test('a table over the limit exits 1 naming the estimate, the limit and --max-memory', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const path = join(dir, 'big.csv');
    const genes = Array.from({ length: 100 }, (_, g) => `G${g}`);
    const rows = Array.from(
      { length: 1000 },
      (_, i) => `c${i},${genes.map((_, g) => (i * g) % 7).join(',')}`,
    );
    await writeFile(path, `id,${genes.join(',')}\n${rows.join('\n')}\n`);
    const over = await runCli(['inspect', path, '--max-memory', '100K']);
    assert.equal(over.code, 1);
    assert.match(
      over.stderr,
      /big\.csv: too large .*about 1\u202f\d{3} rows × 100 genes.*limit of 100 KB.*--max-memory SIZE/,
    );
    const fits = await runCli(['inspect', path, '--max-memory', '64M']);
    assert.equal(fits.code, 0, fits.stderr);
    // digits grouped as in the Import summary (a narrow no-break space)
    assert.match(fits.stdout, /Shape: 1\u202f000 rows \(cells or samples\) × 100 genes/);
  } finally {
    await cleanup();
  }
});

test('inspect reads the first 5 000 rows of a larger file and says the row count is estimated', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const path = join(dir, 'tall.csv');
    const rows = Array.from(
      { length: 12_000 },
      (_, i) => `c${String(i).padStart(5, '0')},T${i % 3},${i % 5},${i % 9}`,
    );
    await writeFile(path, `id,label,g1,g2\n${rows.join('\n')}\n`);
    const { code, stdout } = await runCli(['inspect', path]);
    assert.equal(code, 0);
    const shape =
      /Shape: about (\d+)\u202f(\d{3}) rows \(cells or samples\) × 2 genes \(rows estimated from the file size; the first 5\u202f000 rows were read\)/.exec(
        stdout,
      );
    assert.ok(shape, stdout);
    assert.ok(Math.abs(Number(shape[1] + shape[2]) - 12_000) < 120, shape[0]);
    // the class counts of the rows read, grouped alike
    assert.match(stdout, /\nSuggested label column: label \(3 classes: T\d 1\u202f66\d, /);
    const json = await runCli(['inspect', path, '--json']);
    const facts = JSON.parse(json.stdout) as { rows: number; sampled: { rowsRead: number } };
    assert.equal(facts.sampled.rowsRead, 5000);
  } finally {
    await cleanup();
  }
});

test('the import options help, shared by inspect, train and embed, speaks of no one command', () => {
  assert.doesNotMatch(IMPORT_HELP, /\btrain/, 'inspect --help and embed --help show it too');
  assert.match(IMPORT_HELP, /--input I +the matrix to map: genes, or an h5ad embedding such as obsm:X_pca/);
});

test('--meta defaults to the detected columns, which take integer cluster codes too, as the help says', async () => {
  assert.match(
    IMPORT_HELP,
    /--meta A,B +exactly these columns are metadata \(default: detected: text columns, integer\s+cluster codes/,
  );
  const { dir, cleanup } = await tempDir();
  try {
    const file = join(dir, 'leiden.csv');
    const rows = Array.from(
      { length: 8 },
      (_, i) => `c${i},${i % 2},${(i * 0.37).toFixed(2)},${(1 + i * 0.11).toFixed(2)},0.5`,
    );
    await writeFile(file, ['id,leiden,G1,G2,G3', ...rows].join('\n') + '\n');
    const r = await runCli(['inspect', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const facts = JSON.parse(r.stdout) as { metadataColumns: { name: string }[]; genes: number };
    assert.deepEqual(
      facts.metadataColumns.map((m) => m.name),
      ['leiden'],
    );
    assert.equal(facts.genes, 3);
  } finally {
    await cleanup();
  }
});

test('a layer or input the file does not hold is a usage error (exit 2), like an unknown column', async () => {
  const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
  for (const [file, option] of [
    ['lognorm.h5ad', ['--layer', 'spliced']],
    ['csr.h5ad', ['--input', 'obsm:X_tsne']],
    ['cells.csv', ['--layer', 'counts']],
  ] as const) {
    const r = await runCli(['inspect', join(formats, file), ...option]);
    assert.equal(r.code, 2, `${file} ${option.join(' ')}: ${r.stderr}`);
  }
});

test('--layer beside --input obsm:NAME is exit 2 naming both, for train, embed and inspect alike', async () => {
  // a user's `train f.h5ad --layer counts --input obsm:X_pca` mapped X_pca, --layer silently ignored
  const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
  const h5ad = join(formats, 'csr.h5ad');
  const { dir, cleanup } = await tempDir();
  try {
    for (const argv of [
      ['train', h5ad, '--label', 'cell_type', '--out', join(dir, 'x.csv')],
      ['embed', h5ad, '--model', join(dir, 'no-model'), '--out', join(dir, 'y.csv')],
      ['inspect', h5ad],
    ]) {
      const r = await runCli([...argv, '--layer', 'counts', '--input', 'obsm:X_pca']);
      assert.equal(r.code, 2, `${argv[0]}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        `tripletlens ${argv[0]}: --layer counts and --input obsm:X_pca each choose the matrix to read: give ` +
          "--input obsm:X_pca to map that embedding, or --layer counts alone to map that matrix's genes\n",
      );
    }
    // --input genes, the default, goes with a layer
    const genes = await runCli([
      'inspect',
      join(formats, 'lognorm.h5ad'),
      '--layer',
      'counts',
      '--input',
      'genes',
    ]);
    assert.equal(genes.code, 0, genes.stderr);
    assert.match(genes.stdout, /; matrix layers\/counts\n/);
  } finally {
    await cleanup();
  }
});

test('a warning is put after the file it is about unless it names that file as a whole', () => {
  const warnings = [
    { message: 'line 62 repeats the id of line 2 of data.csv' },
    { message: 'a.csv has no labels.' },
    { message: "the column 'x' of a.csv's header is empty" },
  ];
  const table = { source: 'a.csv', warnings } as unknown as ExpressionTable;
  assert.deepEqual(
    [...importWarningLines('a.csv', table).values()],
    [
      'a.csv: line 62 repeats the id of line 2 of data.csv',
      'a.csv has no labels.',
      "the column 'x' of a.csv's header is empty",
    ],
  );
  assert.equal(mentionsName('x.h5ad has no X', 'x'), false);
  assert.equal(mentionsName('x.h5ad has no X', 'x.h5ad'), true);
  assert.equal(mentionsName('see /tmp/x.h5ad.', 'x.h5ad'), false);
  assert.equal(mentionsName('see /tmp/x.h5ad.', '/tmp/x.h5ad'), true);
});
