// The .h5ad result of a run trained on an h5ad's embedding (src/engine/h5ad/input-genes.ts): a user trained on
// obsm:X_pca and got X = the 50 PCA columns, var = their numbers. X and var are now the input file's own,
// copied as stored (CSR/CSC/dense, dtype kept but float16 widened to float32, gzip-compressed when the input's
// was, in blocks), the embedding goes to obsm under its name, an input whose X is None or cannot be read gives a
// result without X (with a note), var columns left out are said, repeated gene names are kept as stored, and an
// input gone or changed stops the write saying so. The rest of the user's AnnData comes along the same way:
// layers, raw (raw/X with raw/var) and the other obsm entries; what cannot be copied is left out with a note.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Dataset, Group } from 'h5wasm/node';
import { CoreError } from '../../../src/api/core-error.js';
import { importTable, type ExpressionTable } from '../../../src/data/index.js';
import { numericTextsMade } from '../../../src/data/numeric-column.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { writeInputGenes } from '../../../src/engine/h5ad/input-genes.js';
import { type H5adResult, writeH5adFile } from '../../../src/engine/h5ad/write-result-h5ad.js';
import { packageRoot } from '../../../src/util/paths.js';
import { writeTinyH5ad } from '../../data/formats/tiny-hdf5.js';
import { writeFullAnnData } from './full-anndata.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-input-genes-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** A result of `table` (read from an embedding) as the run's result builders give it, with a 2-D map. */
function resultOf(table: ExpressionTable, source: string = table.source): H5adResult {
  const n = table.ids.length;
  return {
    source,
    obsNames: table.ids,
    obs: [],
    varNames: [],
    X: null,
    inputGenes: { source, trainedOn: table.format?.matrix ?? '' },
    obsm: [{ name: 'X_pca', matrix: table.values }],
    embedding: { rows: n, cols: 2, data: new Float32Array(n * 2).fill(0.5) },
    report: { tool: { name: 'tripletlens' } },
    categoryColors: {},
  };
}

type Node = Group | Dataset;

/** Every dataset under `path` of `file` (name → dtype, shape, values) and every element's attributes. */
async function contents(file: string, path: string): Promise<Record<string, unknown>> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'r');
  const out: Record<string, unknown> = {};
  const visit = (node: Node, at: string) => {
    out[`${at} attrs`] = Object.fromEntries(
      Object.keys(node.attrs).map((k) => [k, node.attrs[k].json_value]),
    );
    if (node.type === 'Group') {
      const group = node as Group;
      for (const key of group.keys()) visit(group.get(key) as Node, `${at}/${key}`);
      return;
    }
    const { dtype, shape, value } = node as Dataset;
    out[at] = { dtype, shape, values: Array.from(value as ArrayLike<unknown>) };
  };
  try {
    const node = f.get(path) as Node | null;
    if (node) visit(node, path);
    return out;
  } finally {
    f.close();
  }
}

/** The var index of an h5ad, as stored. */
async function varIndex(file: string): Promise<unknown[]> {
  const frame = await contents(file, 'var');
  const name = (frame['var attrs'] as { _index: string })._index;
  return (frame[`var/${name}`] as { values: unknown[] }).values;
}

for (const fixture of ['csr.h5ad', 'csc.h5ad', 'dense.h5ad']) {
  test(`X of ${fixture} is copied as stored (layout, dtype, values) and var with it, in blocks too`, async () => {
    const source = join(FORMATS, fixture);
    const table = await importTable(source);
    const out = join(dir, `copy-${fixture}`);
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(out, 'w');
    try {
      // 7 values a block: every part of X crosses several blocks
      await writeInputGenes(f, { source, trainedOn: 'obsm/X_pca' }, table.ids, 7);
    } finally {
      f.close();
    }
    assert.deepEqual(await contents(out, 'X'), await contents(source, 'X'));
    assert.deepEqual(await varIndex(out), await varIndex(source));
  });
}

