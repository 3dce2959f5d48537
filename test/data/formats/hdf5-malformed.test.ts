// The malformed HDF5 files of test/fixtures/bad/: each fails with one DataImportError whose single-line
// message names the file and the HDF5 dataset at fault; damaged bytes never crash the process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DataImportError, importTable, type ImportOptions } from '../../../src/data/index.js';
import { packageRoot } from '../../../src/util/paths.js';
import { writeTinyH5ad, writeTinyLoom, writeTinyTenxH5 } from './tiny-hdf5.js';

type H5FileWriter = InstanceType<(typeof import('h5wasm/node'))['default']['File']>;

const BAD = join(packageRoot(), 'test', 'fixtures', 'bad');
const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

interface Case {
  file: string;
  kind: string;
  dataset?: string;
  /** The object at `dataset` is a group (a sparse matrix), named "group /X". */
  group?: true;
  says: RegExp;
  options?: ImportOptions;
}

const CASES: Case[] = [
  {
    file: 'truncated.h5ad',
    kind: 'bad-structure',
    says: /cut short: it has 20\u202f880 of its 41\u202f760 bytes/,
  },
  {
    file: 'matrix.h5ad',
    kind: 'bad-structure',
    says: /not a readable HDF5 file: its superblock .* is damaged/,
  },
  {
    file: 'shape-mismatch.h5ad',
    kind: 'bad-structure',
    dataset: '/X',
    group: true,
    says: /40 × 30 but obs has 39 cells/,
  },
  {
    file: 'unknown-encoding.h5ad',
    kind: 'unsupported-format',
    dataset: '/X',
    group: true,
    says: /encoding "awkward-array", which TripletLens cannot read/,
  },
  {
    file: 'lzf-compressed.h5ad',
    kind: 'unsupported-format',
    dataset: '/obs/_index',
    says: /compressed with h5py's LZF \(HDF5 filter 32000\), which TripletLens cannot decode. Re-save/,
  },
  {
    file: 'anndata-0.6-compound.h5ad',
    kind: 'unsupported-format',
    dataset: '/obs',
    says: /compound dataset, the layout of anndata ≤ 0.6/,
  },
  {
    file: 'missing-x.h5ad',
    kind: 'bad-structure',
    dataset: '/X',
    // nothing else to choose: no "Choose another matrix …: none"
    says: /has no X matrix \(X is None\) and no layer or raw\/X to read instead\.$/,
  },
  {
    file: 'indptr-decreasing.h5ad',
    kind: 'bad-structure',
    dataset: '/X/indptr',
    says: /not monotonic: entry 5 \(56\) is smaller than entry 4 \(57\)/,
  },
  {
    file: 'indices-out-of-range.h5ad',
    kind: 'bad-structure',
    dataset: '/X/indices',
    says: /index 33 at position 10 is out of range: the matrix has 30 columns/,
  },
];

for (const c of CASES) {
  test(`${c.file} → ${c.kind}`, async () => {
    const path = join(BAD, c.file);
    const error = await importTable(path, c.options).then(
      () => assert.fail('the import should have failed'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof DataImportError, `expected a DataImportError, got ${String(error)}`);
    assert.equal(error.kind, c.kind, error.message);
    assert.equal(error.dataset, c.dataset);
    const prefix = c.dataset ? `${path}, ${c.group ? 'group' : 'dataset'} ${c.dataset}: ` : `${path}: `;
    assert.ok(error.message.startsWith(prefix), error.message);
    assert.doesNotMatch(error.message, /\n/);
    assert.match(error.message, c.says);
  });
}

test('a truncated upload is named by its upload name, and leaves no temporary file behind', async () => {
  const temporary = () => readdirSync(tmpdir()).filter((name) => name.startsWith('tripletlens-h5-')).length;
  const before = temporary();
  const bytes = new Uint8Array(readFileSync(join(BAD, 'truncated.h5ad')));
  await assert.rejects(importTable({ name: 'cells.h5ad', bytes }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.match(err.message, /^cells\.h5ad: the HDF5 file is cut short/);
    return true;
  });
  assert.equal(temporary(), before);
});

test('an HDF5 file of another kind is unsupported, naming what it holds', async () => {
  await assert.rejects(importTable(join(BAD, 'not-single-cell.h5')), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'unsupported-format');
    assert.match(
      err.message,
      /not an AnnData \.h5ad, loom or Cell Ranger \.h5 file: its top level holds entry, title/,
    );
    return true;
  });
});

