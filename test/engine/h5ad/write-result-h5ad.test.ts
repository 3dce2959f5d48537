import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Dataset, Group } from 'h5wasm/node';
import { denseToCsr } from '../../../src/data/sparse.js';
import type { CsrMatrix, DenseMatrix } from '../../../src/api/matrix.js';
import type { NumericDtype } from '../../../src/data/types.js';
import { writeArray, writeCsr, writeDense } from '../../../src/engine/h5ad/anndata-elements.js';
import { selectColumns } from './select-columns.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { type H5adResult, UNCOLOURED, writeResultH5ad } from '../../../src/engine/h5ad/write-result-h5ad.js';
import { ANNDATA_SKIP_REASON, checkWithAnndata } from './anndata-check.js';
import { readBack } from './read-back.js';
import { processAlive, restoredNote } from '../../../src/util/output-leftovers.js';
import { sibling } from '../../../src/util/sibling-name.js';

const X: DenseMatrix = {
  rows: 4,
  cols: 3,
  data: Float32Array.from([1, 0, 2, 0, 0, 0, 3.5, 4, 0, 0, 0, 5]),
};

function result(overrides: Partial<H5adResult> = {}): H5adResult {
  return {
    source: '/nonexistent/input.csv',
    obsNames: ['c1', 'c2', 'c3', 'c4'],
    obs: [
      { name: 'cell_type', values: ['T', 'B', 'T', 'NA'] },
      { name: 'note', values: ['ü x', 'b', 'c', 'd'] },
      { name: 'n_counts', values: ['10', '20.5', '', '7'] },
      { name: 'tripletlens_split', values: ['train', 'holdout', 'train', 'unlabeled'], as: 'categorical' },
      { name: 'tripletlens_confidence', numbers: Float32Array.from([NaN, 0.6, NaN, 1]) },
    ],
    varNames: ['g1', 'g2', 'g3'],
    X,
    embedding: { rows: 4, cols: 2, data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7.25]) },
    report: { tool: { name: 'tripletlens' }, metrics: { knn: 0.9 } },
    categoryColors: { cell_type: { T: '#ff0000', B: '#00ff00' } },
    ...overrides,
  };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-h5ad-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The desktop app's Export writes the h5ad to a path the user chose: a previous export a killed writer had
// left aside there is put back before it is replaced, and the page's notice says so (the export's notes).
test('an export over a previous one a killed writer left aside says it was put back, first of its notes', async () => {
  await withDir(async (dir) => {
    const path = join(dir, 'out.h5ad');
    const pid = spawnSync(process.execPath, ['-e', '']).pid;
    assert.ok(pid && !processAlive(pid));
    const aside = sibling(path, 'old', pid);
    await writeFile(aside, 'previous export');
    const notes = await writeResultH5ad(path, result());
    assert.equal(notes[0], restoredNote(path, aside));
    assert.equal(notes.filter((n) => n.includes('was put back')).length, 1);
    assert.deepEqual(await readdir(dir), ['out.h5ad']);
  });
});