test('a result trained on obsm/X_pca holds the input X and var, X_pca and the map in obsm', async () => {
  const source = join(FORMATS, 'csr.h5ad');
  const table = await importTable(source, { input: 'obsm:X_pca' });
  const out = join(dir, 'pca-result.h5ad');
  assert.deepEqual(await writeH5adFile(out, resultOf(table)), []);
  assert.deepEqual(await contents(out, 'X'), await contents(source, 'X'));
  const back = await importTable(out);
  const genes = await importTable(source);
  assert.deepEqual(back.genes, genes.genes);
  assert.deepEqual(back.geneAnnotations, genes.geneAnnotations);
  // the input's other embedding (X_umap) comes along as stored
  assert.deepEqual(back.format?.obsm, ['X_pca', 'X_tripletlens', 'X_umap']);
  const pca = await importTable(out, { input: 'obsm:X_pca' });
  assert.deepEqual(pca.values, table.values);
  assert.deepEqual(await contents(out, 'obsm/X_umap'), await contents(source, 'obsm/X_umap'));
});

test('an input whose X is None gives a result without X, and says so', async () => {
  const source = join(dir, 'x-none.h5ad');
  await writeTinyH5ad(
    source,
    ['a', 'b', 'c'],
    ['G1', 'G2', 'G3'],
    null,
    Float32Array.from([1, 2, 3, 4, 5, 6]),
  );
  const table = await importTable(source, { input: 'obsm:X_pca' });
  const out = join(dir, 'x-none-result.h5ad');
  const notes = await writeH5adFile(out, resultOf(table));
  assert.equal(notes.length, 1);
  assert.match(notes[0], /x-none\.h5ad has no X \(X is None\), so the result has none either/);
  assert.match(notes[0], /trained on obsm\/X_pca/);
  assert.deepEqual(await contents(out, 'X'), {});
  assert.deepEqual(await varIndex(out), ['G1', 'G2', 'G3']);
});

test('an input gone or changed since the run read it stops the write, naming the file and what changed', async () => {
  const source = join(dir, 'moving.h5ad');
  await copyFile(join(FORMATS, 'csr.h5ad'), source);
  const table = await importTable(source, { input: 'obsm:X_pca' });
  const check = (pattern: RegExp) => (err: unknown) => {
    assert.ok(err instanceof CoreError, String(err));
    assert.equal(err.kind, 'bad-input');
    assert.match(
      err.message,
      /^the map was trained on obsm\/X_pca, so X and var \(the genes\) are copied from the input .*moving\.h5ad as the result is written, but /,
    );
    assert.match(
      err.message,
      /Put the input file back as it was and export again, or export the coordinates \(CSV\)\.$/,
    );
    assert.match(err.message, pattern);
    return true;
  };
  await writeTinyH5ad(source, ['a', 'b']);
  await assert.rejects(
    writeH5adFile(join(dir, 'r1.h5ad'), resultOf(table)),
    check(/it now has 2 cells, the run 40/),
  );
  await writeTinyH5ad(
    source,
    table.ids.map((id, i) => (i === 3 ? 'other' : id)),
  );
  await assert.rejects(writeH5adFile(join(dir, 'r2.h5ad'), resultOf(table)), check(/cell 4 is now "other"/));
  await rm(source);
  await assert.rejects(
    writeH5adFile(join(dir, 'r3.h5ad'), resultOf(table)),
    check(/moving\.h5ad is no longer there \(moved or deleted\)/),
  );
});

/** The HDF5 filters of the dataset at `path` of `file` (id and parameters). */
async function filtersOf(file: string, path: string): Promise<{ id: number; cd_values: number[] }[]> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'r');
  try {
    return (f.get(path) as Dataset).filters.map(({ id, cd_values }) => ({ id, cd_values }));
  } finally {
    f.close();
  }
}

/** Copies the genes of `source` (cells `ids`) into a new file; returns its path and the notes. */
async function copyGenes(source: string, ids: readonly string[], out: string, blockElements?: number) {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(out, 'w');
  try {
    return await writeInputGenes(f, { source, trainedOn: 'obsm/X_pca' }, ids, blockElements);
  } finally {
    f.close();
  }
}

