// Repeated cell ids are renamed the same way in every format (ID.1, ID.2 …, as Seurat and R's make.unique
// do; scanpy warns and offers obs_names_make_unique), with a warning naming where the first repeat is. A
// user audit found a CSV refused, an h5ad renamed and a Cell Ranger .h5 keeping the repeats silently (its
// metadata join then gave the second cell the first one's labels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTable, type ImportOptions } from '../../src/data/index.js';
import { describeRenames, firstRepeat, uniqueCellIds } from '../../src/data/unique-names.js';
import { packageRoot } from '../../src/util/paths.js';
import { writeTinyH5ad, writeTinyLoom, writeTinyTenxH5 } from './formats/tiny-hdf5.js';

const BAD = join(packageRoot(), 'test', 'fixtures', 'bad');

test('uniqueCellIds renames later repeats and says where the first one is', () => {
  assert.deepEqual(firstRepeat(['a', 'b', 'c', 'b', 'a']), { earlier: 1, repeat: 3 });
  assert.equal(firstRepeat(['a', 'b']), undefined);
  const { ids, warning } = uniqueCellIds(
    ['a', 'b', 'a', 'a.1', 'a'],
    'cell ids',
    (at) => `${at.repeat}<${at.earlier}`,
  );
  assert.deepEqual(ids, ['a', 'b', 'a.2', 'a.1', 'a.3']);
  assert.equal(warning?.code, 'duplicate-ids');
  assert.match(
    warning?.message ?? '',
    /^Duplicate cell ids renamed: a → a\.2, a → a\.3\. The first repeat: 2<0\./,
  );
  assert.deepEqual(
    uniqueCellIds(['x', 'y'], 'cell ids', () => 'never'),
    { ids: ['x', 'y'] },
  );
});

interface Case {
  what: string;
  source: (dir: string) => Promise<string>;
  options?: ImportOptions;
  ids: string[];
  says: RegExp;
  /** What every one of the renamed is said to be as kept: a text table's rows, which may be samples, are rows. */
  kept: 'cell' | 'row' | 'column';
}

const CASES: Case[] = [
  {
    what: 'CSV id column',
    source: async () => join(BAD, 'duplicate-id.csv'),
    ids: ['c1', 'c2', 'c3', 'c2.1'],
    says: /^Duplicate row ids renamed: c2 → c2\.1\. The first repeat: line 5 repeats the id of line 3\./,
    kept: 'row',
  },
  {
    what: 'transposed TSV header',
    source: async () => join(BAD, 'transposed-duplicate-sample.tsv'),
    options: { transpose: true },
    ids: ['S1', 'S2', 'S1.1'],
    says: /^Duplicate column names renamed: S1 → S1\.1\. The first repeat: line 1, column 4 repeats the name of column 2\./,
    kept: 'column',
  },
  {
    what: 'MatrixMarket barcodes file',
    source: async () => join(BAD, 'mtx', 'duplicate-barcode'),
    ids: ['c1', 'c2', 'c1.1', 'c4'],
    says: /Duplicate barcodes renamed: c1 → c1\.1\. The first repeat: line 3 of barcodes\.tsv repeats line 1\./,
    kept: 'cell',
  },
  {
    what: 'Cell Ranger .h5 barcodes',
    source: async (dir) => {
      const path = join(dir, 'dup.h5');
      await writeTinyTenxH5(path, ['AAA-1', 'CCC-1', 'AAA-1']);
      return path;
    },
    ids: ['AAA-1', 'CCC-1', 'AAA-1.1'],
    says: /AAA-1 → AAA-1\.1\. The first repeat: entry 3 of \/matrix\/barcodes repeats entry 1\./,
    kept: 'cell',
  },
  {
    what: 'h5ad obs_names',
    source: async (dir) => {
      const path = join(dir, 'dup.h5ad');
      await writeTinyH5ad(path, ['x', 'y', 'y']);
      return path;
    },
    ids: ['x', 'y', 'y.1'],
    says: /cell ids \(obs_names\) renamed: y → y\.1\. The first repeat: entry 3 of \/obs\/_index repeats entry 2\./,
    kept: 'cell',
  },
  {
    what: 'loom CellID',
    source: async (dir) => {
      const path = join(dir, 'dup.loom');
      await writeTinyLoom(path, ['p', 'q', 'p', 'p']);
      return path;
    },
    ids: ['p', 'q', 'p.1', 'p.2'],
    says: /cell ids renamed: p → p\.1, p → p\.2\. The first repeat: entry 3 of \/col_attrs\/CellID repeats entry 1\./,
    kept: 'cell',
  },
];