test('the written file follows anndata encodings: every element, obs typed, dense X, obsm, uns', async () => {
  await withDir(async (dir) => {
    const path = join(dir, 'out.h5ad');
    await writeResultH5ad(path, result());
    const back = await readBack(path);
    const enc = (p: string) => back.encodings.get(p);
    assert.deepEqual(enc(''), { type: 'anndata', version: '0.1.0' });
    assert.deepEqual(enc('obs'), { type: 'dataframe', version: '0.2.0' });
    assert.deepEqual(enc('var'), { type: 'dataframe', version: '0.2.0' });
    assert.deepEqual(enc('obs/_index'), { type: 'string-array', version: '0.2.0' });
    assert.deepEqual(enc('obs/cell_type'), { type: 'categorical', version: '0.2.0' });
    assert.deepEqual(enc('obs/cell_type/codes'), { type: 'array', version: '0.2.0' });
    assert.deepEqual(enc('obs/cell_type/categories'), { type: 'string-array', version: '0.2.0' });
    assert.deepEqual(enc('obs/note'), { type: 'string-array', version: '0.2.0' });
    assert.deepEqual(enc('obs/n_counts'), { type: 'array', version: '0.2.0' });
    assert.deepEqual(enc('X'), { type: 'array', version: '0.2.0' });
    assert.deepEqual(enc('obsm/X_tripletlens'), { type: 'array', version: '0.2.0' });
    assert.deepEqual(enc('uns/tripletlens'), { type: 'string', version: '0.2.0' });
    for (const g of ['obsm', 'obsp', 'varm', 'varp', 'layers', 'uns']) {
      assert.deepEqual(enc(g), { type: 'dict', version: '0.1.0' }, g);
    }
    for (const [path, e] of back.encodings) assert.ok(e.type && e.version, `${path} lacks encoding attrs`);
    assert.equal(back.dtypes.get('obs/cell_type/codes'), '<b');
    assert.equal(back.dtypes.get('obsm/X_tripletlens'), '<f');
    assert.equal(back.dtypes.get('X'), '<f');

    assert.deepEqual(back.obsIndex, ['c1', 'c2', 'c3', 'c4']);
    assert.deepEqual(back.obsColumnOrder, [
      'cell_type',
      'note',
      'n_counts',
      'tripletlens_split',
      'tripletlens_confidence',
    ]);
    assert.deepEqual(back.obs.cell_type, ['T', 'B', 'T', null], 'NA is a missing category (code −1)');
    assert.deepEqual(back.obsCategories.cell_type, ['B', 'T']);
    assert.deepEqual(back.obs.note, ['ü x', 'b', 'c', 'd'], 'UTF-8 strings survive');
    assert.deepEqual(back.obs.n_counts.slice(0, 2), [10, 20.5]);
    assert.ok(Number.isNaN(back.obs.n_counts[2]), 'an empty number is NaN');
    assert.deepEqual(back.obs.tripletlens_split, ['train', 'holdout', 'train', 'unlabeled']);
    assert.deepEqual(back.varIndex, ['g1', 'g2', 'g3']);
    assert.deepEqual(back.X, [
      [1, 0, 2],
      [0, 0, 0],
      [3.5, 4, 0],
      [0, 0, 5],
    ]);
    assert.deepEqual(back.embedding, [
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7.25],
    ]);
    assert.deepEqual(JSON.parse(String(back.uns.tripletlens)), {
      tool: { name: 'tripletlens' },
      metrics: { knn: 0.9 },
    });
    assert.deepEqual(back.uns.cell_type_colors, ['#00ff00', '#ff0000'], 'colours follow category order');
    assert.deepEqual(await readdir(dir), ['out.h5ad'], 'no temporary file is left');
  });
});

test('sparse X is written as csr_matrix with its shape, and a category without colour gets grey', async () => {
  await withDir(async (dir) => {
    const path = join(dir, 'sparse.h5ad');
    await writeResultH5ad(
      path,
      result({
        X: denseToCsr(X),
        categoryColors: { cell_type: { T: '#ff0000' }, unknown: { a: '#000000' } },
      }),
    );
    const back = await readBack(path);
    assert.equal(back.xEncoding, 'csr_matrix');
    assert.deepEqual(back.encodings.get('X'), { type: 'csr_matrix', version: '0.1.0' });
    assert.equal(back.dtypes.get('X/indptr'), '<i');
    assert.deepEqual(back.X[2], [3.5, 4, 0]);
    assert.deepEqual(back.uns.cell_type_colors, [UNCOLOURED, '#ff0000']);
    assert.ok(!('unknown_colors' in back.uns), 'colours of a column not in obs are not written');
    const h5wasm = await loadH5wasm();
    const file = new h5wasm.File(path, 'r');
    try {
      assert.deepEqual(
        Array.from((file.get('X') as Group).attrs.shape.value as ArrayLike<bigint>, Number),
        [4, 3],
      );
    } finally {
      file.close();
    }
  });
});