test('a gzip-compressed X is copied gzip-compressed at its level, in one piece or in blocks; an uncompressed one stays so', async () => {
  const dense = join(FORMATS, 'dense.h5ad');
  const ids = (await importTable(dense)).ids;
  assert.deepEqual(await filtersOf(dense, 'X'), [{ id: 1, cd_values: [4] }]);
  for (const block of [undefined, 7]) {
    const out = join(dir, `gzip-${block ?? 'whole'}.h5ad`);
    await copyGenes(dense, ids, out, block);
    assert.deepEqual(await filtersOf(out, 'X'), [{ id: 1, cd_values: [4] }]);
    assert.deepEqual(await contents(out, 'X'), await contents(dense, 'X'));
  }
  const csr = join(FORMATS, 'csr.h5ad');
  const out = join(dir, 'plain-csr.h5ad');
  await copyGenes(csr, (await importTable(csr)).ids, out);
  assert.deepEqual(await filtersOf(out, 'X/data'), []);
});

test('a float16 X is copied widened to float32, values unchanged', async () => {
  const source = join(FORMATS, 'float16-csr.h5ad');
  const table = await importTable(source);
  const out = join(dir, 'float16-copy.h5ad');
  await copyGenes(source, table.ids, out);
  const data = (await contents(out, 'X'))['X/data'] as { dtype: string; values: number[] };
  assert.equal(data.dtype, '<f');
  const m = table.values;
  assert.ok('indptr' in m, 'float16-csr.h5ad is read as CSR');
  assert.deepEqual(data.values, Array.from(m.data.subarray(0, m.indptr[m.rows])));
});

/** Opens `path` for appending and lets `edit` add to it. */
async function edit(path: string, change: (f: Group) => void): Promise<void> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'a');
  try {
    change(f);
  } finally {
    f.close();
  }
}

test('an X TripletLens cannot read gives a result without X and a note saying why, not a refusal', async () => {
  const source = join(dir, 'x-coo.h5ad');
  await writeTinyH5ad(source, ['a', 'b', 'c'], ['G1', 'G2'], null, Float32Array.from([1, 2, 3, 4, 5, 6]));
  await edit(source, (f) => {
    const x = f.create_group('X');
    x.create_attribute('encoding-type', 'coo_matrix');
    x.create_attribute('encoding-version', '0.1.0');
  });
  const table = await importTable(source, { input: 'obsm:X_pca' });
  const out = join(dir, 'x-coo-result.h5ad');
  const notes = await writeH5adFile(out, resultOf(table));
  assert.equal(notes.length, 1, notes.join('\n'));
  assert.match(
    notes[0],
    /^the result has no X \(anndata reads it as X None\), as the input's X could not be copied: .*x-coo\.h5ad, group \/X: this matrix has encoding "coo_matrix"/,
  );
  assert.doesNotMatch(notes[0], /Put the input file back/);
  assert.deepEqual(await contents(out, 'X'), {});
  assert.deepEqual(await varIndex(out), ['G1', 'G2']);
});

test('var columns the importer skips are said in a note; repeated gene names are kept as stored', async () => {
  const source = join(dir, 'var-odd.h5ad');
  await writeTinyH5ad(
    source,
    ['a', 'b', 'c'],
    ['G1', 'G1', 'G2'],
    undefined,
    Float32Array.from([1, 2, 3, 4, 5, 6]),
  );
  await edit(source, (f) => {
    const frame = f.get('var') as Group;
    const column = frame.create_group('nested');
    column.create_attribute('encoding-type', 'awkward-array');
    column.create_attribute('encoding-version', '0.1.0');
    frame.delete_attribute('column-order');
    frame.create_attribute('column-order', ['nested'], [1], 'S');
  });
  const table = await importTable(source, { input: 'obsm:X_pca' });
  const out = join(dir, 'var-odd-result.h5ad');
  const notes = await writeH5adFile(out, resultOf(table));
  assert.equal(notes.length, 1, notes.join('\n'));
  assert.match(
    notes[0],
    /var-odd\.h5ad: Column "nested" of \/var has encoding "awkward-array" and was not read, so the result's var has no such column\./,
  );
  assert.deepEqual(await varIndex(out), ['G1', 'G1', 'G2']);
});

