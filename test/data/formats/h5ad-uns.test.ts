// An h5ad's uns read whole for a result's copy (src/data/formats/h5ad-uns.ts): scanpy's entries as anndata
// writes them (test/fixtures/formats/uns.h5ad, written by anndata) come back in a form h5wasm writes — text,
// numbers in their dtype (booleans as int8), None, record arrays by field (text, any, as strings, written back
// as variable-length UTF-8, `write-records.ts`) —, and what cannot be written is left out with one note naming
// it: a dict's member alone, an encoded group (a dataframe) whole. A record array's rows are read as stored and
// decoded field by field (`Hdf5File.readRecords`, `h5-records.ts`): the same values as h5wasm's own read.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Group } from 'h5wasm/node';
import { Hdf5File } from '../../../src/data/formats/h5-file.js';
import { readUns, type UnsEntry } from '../../../src/data/formats/h5ad-uns.js';
import {
  setEncoding,
  writeDataFrame,
  writeDict,
  writeString,
} from '../../../src/engine/h5ad/anndata-elements.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { packageRoot } from '../../../src/util/paths.js';

const UNS_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'uns.h5ad');

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-h5ad-uns-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** The uns of `path` and the notes of its reading. */
async function unsOf(path: string): Promise<{ uns: UnsEntry[]; notes: string[] }> {
  const h5 = await Hdf5File.open(path);
  try {
    const notes: string[] = [];
    return { uns: readUns(h5, notes), notes };
  } finally {
    await h5.close();
  }
}

/** The member `name` of `entries`, found or failing the test. */
function member(entries: readonly UnsEntry[], ...path: string[]): UnsEntry {
  const [name, ...rest] = path;
  const found = entries.find((e) => e.name === name);
  assert.ok(found, `no ${name} among ${entries.map((e) => e.name).join(', ')}`);
  if (rest.length === 0) return found;
  assert.equal(found.kind, 'group', name);
  return member(found.kind === 'group' ? found.members : [], ...rest);
}

/** The data of the dataset at `path`. */
function dataOf(entries: readonly UnsEntry[], ...path: string[]) {
  const found = member(entries, ...path);
  assert.equal(found.kind, 'dataset', path.join('/'));
  return found.kind === 'dataset' ? found.data : undefined;
}

test("scanpy's uns comes back whole, in forms h5wasm writes, a record array of non-ASCII text too", async () => {
  const { uns, notes } = await unsOf(UNS_H5AD);
  assert.deepEqual(
    uns.map((e) => e.name),
    [
      'batches',
      'cell_type_colors',
      'de_unicode',
      'edges',
      'grid',
      'log1p',
      'neighbors',
      'pca',
      'qc_table',
      'rank_genes_groups',
    ].concat(['tripletlens', 'umap']),
  );
  const neighbors = member(uns, 'neighbors');
  assert.deepEqual(neighbors.attributes, [
    { name: 'encoding-type', data: { kind: 'strings', values: ['dict'], shape: [] } },
    { name: 'encoding-version', data: { kind: 'strings', values: ['0.1.0'], shape: [] } },
  ]);
  assert.deepEqual(dataOf(uns, 'neighbors', 'connectivities_key'), {
    kind: 'strings',
    values: ['connectivities'],
    shape: [],
  });
  assert.deepEqual(dataOf(uns, 'neighbors', 'params', 'n_neighbors'), {
    kind: 'numbers',
    values: BigInt64Array.of(5n),
    shape: [],
    dtype: '<q',
  });
  // h5py's booleans (enums) as int8, anndata's None (an empty dataspace) as none
  assert.deepEqual(dataOf(uns, 'pca', 'params', 'zero_center'), {
    kind: 'numbers',
    values: Int8Array.of(1),
    shape: [],
    dtype: '<b',
  });
  assert.deepEqual(dataOf(uns, 'log1p', 'base'), { kind: 'none' });
  assert.deepEqual(dataOf(uns, 'grid'), {
    kind: 'numbers',
    values: Int32Array.of(0, 1, 2, 3, 4, 5),
    shape: [2, 3],
    dtype: '<i',
  });
  const colours = ['#1f77b4', '#ff7f0e', '#279e68', '#d62728'];
  assert.deepEqual(dataOf(uns, 'cell_type_colors'), { kind: 'strings', values: colours, shape: [4] });
  // rank_genes_groups' names: a record array of variable-length text, its fields text ('S': written back as
  // variable-length UTF-8, as anndata writes them)
  const names = dataOf(uns, 'rank_genes_groups', 'names');
  assert.equal(names?.kind, 'records');
  if (names?.kind !== 'records') return;
  assert.equal(names.length, 30);
  assert.deepEqual(
    names.fields.map((f) => [f.name, f.dtype, f.values[0]]),
    [
      ['B cell', 'S', 'GENE00'],
      ['Monocyte', 'S', 'GENE01'],
      ['NK cell', 'S', 'GENE02'],
      ['T cell', 'S', 'CD79A'],
    ],
  );
  // text beyond ASCII in a record array: once left out with a note (fixed-length ASCII fields could not hold it)
  assert.deepEqual(dataOf(uns, 'de_unicode'), {
    kind: 'records',
    length: 2,
    fields: [{ name: 'T cell', dtype: 'S', values: ['CD3E', 'Tcrα'] }],
  });
  assert.equal(member(uns, 'qc_table').kind, 'group');
  assert.deepEqual(notes, []);
});