test("the input's id column names the obs index, unless a column has that name", async () => {
  await withDir(async (dir) => {
    const h5wasm = await loadH5wasm();
    const indexKey = (path: string): unknown => {
      const file = new h5wasm.File(path, 'r');
      try {
        return (file.get('obs') as Group).attrs._index.value;
      } finally {
        file.close();
      }
    };
    const named = join(dir, 'named.h5ad');
    await writeResultH5ad(named, result({ obsIndexName: 'cell_id' }));
    assert.equal(indexKey(named), 'cell_id', "anndata reads it as adata.obs.index.name == 'cell_id'");
    assert.deepEqual((await readBack(named)).obsIndex, ['c1', 'c2', 'c3', 'c4']);
    const clash = join(dir, 'clash.h5ad');
    await writeResultH5ad(clash, result({ obsIndexName: 'cell_type' }));
    assert.equal(indexKey(clash), '_index', 'a column of that name keeps the index unnamed');
    assert.deepEqual((await readBack(clash)).obs.cell_type, ['T', 'B', 'T', null]);
    const plain = join(dir, 'plain.h5ad');
    await writeResultH5ad(plain, result());
    assert.equal(indexKey(plain), '_index');
  });
});

test('arrays larger than a block are written in pieces with the same content', async () => {
  await withDir(async (dir) => {
    const h5wasm = await loadH5wasm();
    const path = join(dir, 'blocks.h5');
    const flat = Float32Array.from({ length: 23 }, (_, i) => i * 1.5);
    const matrix = Float32Array.from({ length: 7 * 3 }, (_, i) => i);
    const file = new h5wasm.File(path, 'w');
    try {
      writeArray(file, 'flat', flat, undefined, 5);
      writeArray(file, 'matrix', matrix, 3, 4);
    } finally {
      file.close();
    }
    const back = new h5wasm.File(path, 'r');
    try {
      const flatSet = back.get('flat') as Dataset;
      const matrixSet = back.get('matrix') as Dataset;
      assert.deepEqual(Array.from(flatSet.value as Float32Array), Array.from(flat));
      assert.deepEqual(matrixSet.shape, [7, 3]);
      assert.deepEqual(Array.from(matrixSet.value as Float32Array), Array.from(matrix));
      assert.equal(flatSet.attrs['encoding-type'].json_value, 'array');
    } finally {
      back.close();
    }
  });
});

test('the writer refuses to replace its input, and a failed write keeps the previous file', async () => {
  await withDir(async (dir) => {
    const input = join(dir, 'input.h5ad');
    await writeFile(input, 'original bytes');
    await assert.rejects(writeResultH5ad(input, result({ source: input })), /over its input/);
    assert.equal(await readFile(input, 'utf8'), 'original bytes');

    const out = join(dir, 'out.h5ad');
    await writeFile(out, 'previous result');
    const broken = result({ embedding: { rows: 3, cols: 2, data: new Float32Array(6) } });
    await assert.rejects(writeResultH5ad(out, broken), /embedding has 3 rows/);
    assert.equal(await readFile(out, 'utf8'), 'previous result');
    // a failure half-way through the HDF5 file (an invalid element name reaches h5wasm)
    const midway = result({ obs: [{ name: 'a/b', values: ['1', '2', '3', '4'] }] });
    await assert.rejects(writeResultH5ad(out, midway));
    assert.equal(await readFile(out, 'utf8'), 'previous result');
    assert.deepEqual((await readdir(dir)).sort(), ['input.h5ad', 'out.h5ad'], 'no temporary file is left');
  });
});

// A user audit: a CSV whose id column was headed "." trained, then failed to write its .h5ad with h5wasm's
// "Cannot read properties of null (reading 'create_attribute')" ('.' names the group itself in HDF5).
test('an obs index named "." is written as _index', async () => {
  await withDir(async (dir) => {
    const path = join(dir, 'dot.h5ad');
    await writeResultH5ad(path, result({ obsIndexName: '.' }));
    const back = await readBack(path);
    assert.deepEqual(back.obsIndex, ['c1', 'c2', 'c3', 'c4']);
    assert.deepEqual(back.encodings.get('obs/_index'), { type: 'string-array', version: '0.2.0' });
  });
});

