// Repeated cell ids are renamed the same way in every format (ID.1, ID.2 …, as Seurat and R's make.unique
// do; scanpy warns and offers obs_names_make_unique), with a warning naming where the first repeat is. A
// user audit found a CSV refused, an h5ad renamed and a Cell Ranger .h5 keeping the repeats silently (its
// metadata join then gave the second cell the first one's labels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTable, type ImportOptions } from '../../src/data/index.js';
import { firstRepeat, uniqueCellIds } from '../../src/data/unique-names.js';
import { loadH5wasm } from '../../src/engine/h5ad/h5wasm-module.js';
import { packageRoot } from '../../src/util/paths.js';

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

/** A tiny h5ad (2 genes, dense X) whose obs_names are `ids`. */
async function writeH5ad(path: string, ids: string[]): Promise<void> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    f.create_attribute('encoding-type', 'anndata');
    f.create_attribute('encoding-version', '0.1.0');
    f.create_dataset({
      name: 'X',
      data: Float32Array.from(ids.flatMap((_, i) => [i, 1])),
      shape: [ids.length, 2],
    });
    for (const [name, index] of [
      ['obs', ids],
      ['var', ['G1', 'G2']],
    ] as const) {
      const frame = f.create_group(name);
      frame.create_attribute('encoding-type', 'dataframe');
      frame.create_attribute('encoding-version', '0.2.0');
      frame.create_attribute('_index', '_index');
      frame.create_attribute('column-order', []);
      frame.create_dataset({ name: '_index', data: [...index] });
    }
  } finally {
    f.close();
  }
}

/** A tiny Cell Ranger v3 .h5 (2 genes) whose barcodes are `barcodes`. */
async function writeTenxH5(path: string, barcodes: string[]): Promise<void> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    const m = f.create_group('matrix');
    m.create_dataset({ name: 'barcodes', data: barcodes });
    m.create_dataset({ name: 'data', data: Int32Array.from(barcodes, () => 1) });
    m.create_dataset({ name: 'indices', data: BigInt64Array.from(barcodes, (_, i) => BigInt(i % 2)) });
    m.create_dataset({
      name: 'indptr',
      data: BigInt64Array.from([0, ...barcodes.map((_, i) => i + 1)], BigInt),
    });
    m.create_dataset({ name: 'shape', data: new Int32Array([2, barcodes.length]) });
    const features = m.create_group('features');
    features.create_dataset({ name: 'name', data: ['G1', 'G2'] });
    features.create_dataset({ name: 'id', data: ['ENSG1', 'ENSG2'] });
    features.create_dataset({ name: 'feature_type', data: ['Gene Expression', 'Gene Expression'] });
  } finally {
    f.close();
  }
}

/** A tiny loom (2 genes × cells) whose col_attrs/CellID are `ids`. */
async function writeLoom(path: string, ids: string[]): Promise<void> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    f.create_dataset({
      name: 'matrix',
      data: Float32Array.from([...ids.map((_, i) => i), ...ids.map(() => 1)]),
      shape: [2, ids.length],
    });
    f.create_group('row_attrs').create_dataset({ name: 'Gene', data: ['G1', 'G2'] });
    f.create_group('col_attrs').create_dataset({ name: 'CellID', data: ids });
  } finally {
    f.close();
  }
}

interface Case {
  what: string;
  source: (dir: string) => Promise<string>;
  options?: ImportOptions;
  ids: string[];
  says: RegExp;
}

const CASES: Case[] = [
  {
    what: 'CSV id column',
    source: async () => join(BAD, 'duplicate-id.csv'),
    ids: ['c1', 'c2', 'c3', 'c2.1'],
    says: /Duplicate cell ids renamed: c2 → c2\.1\. The first repeat: line 5 repeats the id of line 3\./,
  },
  {
    what: 'transposed TSV header',
    source: async () => join(BAD, 'transposed-duplicate-sample.tsv'),
    options: { transpose: true },
    ids: ['S1', 'S2', 'S1.1'],
    says: /S1 → S1\.1\. The first repeat: line 1, column 4 repeats the name of column 2\./,
  },
  {
    what: 'MatrixMarket barcodes file',
    source: async () => join(BAD, 'mtx', 'duplicate-barcode'),
    ids: ['c1', 'c2', 'c1.1', 'c4'],
    says: /Duplicate barcodes renamed: c1 → c1\.1\. The first repeat: line 3 of barcodes\.tsv repeats line 1\./,
  },
  {
    what: 'Cell Ranger .h5 barcodes',
    source: async (dir) => {
      const path = join(dir, 'dup.h5');
      await writeTenxH5(path, ['AAA-1', 'CCC-1', 'AAA-1']);
      return path;
    },
    ids: ['AAA-1', 'CCC-1', 'AAA-1.1'],
    says: /AAA-1 → AAA-1\.1\. The first repeat: entry 3 of \/matrix\/barcodes repeats entry 1\./,
  },
  {
    what: 'h5ad obs_names',
    source: async (dir) => {
      const path = join(dir, 'dup.h5ad');
      await writeH5ad(path, ['x', 'y', 'y']);
      return path;
    },
    ids: ['x', 'y', 'y.1'],
    says: /cell ids \(obs_names\) renamed: y → y\.1\. The first repeat: entry 3 of \/obs\/_index repeats entry 2\./,
  },
  {
    what: 'loom CellID',
    source: async (dir) => {
      const path = join(dir, 'dup.loom');
      await writeLoom(path, ['p', 'q', 'p', 'p']);
      return path;
    },
    ids: ['p', 'q', 'p.1', 'p.2'],
    says: /cell ids renamed: p → p\.1, p → p\.2\. The first repeat: entry 3 of \/col_attrs\/CellID repeats entry 1\./,
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
      assert.match(warnings[0].message, /Every cell is kept; the outputs use the new ids\.$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