// The var copied from the input (a run on its embedding) made each numeric var column's text, which the reader
// holds as numbers, and parsed it back: written from the numbers now, as stored.
test("the input's numeric var columns are copied from their numbers, their text never made", async () => {
  const source = join(dir, 'var-numbers.h5ad');
  await writeTinyH5ad(
    source,
    ['a', 'b', 'c'],
    ['G1', 'G2'],
    undefined,
    Float32Array.from([1, 2, 3, 4, 5, 6]),
  );
  await edit(source, (f) => {
    const frame = f.get('var') as Group;
    const columns: [string, Float32Array | BigInt64Array][] = [
      ['means', Float32Array.of(0.1, NaN)],
      ['n_cells', BigInt64Array.of(3n, -(2n ** 40n))],
    ];
    for (const [name, data] of columns) {
      const d = frame.create_dataset({ name, data });
      d.create_attribute('encoding-type', 'array');
      d.create_attribute('encoding-version', '0.2.0');
    }
    frame.delete_attribute('column-order');
    frame.create_attribute('column-order', ['means', 'n_cells'], [2], 'S');
  });
  const table = await importTable(source, { input: 'obsm:X_pca' });
  const out = join(dir, 'var-numbers-result.h5ad');
  const made = numericTextsMade();
  assert.deepEqual(await writeH5adFile(out, resultOf(table)), []);
  assert.equal(numericTextsMade(), made);
  const [copied, stored] = [await contents(out, 'var'), await contents(source, 'var')];
  for (const column of ['var/means', 'var/n_cells']) assert.deepEqual(copied[column], stored[column]);
});

test('a gzip-compressed CSR X is copied with each part gzip-compressed at its level', async () => {
  const source = join(dir, 'gzip-csr.h5ad');
  await writeTinyH5ad(source, ['a', 'b', 'c'], ['G1', 'G2'], null, Float32Array.from([1, 2, 3, 4, 5, 6]));
  await edit(source, (f) => {
    const x = f.create_group('X');
    x.create_attribute('encoding-type', 'csr_matrix');
    x.create_attribute('encoding-version', '0.1.0');
    x.create_attribute('shape', new BigInt64Array([3n, 2n]), [2], '<q');
    const parts = {
      data: Float32Array.from([1, 2, 3, 4]),
      indices: Int32Array.from([0, 1, 1, 0]),
      indptr: Int32Array.from([0, 2, 3, 4]),
    };
    for (const [name, data] of Object.entries(parts)) {
      x.create_dataset({
        name,
        data,
        shape: [data.length],
        chunks: [2],
        compression: 'gzip',
        compression_opts: 7,
      });
    }
  });
  const table = await importTable(source, { input: 'obsm:X_pca' });
  const out = join(dir, 'gzip-csr-copy.h5ad');
  assert.deepEqual(await copyGenes(source, table.ids, out), []);
  for (const part of ['data', 'indices', 'indptr']) {
    assert.deepEqual(await filtersOf(out, `X/${part}`), [{ id: 1, cd_values: [7] }], part);
  }
  assert.deepEqual(await contents(out, 'X'), await contents(source, 'X'));
});

/** The result's dicts the input's elements are copied into, made in `f`. */
function dicts(f: Group) {
  const [layers, obsm, obsp, varm, varp, uns] = ['layers', 'obsm', 'obsp', 'varm', 'varp', 'uns'].map((n) =>
    f.create_group(n),
  );
  return { layers, obsm, obsp, varm, varp, uns, unsTaken: { taken: [], replaced: [] } };
}

/** The genes, their annotations and values of `file`'s matrix `layer` as TripletLens reads them. */
async function matrixOf(file: string, layer: string) {
  const table = await importTable(file, { layer });
  return { genes: table.genes, annotations: table.geneAnnotations, values: table.values };
}