test('what cannot be copied is left out with one note: a dict member alone, a dataframe whole', async () => {
  const path = join(dir, 'references.h5ad');
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    setEncoding(f, 'anndata', '0.1.0');
    const uns = writeDict(f, 'uns');
    const params = writeDict(uns, 'params');
    writeString(params, 'method', 'umap');
    // an object reference: a type anndata never writes and h5wasm cannot copy between files
    params.create_dataset({ name: 'ref', data: [uns.create_reference()] });
    writeDataFrame(uns, 'frame', ['r1'], [{ name: 'n', numbers: Float64Array.of(1) }]);
    (uns.get('frame') as Group).create_dataset({ name: 'ref', data: [uns.create_reference()] });
    writeString(uns, 'kept', 'yes');
  } finally {
    f.close();
  }
  const { uns, notes } = await unsOf(path);
  assert.deepEqual(
    uns.map((e) => e.name),
    ['kept', 'params'],
  );
  assert.deepEqual(
    (member(uns, 'params') as Extract<UnsEntry, { kind: 'group' }>).members.map((e) => e.name),
    ['method'],
  );
  assert.equal(notes.length, 2, notes.join('\n'));
  assert.match(notes[0], /^the result has no uns\/frame: the input's uns\/frame could not be copied \(/);
  assert.match(
    notes[1],
    /^the result has no uns\/params\/ref: the input's uns\/params\/ref could not be copied \(it is of an HDF5 type/,
  );
});

test('an array or record array above the limits is left out with a note, the rest of its dict kept', async () => {
  const h5 = await Hdf5File.open(UNS_H5AD);
  const notes: string[] = [];
  let uns: UnsEntry[];
  try {
    // grid holds 6 values; rank_genes_groups' names 30 genes × 4 groups = 120
    uns = readUns(h5, notes, { values: 5, records: 119 });
  } finally {
    await h5.close();
  }
  assert.ok(!uns.some((e) => e.name === 'grid'));
  const ranked = member(uns, 'rank_genes_groups');
  assert.deepEqual(ranked.kind === 'group' ? ranked.members.map((e) => e.name) : [], ['params']);
  assert.ok(
    notes.includes(
      "the result has no uns/grid: the input's uns/grid could not be copied (it holds 6 values, more than the 5 TripletLens copies of one uns array).",
    ),
    notes.join('\n'),
  );
  assert.ok(
    notes.includes(
      "the result has no uns/rank_genes_groups/names: the input's uns/rank_genes_groups/names could not be copied (it holds 120 values, more than the 119 TripletLens copies of one uns record array).",
    ),
    notes.join('\n'),
  );
});