// Two HDF5 files single-cell users give by mistake were listed by their top-level names only: Cell Ranger's
// molecule_info.h5 (beside filtered_feature_bc_matrix.h5 in outs/) and a Seurat h5Seurat file (SeuratDisk).
test("Cell Ranger's molecule_info.h5 and a Seurat h5Seurat file are named, with what to open instead", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-foreign-h5-'));
  try {
    const { default: h5wasm } = await import('h5wasm/node');
    await h5wasm.ready;
    const write = (name: string, fill: (f: H5FileWriter) => void): string => {
      const path = join(dir, name);
      const f = new h5wasm.File(path, 'w');
      try {
        fill(f);
      } finally {
        f.close();
      }
      return path;
    };
    const molecules = write('molecule_info.h5', (f) => {
      for (const name of ['barcode_idx', 'feature_idx', 'count', 'umi', 'gem_group'])
        f.create_dataset({ name, data: new Int32Array([0, 1, 1]) });
      f.create_group('features');
    });
    const seurat = write('pbmc.h5seurat', (f) => {
      f.create_attribute('active.assay', 'RNA');
      f.create_group('assays').create_group('RNA');
      f.create_group('meta.data');
      f.create_dataset({ name: 'cell.names', data: ['c1', 'c2'] });
    });
    const cases: [string, RegExp][] = [
      [
        molecules,
        /molecule_info\.h5: this is Cell Ranger's molecule_info\.h5 \(one entry a UMI\), not a count matrix: open filtered_feature_bc_matrix\.h5 from the same outs folder, or its filtered_feature_bc_matrix folder\.$/,
      ],
      [
        seurat,
        /pbmc\.h5seurat: this is a Seurat h5Seurat file \(SeuratDisk\), not an AnnData \.h5ad: convert it in R with SeuratDisk::Convert\("pbmc\.h5seurat", dest = "h5ad"\) and open the \.h5ad it writes\.$/,
      ],
    ];
    for (const [path, says] of cases) {
      await assert.rejects(importTable(path), (err: unknown) => {
        assert.ok(err instanceof DataImportError, String(err));
        assert.equal(err.kind, 'unsupported-format');
        assert.match(err.message, says);
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A walkthrough: a loom with 4 kB overwritten was "an HDF5 file, but not an AnnData .h5ad, loom or Cell Ranger
// .h5 file: its top level holds ������…" — 2 900 characters of names HDF5 read from the damaged bytes.
test('a file whose top-level names HDF5 reads as garbage is damaged, not of another kind', async () => {
  const bytes = new Uint8Array(readFileSync(join(FORMATS, 'cells.loom')));
  bytes.fill(0xab, 3072, 3072 + 4000);
  await assert.rejects(importTable({ name: 'garbled.loom', bytes }), (err: unknown) => {
    assert.ok(err instanceof DataImportError, String(err));
    assert.equal(err.kind, 'bad-structure');
    assert.equal(
      err.message,
      'garbled.loom, group /: the names this group lists are not text (HDF5 read bytes that are no names): the file is damaged. Copy it again.',
    );
    return true;
  });
});

test('damaged bytes anywhere in an h5ad give a DataImportError or a table, never a crash', async () => {
  const original = new Uint8Array(readFileSync(join(FORMATS, 'csr.h5ad')));
  let failures = 0;
  for (let trial = 0; trial < 24; trial++) {
    const bytes = original.slice();
    const at = 64 + Math.floor((trial / 24) * (bytes.length - 200));
    for (let i = 0; i < 48; i++) bytes[at + i] = (trial * 31 + i * 17) & 255;
    try {
      const table = await importTable({ name: `damaged-${trial}.h5ad`, bytes });
      assert.equal(table.ids.length, table.values.rows);
    } catch (err) {
      assert.ok(err instanceof DataImportError, `trial ${trial}: ${String(err)}`);
      assert.match(err.message, new RegExp(`^damaged-${trial}\\.h5ad`));
      assert.doesNotMatch(err.message, /\n/);
      failures++;
    }
  }
  assert.ok(failures > 0, 'some damage must be detected');
  // The reader still works afterwards (a WebAssembly abort inside HDF5 must not poison later imports).
  const table = await importTable(join(FORMATS, 'dense.h5ad'));
  assert.equal(table.ids.length, 40);
});

test('when the temporary copy of an upload cannot be written, the message says where and why', async () => {
  const bytes = new Uint8Array(readFileSync(join(FORMATS, 'dense.h5ad')));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = join(BAD, 'no-such-folder');
  try {
    await assert.rejects(importTable({ name: 'upload.h5ad', bytes }), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'unreadable');
      assert.match(
        err.message,
        /^upload\.h5ad: a temporary copy .* could not be written in .*no-such-folder \(ENOENT\)/,
      );
      return true;
    });
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
});

test('a matrix declared far larger than TripletLens can hold stops before anything is allocated', async () => {
  const { default: h5wasm } = await import('h5wasm/node');
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-huge-test-'));
  const path = join(dir, 'huge.loom');
  try {
    // A chunked dataset can declare 3 × 3·10⁹ values while storing none.
    const f = new h5wasm.File(path, 'w');
    const matrix = f.create_dataset({
      name: 'matrix',
      data: new Float32Array(3),
      shape: [3, 1],
      maxshape: [null, null],
      chunks: [3, 1024],
    });
    matrix.resize([3, 3e9]);
    f.create_group('row_attrs').create_dataset({ name: 'Gene', data: ['A', 'B', 'C'] });
    f.create_group('col_attrs');
    f.close();
    await assert.rejects(importTable(path), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.equal(err.kind, 'bad-structure');
      assert.match(
        err.message,
        /huge\.loom, dataset \/matrix: the matrix declares 3\u202f000\u202f000\u202f000 cells × 3 genes, beyond what TripletLens can hold/,
      );
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A user audit: an h5ad with 0 cells passed inspect ("values Infinity to -Infinity"), a Cell Ranger .h5
// with 0 barcodes crashed train with "Cannot read properties of undefined", and 0 genes failed training
// with a message naming no file. Each is now an error naming the file and the matrix ('no-data-rows' without
// cells, 'no-gene-columns' without genes, as for a text table).
const EMPTY: {
  what: string;
  write: (path: string) => Promise<void>;
  file: string;
  dataset: string;
  says: RegExp;
  kind?: 'no-gene-columns';
}[] = [
  {
    what: 'an h5ad with 0 cells',
    write: (path) => writeTinyH5ad(path, []),
    file: 'empty.h5ad',
    dataset: '/X',
    says: /the matrix holds 0 cells × 2 genes: it has no cells/,
  },
  {
    what: 'an h5ad with 0 genes',
    write: (path) => writeTinyH5ad(path, ['c1', 'c2'], []),
    file: 'empty.h5ad',
    dataset: '/X',
    says: /2 cells × 0 genes: it has no genes/,
    kind: 'no-gene-columns',
  },
  {
    what: 'a loom with 0 cells',
    write: (path) => writeTinyLoom(path, []),
    file: 'empty.loom',
    dataset: '/matrix',
    says: /0 cells × 2 genes: it has no cells/,
  },
  {
    what: 'a Cell Ranger .h5 with 0 barcodes',
    write: (path) => writeTinyTenxH5(path, []),
    file: 'empty.h5',
    dataset: '/matrix/shape',
    says: /0 cells × 2 genes: it has no cells/,
  },
];

for (const c of EMPTY) {
  test(`${c.what} is an error naming the file and the matrix`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripletlens-empty-'));
    try {
      const path = join(dir, c.file);
      await c.write(path);
      await assert.rejects(importTable(path), (err: unknown) => {
        assert.ok(err instanceof DataImportError, String(err));
        assert.equal(err.kind, c.kind ?? 'no-data-rows', err.message);
        assert.equal(err.dataset, c.dataset);
        assert.ok(err.message.startsWith(`${path}, dataset ${c.dataset}: `), err.message);
        assert.match(err.message, c.says);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// A user audit: a float64 X holding 1e300 was reported as "Infinity", which numpy's isinf does not find in
// the file: the value is beyond float32, as read.
test('a float64 value beyond float32 is named as such, with the cell and gene', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-f64-'));
  try {
    const path = join(dir, 'huge.h5ad');
    await writeTinyH5ad(path, ['c1', 'c2'], ['G1', 'G2'], Float64Array.from([1, 2, 1e300, 4]));
    await assert.rejects(importTable(path), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.equal(err.kind, 'not-finite');
      assert.match(
        err.message,
        /dataset \/X: the value at row 2, column 1 \(1-based\) is Infinity \(or a number beyond ±3\.4e38, which a 32-bit float cannot hold\)/,
      );
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A user audit: a loom file without its matrix was "not an AnnData .h5ad, loom or Cell Ranger .h5 file".
test('a loom file without /matrix says the matrix is missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-loom-'));
  try {
    const path = join(dir, 'attrs-only.loom');
    await writeTinyLoom(path, ['c1', 'c2'], ['G1', 'G2'], false);
    await assert.rejects(importTable(path), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.equal(err.dataset, '/matrix');
      assert.match(err.message, /dataset \/matrix: this loom file has no matrix dataset/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The corruption test: a Cell Ranger .h5 whose features group's name HDF5 read damaged ('f|atures') was "not
// an AnnData .h5ad, loom or Cell Ranger .h5 file: its top level holds matrix". It is a damaged Cell Ranger file.
test('a Cell Ranger .h5 with a damaged member is named as a damaged Cell Ranger file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-tenx-'));
  try {
    const path = join(dir, 'damaged.h5');
    await writeTinyTenxH5(path, ['AAAC-1', 'AAAG-1'], ['G1', 'G2'], 'f|atures');
    await assert.rejects(importTable(path), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.equal(err.kind, 'bad-structure');
      assert.equal(err.dataset, '/matrix');
      assert.equal(
        err.message,
        `${path}, group /matrix: this looks like a Cell Ranger .h5 matrix, but HDF5 cannot read its features (the group lists barcodes, data, f|atures, indices, indptr, shape): the file is damaged. Copy it again.`,
      );
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The corruption test: a damaged file's groups came back from HDF5 listing members it cannot open, or listing
// nothing, and were "not an AnnData .h5ad, loom or Cell Ranger .h5 file: its top level holds GRCh38" (or
// "it is empty") — a damaged file, said to be of another kind. Made here with a broken link and a file whose
// only group is empty beside 24 kB of root attribute.
const HOLLOW: { what: string; fill: (f: H5FileWriter) => void; says: string }[] = [
  {
    what: 'a member HDF5 cannot open',
    fill: (f) => f.create_group('GRCh38').create_soft_link('/nowhere', 'barcodes'),
    says: 'dataset /GRCh38/barcodes: the file lists this object but HDF5 cannot open it: the file is damaged (or the object is a link to another file). Copy it again.',
  },
  {
    what: 'a Cell Ranger group whose barcodes HDF5 reads as a group',
    fill: (f) => {
      const g = f.create_group('GRCh38');
      g.create_group('barcodes');
      for (const name of ['data', 'indices', 'indptr', 'shape'])
        g.create_dataset({ name, data: new Int32Array(2) });
    },
    says: 'group /GRCh38: this looks like a Cell Ranger .h5 matrix, but HDF5 cannot read its barcodes, genes (the group lists barcodes, data, indices, indptr, shape): the file is damaged. Copy it again.',
  },
  {
    what: "an h5ad's X and obs but no var",
    fill: (f) => {
      f.create_dataset({ name: 'X', data: new Float32Array(4), shape: [2, 2] });
      f.create_group('obs');
    },
    says: 'group /var: this looks like an AnnData .h5ad file (it has X and obs), but HDF5 finds no var in it (the top level lists X, obs): the file is damaged. Copy it again.',
  },
  {
    what: 'only an empty group in a large file',
    fill: (f) => {
      f.create_attribute('padding', new Float64Array(3000));
      f.create_group('matrix');
    },
    says: 'group /: its top level lists only empty groups (matrix), yet the file holds',
  },
];

for (const c of HOLLOW) {
  test(`an HDF5 file with ${c.what} is damaged, not of another kind`, async () => {
    const { default: h5wasm } = await import('h5wasm/node');
    await h5wasm.ready;
    const dir = mkdtempSync(join(tmpdir(), 'tripletlens-hollow-'));
    try {
      const path = join(dir, 'damaged.h5');
      const f = new h5wasm.File(path, 'w');
      c.fill(f);
      f.close();
      await assert.rejects(importTable(path), (err: unknown) => {
        assert.ok(err instanceof DataImportError, String(err));
        assert.equal(err.kind, 'bad-structure', err.message);
        assert.ok(err.message.startsWith(`${path}, ${c.says}`), err.message);
        // a byte count is grouped as the app groups counts ("holds 26 208 bytes"), never raw or with commas
        assert.doesNotMatch(err.message.slice(path.length), /\d{4}|\d,\d/, err.message);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