test('layers, raw and the other obsm entries are copied as stored; what anndata would refuse is left out with a note', async () => {
  const source = join(dir, 'full.h5ad');
  await writeFullAnnData(source);
  const table = await importTable(source, { input: 'obsm:X_pca' });
  const out = join(dir, 'full-result.h5ad');
  const notes = await writeH5adFile(out, resultOf(table));
  for (const path of [
    ...['X', 'layers/counts', 'layers/scaled', 'raw/X', 'raw/varm/PCs', 'obsm/X_umap'],
    ...['obsp/connectivities', 'obsp/distances', 'varm/PCs', 'varp/corr'],
  ]) {
    assert.deepEqual(await contents(out, path), await contents(source, path), path);
  }
  assert.deepEqual(await filtersOf(out, 'layers/scaled'), [{ id: 1, cd_values: [5] }]);
  assert.deepEqual(await matrixOf(out, 'raw'), await matrixOf(source, 'raw'));
  assert.deepEqual((await contents(out, 'raw'))['raw attrs'], {
    'encoding-type': 'raw',
    'encoding-version': '0.1.0',
  });
  // the input's earlier map keeps its values beside the new one
  const earlier = (await contents(source, 'obsm/X_tripletlens'))['obsm/X_tripletlens'];
  assert.deepEqual((await contents(out, 'obsm/X_tripletlens.1'))['obsm/X_tripletlens.1'], earlier);
  const back = await importTable(out);
  assert.deepEqual(back.format?.obsm, ['X_pca', 'X_tripletlens', 'X_tripletlens.1', 'X_umap']);
  assert.deepEqual((await contents(out, 'layers'))['layers attrs'], {
    'encoding-type': 'dict',
    'encoding-version': '0.1.0',
  });
  assert.deepEqual(await contents(out, 'layers/odd'), {});
  assert.deepEqual(await contents(out, 'obsp/odd'), {});
  assert.deepEqual(await contents(out, 'varm/short'), {});
  assert.equal(notes.length, 6, notes.join('\n'));
  assert.match(
    notes[0],
    /^the result has no layer 'odd', as .*full\.h5ad's layers\/odd is 40 × 24, not 40 cells × 25 genes, as var \(anndata refuses it\)\.$/,
  );
  assert.match(
    notes[2],
    /^the result has no obsm 'X_short', as .*full\.h5ad's obsm\/X_short is 39 rows, not one row for each of the 40 cells \(anndata refuses it\)\.$/,
  );
  assert.match(
    notes[1],
    /^the result has no obsm 'X_frame', as the input's obsm\/X_frame could not be copied: .*this is a dataframe/,
  );
  assert.match(
    notes[3],
    /^the result has no obsp 'odd', as .*full\.h5ad's obsp\/odd is 40 × 39, not 40 cells × 40 cells \(anndata refuses it\)\.$/,
  );
  assert.match(
    notes[4],
    /^the result has no varm 'short', as .*full\.h5ad's varm\/short is 24 rows, not one row for each of the 25 genes \(anndata refuses it\)\.$/,
  );
  assert.equal(
    notes[5],
    "the input's obsm 'X_tripletlens' is kept as obsm 'X_tripletlens.1', as the result's own obsm 'X_tripletlens' takes its name.",
  );
});

test('layers and raw are copied in blocks too, and only when asked for (the genes alone copy X and var)', async () => {
  const source = join(dir, 'full-blocks.h5ad');
  await writeFullAnnData(source);
  const ids = (await importTable(source)).ids;
  const h5wasm = await loadH5wasm();
  const out = join(dir, 'full-blocks-copy.h5ad');
  const f = new h5wasm.File(out, 'w');
  try {
    const into = { ...dicts(f), obsmTaken: ['X_tripletlens'], frames: [] };
    await writeInputGenes(f, { source, trainedOn: 'obsm/X_pca' }, ids, 7, into);
  } finally {
    f.close();
  }
  for (const path of [
    ...['layers/counts', 'layers/scaled', 'raw/X', 'raw/varm/PCs', 'obsm/X_umap'],
    ...['obsp/connectivities', 'obsp/distances', 'varm/PCs', 'varp/corr'],
  ]) {
    assert.deepEqual(await contents(out, path), await contents(source, path), path);
  }
  // the embedding the run was trained on is the result's own to write
  assert.deepEqual(await contents(out, 'obsm/X_pca'), {});
  const genesOnly = join(dir, 'genes-only.h5ad');
  await copyGenes(source, ids, genesOnly);
  assert.deepEqual(await contents(genesOnly, 'raw'), {});
});