test(
  'anndata reads the file and scanpy plots it with the colours the input chose',
  { skip: ANNDATA_SKIP_REASON },
  async () => {
    await withDir(async (dir) => {
      const path = join(dir, 'colours.h5ad');
      await writeResultH5ad(path, result({ X: denseToCsr(X) }));
      const found = checkWithAnndata(path, {
        n_obs: 4,
        n_vars: 3,
        dims: 2,
        obs_columns: ['cell_type', 'note', 'n_counts', 'tripletlens_split', 'tripletlens_confidence'],
        color_by: 'cell_type',
        colors: ['#00ff00', '#ff0000'],
        sparse: true,
      });
      assert.deepEqual(found.categories, ['B', 'T']);
      assert.equal(found.obs.note, 'object');
      assert.equal(found.obs.n_counts, 'float64');
      assert.equal(found.obs.tripletlens_split, 'category');
    });
  },
);

test('X restricted to XColumns is picked from the input block by block, equal to a selected copy', async () => {
  // 5 cells × 4 genes with zeros; genes 0, 2, 3 written (gene 1 left out)
  const input: DenseMatrix = {
    rows: 5,
    cols: 4,
    data: Float32Array.from([1, 9, 0, 2, 0, 9, 0, 0, 3, 0, 4, 5, 0, 9, 6, 0, 7, 9, 8, 9]),
  };
  const columns = [0, 2, 3];
  const dense = selectColumns(input, columns) as DenseMatrix;
  const csr = selectColumns(denseToCsr(input), columns) as CsrMatrix;
  const h5wasm = await loadH5wasm();
  await withDir(async (dir) => {
    // blocks of 2 elements (several blocks, a short last one) and of 1000 (one block)
    for (const block of [2, 1000]) {
      const path = join(dir, `x-${block}.h5`);
      const file = new h5wasm.File(path, 'w');
      try {
        writeCsr(file, 'sparse', denseToCsr(input), block, columns);
        writeDense(file, 'dense', input, block, columns);
      } finally {
        file.close();
      }
      const back = new h5wasm.File(path, 'r');
      try {
        const values = (name: string) => Array.from((back.get(name) as Dataset).value as Float32Array);
        assert.deepEqual(values('sparse/data'), Array.from(csr.data), `data, blocks of ${block}`);
        assert.deepEqual(values('sparse/indices'), Array.from(csr.indices), `indices, blocks of ${block}`);
        assert.deepEqual(values('sparse/indptr'), Array.from(csr.indptr), `indptr, blocks of ${block}`);
        assert.deepEqual((back.get('dense') as Dataset).shape, [5, 3]);
        assert.deepEqual(values('dense'), Array.from(dense.data), `dense, blocks of ${block}`);
      } finally {
        back.close();
      }
    }
  });
  // through the result writer: the var names count the selected columns, not the input's
  await withDir(async (dir) => {
    const path = join(dir, 'picked.h5ad');
    const ones = { rows: 4, cols: 4, data: new Float32Array(16).fill(1) };
    await writeResultH5ad(path, result({ X: ones, XColumns: [0, 1, 3] }));
    const back = await readBack(path);
    assert.deepEqual(back.X, [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    await assert.rejects(
      writeResultH5ad(join(dir, 'bad.h5ad'), result({ XColumns: [2, 0, 1] })),
      /not ascending columns/,
    );
  });
});

// A scanpy walkthrough: pandas' nullable columns (obs Int64 n_genes with gaps, a 'string' note) came back as
// float64, int64 and a categorical with no word said, while the boolean ones had a note.
test("the input's nullable integer and string columns are said in a note with what they became and the line that turns one back", async () => {
  await withDir(async (dir) => {
    const nullable = result({
      obs: [
        { name: 'cell_type', values: ['T', 'B', 'T', 'B'] },
        { name: 'n_genes', values: ['3', '', '5', '4'], stored: { kind: 'integer', nullable: true } },
        {
          name: 'batch',
          values: ['0', '1', '0', '2'],
          stored: { kind: 'integer', dtype: 'uint8', nullable: true },
        },
        { name: 'note', values: ['a', '', 'b', 'a'], stored: { kind: 'string', nullable: true } },
        // a nullable string column without gaps stays a string column: nothing to say
        { name: 'full', values: ['a', 'c', 'b', 'a'], stored: { kind: 'string', nullable: true } },
      ],
    });
    const notes = await writeResultH5ad(join(dir, 'r.h5ad'), nullable);
    assert.deepEqual(notes, [
      "obs['n_genes'] (Int64, with missing values) is float64 with NaN, obs['batch'] (UInt8, no missing values) " +
        "is uint8, obs['note'] (string, with missing values) is a categorical in the result: pandas' nullable " +
        'columns keep their missing values in a boolean mask, which h5wasm cannot write (HDF5 booleans); those ' +
        'without missing values lose no value, only the nullable dtype. In scanpy, ' +
        "adata.obs['n_genes'] = adata.obs['n_genes'].astype('Int64') makes one nullable again " +
        "(obs['note']: .astype('string')).",
    ]);
    // a walkthrough: an Int32 column without a gap was said to keep "its missing values" in a mask
    const full = (name: string, dtype: NumericDtype) => ({
      name,
      values: ['1', '2', '1', '2'],
      stored: { kind: 'integer' as const, dtype, nullable: true },
    });
    const gapless = result({
      obs: [{ name: 'cell_type', values: ['T', 'B', 'T', 'B'] }, full('batch', 'int32')],
    });
    assert.deepEqual(await writeResultH5ad(join(dir, 'gapless.h5ad'), gapless), [
      "obs['batch'] (Int32, no missing values) is int32 in the result: pandas' nullable columns keep a boolean " +
        'mask of their missing values, which h5wasm cannot write (HDF5 booleans); it has none, so no value is ' +
        "lost, only the nullable dtype. In scanpy, adata.obs['batch'] = adata.obs['batch'].astype('Int32') " +
        'makes it nullable again.',
    ]);
    const two = result({ obs: [full('batch', 'int32'), full('lane', 'uint8')] });
    assert.match(
      (await writeResultH5ad(join(dir, 'two.h5ad'), two))[0],
      /\(HDF5 booleans\); these have none, so no value is lost, only the nullable dtype\. In scanpy/,
    );
    const one = result({
      obs: [{ name: 'note', values: ['a', '', 'b', 'a'], stored: { kind: 'string', nullable: true } }],
    });
    assert.deepEqual(await writeResultH5ad(join(dir, 'one.h5ad'), one), [
      "obs['note'] (string, with missing values) is a categorical in the result: pandas' nullable columns " +
        'keep their missing values in a boolean mask, which h5wasm cannot write (HDF5 booleans). In scanpy, ' +
        "adata.obs['note'] = adata.obs['note'].astype('string') makes it nullable again.",
    ]);
  });
});

test("the input's boolean columns, written as 'False'/'True' categories, are said in a note with the line that turns one back", async () => {
  await withDir(async (dir) => {
    const booleans = result({
      obs: [
        { name: 'cell_type', values: ['T', 'B', 'T', 'B'] },
        { name: 'is_doublet', values: ['False', 'True', 'False', 'False'], stored: { kind: 'boolean' } },
        // a nullable boolean with a gap (pandas' 'boolean'): '== True' would turn the gap into False
        {
          name: 'passed_qc',
          values: ['True', '', 'False', 'True'],
          stored: { kind: 'boolean', nullable: true },
        },
      ],
      var: [{ name: 'highly_variable', values: ['True', 'False', 'True'], stored: { kind: 'boolean' } }],
    });
    const notes = await writeResultH5ad(join(dir, 'r.h5ad'), booleans);
    assert.deepEqual(notes, [
      "obs['is_doublet'], obs['passed_qc'], var['highly_variable'] were boolean columns: the result holds them " +
        "as 'False'/'True' categories (h5wasm cannot write HDF5 booleans). In scanpy, adata.obs['is_doublet'] = " +
        "adata.obs['is_doublet'] == 'True' makes one boolean again (one with missing values: " +
        ".map({'True': True, 'False': False}).astype('boolean')); sc.pp.pca needs var['highly_variable'] boolean.",
    ]);
    // no boolean column, no note
    assert.deepEqual(await writeResultH5ad(join(dir, 'plain.h5ad'), result()), []);
  });
});