for (const c of CASES) {
  test(`repeated cell ids in a ${c.what} are renamed with a warning naming the first repeat`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripletlens-dup-ids-'));
    try {
      const table = await importTable(await c.source(dir), c.options);
      assert.deepEqual(table.ids, c.ids);
      const warnings = table.warnings.filter((w) => w.code === 'duplicate-ids');
      assert.equal(warnings.length, 1, JSON.stringify(table.warnings));
      assert.match(warnings[0].message, c.says);
      assert.ok(
        warnings[0].message.endsWith(`Every ${c.kept} is kept; the outputs use the new ids.`),
        warnings[0].message,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the first repeat names file lines past blank, delimiter-only and dropped rows', async () => {
  const bytes = new TextEncoder().encode('id,G1\na,1\n\n,\nb,NA\nb,2\na,3\n');
  const table = await importTable({ name: 'lines.csv', bytes }, { missing: 'drop-row' });
  assert.deepEqual(table.ids, ['a', 'b', 'a.1']);
  const message = table.warnings.find((w) => w.code === 'duplicate-ids')?.message ?? '';
  assert.match(message, /The first repeat: line 7 repeats the id of line 2\./);
});

// A user walkthrough: a loom with a repeated gene symbol said "Duplicate gene names renamed: GENE11 → GENE11.1."
// and nothing of where, while the README promises the first repeat's line or HDF5 dataset and entry.
interface GeneCase {
  what: string;
  source: (dir: string) => Promise<string>;
  options?: ImportOptions;
  genes: string[];
  says: RegExp;
}

const GENE_CASES: GeneCase[] = [
  {
    what: 'CSV header',
    source: async (dir) => {
      const path = join(dir, 'dup-genes.csv');
      writeFileSync(path, 'id,G1,G2,G1\nc1,1,2,3\nc2,4,5,6\n');
      return path;
    },
    genes: ['G1', 'G2', 'G1.1'],
    says: /G1 → G1\.1\. The first repeat: line 1, column 4 repeats the name of column 2\.$/,
  },
  {
    what: 'transposed CSV',
    source: async (dir) => {
      const path = join(dir, 'dup-genes-t.csv');
      writeFileSync(path, 'gene,S1,S2\nG1,1,2\nG2,3,4\nG1,5,6\n');
      return path;
    },
    options: { transpose: true },
    genes: ['G1', 'G2', 'G1.1'],
    says: /G1 → G1\.1\. The first repeat: line 4 repeats the gene of line 2\.$/,
  },
  {
    what: 'Cell Ranger .h5',
    source: async (dir) => {
      const path = join(dir, 'dup-genes.h5');
      await writeTinyTenxH5(path, ['AAA-1', 'CCC-1'], ['G1', 'G2', 'G1']);
      return path;
    },
    genes: ['G1', 'G2', 'G1.1'],
    says: /G1 → G1\.1\. The first repeat: entry 3 of \/matrix\/features\/name repeats entry 1\.$/,
  },
  {
    what: 'h5ad var',
    source: async (dir) => {
      const path = join(dir, 'dup-genes.h5ad');
      await writeTinyH5ad(path, ['x', 'y'], ['G1', 'G2', 'G2']);
      return path;
    },
    genes: ['G1', 'G2', 'G2.1'],
    says: /G2 → G2\.1\. The first repeat: entry 3 of the \/var index repeats entry 2\.$/,
  },
  {
    what: 'loom row_attrs/Gene',
    source: async (dir) => {
      const path = join(dir, 'dup-genes.loom');
      await writeTinyLoom(path, ['p', 'q'], ['G1', 'G1', 'G2']);
      return path;
    },
    genes: ['G1', 'G1.1', 'G2'],
    says: /G1 → G1\.1\. The first repeat: entry 2 of \/row_attrs\/Gene repeats entry 1\.$/,
  },
];

for (const c of GENE_CASES) {
  test(`repeated gene names in a ${c.what} are renamed with a warning naming the first repeat`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripletlens-dup-genes-'));
    try {
      const table = await importTable(await c.source(dir), c.options);
      assert.deepEqual(table.genes, c.genes);
      const warnings = table.warnings.filter((w) => w.code === 'duplicate-gene-names');
      assert.equal(warnings.length, 1, JSON.stringify(table.warnings));
      assert.match(warnings[0].message, /^Duplicate gene names renamed: /);
      assert.match(warnings[0].message, c.says);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('repeated gene names of a MatrixMarket features file name its lines, Antibody Capture rows counted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-dup-genes-'));
  try {
    writeFileSync(
      join(dir, 'matrix.mtx'),
      '%%MatrixMarket matrix coordinate integer general\n4 2 3\n1 1 1\n3 2 2\n4 1 3\n',
    );
    writeFileSync(join(dir, 'barcodes.tsv'), 'AAA-1\nCCC-1\n');
    writeFileSync(
      join(dir, 'features.tsv'),
      'E1\tG1\tGene Expression\nA1\tCD3\tAntibody Capture\nE2\tG2\tGene Expression\nE3\tG1\tGene Expression\n',
    );
    const table = await importTable(dir);
    assert.deepEqual(table.genes, ['G1', 'G2', 'G1.1']);
    const warning = table.warnings.find((w) => w.code === 'duplicate-gene-names');
    assert.match(
      warning?.message ?? '',
      /G1 → G1\.1\. The first repeat: line 4 of features\.tsv repeats line 1\.$/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a long list of renames counts them grouped as the app groups counts', () => {
  const renamed = Array.from({ length: 1200 }, (_, i): [string, string] => [`G${i}`, `G${i}.1`]);
  assert.match(describeRenames(renamed, 'gene names'), /, … \(1\u202f200 in all\)\.$/);
});