test('float16 layers and obsm entries are copied widened to float32, CSC and dense, gzip kept', async () => {
  const source = join(FORMATS, 'float16-dense.h5ad');
  await copyFile(source, join(dir, 'half.h5ad'));
  await edit(join(dir, 'half.h5ad'), (f) => {
    // a second float16 embedding besides X_pca, the one the run is trained on
    (f.get('obsm') as Group).create_hard_link('/obsm/X_pca', 'X_half');
  });
  const half = join(dir, 'half.h5ad');
  const table = await importTable(half, { input: 'obsm:X_pca' });
  const out = join(dir, 'half-result.h5ad');
  assert.deepEqual(await writeH5adFile(out, resultOf(table)), []);
  for (const layer of ['counts_csc', 'special']) {
    assert.deepEqual(await matrixOf(out, layer), await matrixOf(half, layer), layer);
  }
  const stored = await contents(out, 'layers');
  assert.equal((stored['layers/counts_csc/data'] as { dtype: string }).dtype, '<f');
  assert.equal((stored['layers/special'] as { dtype: string }).dtype, '<f');
  assert.equal((stored['layers/counts_csc attrs'] as Record<string, string>)['encoding-type'], 'csc_matrix');
  assert.deepEqual(
    await filtersOf(out, 'layers/counts_csc/indices'),
    await filtersOf(half, 'layers/counts_csc/indices'),
  );
  assert.deepEqual(await filtersOf(out, 'layers/special'), await filtersOf(half, 'layers/special'));
  const x = await importTable(out, { input: 'obsm:X_half' });
  assert.deepEqual(x.values, table.values);
});

/** A result of the first 5 genes of `table` (read from the h5ad `source`), as a run on its genes gives it. */
function genesResultOf(table: ExpressionTable, source: string = table.source): H5adResult {
  const n = table.ids.length;
  const kept = [0, 1, 2, 3, 4];
  return {
    source,
    obsNames: table.ids,
    obs: [],
    varNames: kept.map((c) => table.genes[c]),
    X: table.values,
    XColumns: kept,
    inputCells: source,
    embedding: { rows: n, cols: 2, data: new Float32Array(n * 2).fill(0.5) },
    report: { tool: { name: 'tripletlens' } },
    categoryColors: {},
  };
}

/** The names of the members of the group `path` of `file`. */
async function membersOf(file: string, path: string): Promise<string[]> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'r');
  try {
    return (f.get(path) as Group).keys();
  } finally {
    f.close();
  }
}

test("a result of the run's genes keeps the input's obsm entries, obsp and raw as stored; not its layers, varm or varp", async () => {
  const source = join(dir, 'genes-full.h5ad');
  await writeFullAnnData(source);
  const table = await importTable(source);
  const out = join(dir, 'genes-full-result.h5ad');
  const notes = await writeH5adFile(out, genesResultOf(table));
  for (const path of [
    ...['obsm/X_pca', 'obsm/X_umap', 'raw/X', 'raw/var', 'raw/varm/PCs'],
    ...['obsp/connectivities', 'obsp/distances'],
  ]) {
    assert.deepEqual(await contents(out, path), await contents(source, path), path);
  }
  const earlier = (await contents(source, 'obsm/X_tripletlens'))['obsm/X_tripletlens'];
  assert.deepEqual((await contents(out, 'obsm/X_tripletlens.1'))['obsm/X_tripletlens.1'], earlier);
  // the result's genes are the run's: the input's layers, varm and varp (its genes) stay out, named in a note
  const back = await importTable(out);
  assert.deepEqual(back.genes, table.genes.slice(0, 5));
  assert.deepEqual(await membersOf(out, 'layers'), []);
  assert.deepEqual(await membersOf(out, 'varm'), []);
  assert.deepEqual(await membersOf(out, 'varp'), []);
  assert.deepEqual(back.format?.obsm, ['X_pca', 'X_tripletlens', 'X_tripletlens.1', 'X_umap']);
  assert.equal(notes.length, 5, notes.join('\n'));
  assert.match(notes[0], /^the result has no obsm 'X_frame'/);
  assert.match(notes[1], /^the result has no obsm 'X_short'/);
  assert.match(notes[2], /^the result has no obsp 'odd', as .*obsp\/odd is 40 × 39/);
  assert.match(
    notes[3],
    /^the result has no layers 'counts', 'odd', 'scaled' or varm 'PCs', 'short' or varp 'corr' of .*genes-full\.h5ad: they give values gene by gene for the input's genes, /,
  );
  assert.match(notes[4], /^the input's obsm 'X_tripletlens' is kept as obsm 'X_tripletlens\.1'/);
});

test("an input gone, changed or unreadable: the result of the run's genes is written without its extras, said in one note", async () => {
  const source = join(dir, 'genes-moving.h5ad');
  await writeFullAnnData(source);
  const table = await importTable(source);
  const leftOut =
    /^the result holds the run's genes and map but not the other obsm entries, obsp, raw and uns of the input .*genes-moving\.h5ad, which are copied from it as the result is written: /;
  const cases: [string, () => Promise<void>, RegExp][] = [
    ['changed', () => writeTinyH5ad(source, ['a', 'b']), /it now has 2 cells, the run 40\)\.$/],
    ['unreadable', () => writeFile(source, 'not an h5ad'), /genes-moving\.h5ad.*\.$/],
    ['deleted', () => rm(source), /genes-moving\.h5ad is no longer there \(moved or deleted\)\.$/],
  ];
  for (const [what, change, why] of cases) {
    await change();
    const out = join(dir, `genes-moving-${what}.h5ad`);
    const notes = await writeH5adFile(out, genesResultOf(table, source));
    assert.equal(notes.length, 1, notes.join('\n'));
    assert.match(notes[0], leftOut, what);
    assert.match(notes[0], why, what);
    const back = await importTable(out);
    assert.deepEqual(back.genes, table.genes.slice(0, 5), what);
    assert.deepEqual(back.format?.obsm, ['X_tripletlens'], what);
    assert.deepEqual(await contents(out, 'raw'), {}, what);
    assert.deepEqual(await membersOf(out, 'obsp'), [], what);
  }
});

// A scanpy walkthrough (pbmc3k tutorial layout: raw set after highly_variable_genes, X the HVGs): the copied
// var's and raw.var's boolean highly_variable became 'False'/'True' categories unsaid (sc.pp.pca then fails
// with "Mask array must be boolean"), as the note on boolean columns looked at the run's own var only.
test("the copied var's and raw.var's boolean columns are said in the note on boolean columns", async () => {
  const source = join(FORMATS, 'hvg-raw.h5ad');
  const embedding = await importTable(source, { input: 'obsm:X_pca' });
  const pcaNotes = await writeH5adFile(join(dir, 'hvg-raw-pca.h5ad'), resultOf(embedding));
  assert.deepEqual(pcaNotes, [
    "var['highly_variable'], raw.var['highly_variable'] were boolean columns: the result holds them as " +
      "'False'/'True' categories (h5wasm cannot write HDF5 booleans). In scanpy, adata.var['highly_variable'] = " +
      "adata.var['highly_variable'] == 'True' makes one boolean again; sc.pp.pca needs var['highly_variable'] boolean.",
  ]);
  // a run of its genes writes var itself (its boolean columns said as before); raw.var is copied
  const genes = await importTable(source);
  const run = genesResultOf(genes);
  const hv = genes.geneAnnotations?.find((c) => c.name === 'highly_variable');
  assert.ok(hv?.stored?.kind === 'boolean', 'the fixture stores var highly_variable as a boolean');
  // its named var index (var.index.name) is read, and written as the result's var index name
  assert.equal(genes.geneIndexName, 'gene_symbol');
  const out = join(dir, 'hvg-raw-genes.h5ad');
  const genesNotes = await writeH5adFile(out, { ...run, varIndexName: genes.geneIndexName });
  assert.equal(((await contents(out, 'var'))['var attrs'] as { _index: string })._index, 'gene_symbol');
  assert.deepEqual(genesNotes, [
    "raw.var['highly_variable'] was a boolean column: the result holds it as 'False'/'True' categories " +
      "(h5wasm cannot write HDF5 booleans). In scanpy, adata.raw.var['highly_variable'] = " +
      "adata.raw.var['highly_variable'] == 'True' makes it boolean again.",
  ]);
});
