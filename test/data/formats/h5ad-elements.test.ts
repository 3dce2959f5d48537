// An h5ad's layers, raw, obsm, obsp, varm and varp entries opened for a result's copy
// (src/data/formats/h5ad-elements.ts): what can be copied is opened in its stored layout, a raw anndata would
// refuse or TripletLens cannot read is left out whole with a note, raw/varm entries open with raw (one row a
// raw gene); obsp
// entries must be cells × cells, varm entries one row a gene, varp entries genes × genes, and a result of
// the run's own genes opens neither layers, varm nor varp.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Group } from 'h5wasm/node';
import { Hdf5File } from '../../../src/data/formats/h5-file.js';
import { openH5adElements, type H5adElements } from '../../../src/data/formats/h5ad-elements.js';
import {
  setEncoding,
  writeDataFrame,
  writeDense,
  writeDict,
} from '../../../src/engine/h5ad/anndata-elements.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { LOGNORM_H5AD } from '../../engine/h5ad/full-anndata.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-h5ad-elements-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** A new h5ad at `name` holding what `build` writes (the elements read only layers, raw and obsm). */
async function h5adWith(name: string, build: (f: Group) => void): Promise<string> {
  const path = join(dir, name);
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    setEncoding(f, 'anndata', '0.1.0');
    build(f);
  } finally {
    f.close();
  }
  return path;
}

/** A raw group with `genes` genes in raw/var and, unless `x` is false, a dense 40 × 30 raw/X. */
function writeRaw(f: Group, genes: number, x = true): Group {
  const raw = f.create_group('raw');
  setEncoding(raw, 'raw', '0.1.0');
  if (x) writeDense(raw, 'X', { rows: 40, cols: 30, data: new Float32Array(40 * 30).fill(1) });
  const names = Array.from({ length: genes }, (_, i) => `G${i}`);
  writeDataFrame(raw, 'var', names, []);
  writeDict(raw, 'varm');
  return raw;
}

/** The elements of `path` for a result of 40 cells and the file's 25 genes (null: the run's own genes). */
async function elementsOf(path: string, genes: number | null = 25): Promise<H5adElements> {
  const h5 = await Hdf5File.open(path);
  try {
    return openH5adElements(h5, 40, genes);
  } finally {
    await h5.close();
  }
}

test('lognorm.h5ad: layers/counts and raw (30 genes) open for copying, as stored, without notes', async () => {
  const found = await elementsOf(LOGNORM_H5AD);
  assert.deepEqual(found.notes, []);
  assert.deepEqual(
    found.layers.map((l) => [l.name, l.matrix.storage, l.matrix.rows, l.matrix.cols]),
    [['counts', 'csr', 40, 25]],
  );
  assert.equal(found.raw?.x.cols, 30);
  assert.equal(found.raw?.varNames.length, 30);
  assert.deepEqual(found.obsm, []);
});

test('a raw whose X does not match raw/var, has no X or cannot be read is left out whole, with a note', async () => {
  const cases: [string, (f: Group) => void, RegExp][] = [
    [
      'raw-short-var.h5ad',
      (f) => writeRaw(f, 29),
      /^the result has no raw, as .*raw-short-var\.h5ad's raw\/X is 40 × 30, not 40 cells × 29 genes, as raw\/var \(anndata refuses it\)\.$/,
    ],
    [
      'raw-no-x.h5ad',
      (f) => writeRaw(f, 30, false),
      /^the result has no raw, as the input's raw could not be copied: .*raw-no-x\.h5ad's raw has no X\.$/,
    ],
    [
      'raw-coo.h5ad',
      (f) => setEncoding(writeRaw(f, 30, false).create_group('X'), 'coo_matrix', '0.1.0'),
      /^the result has no raw, as the input's raw\/X could not be copied: .*raw-coo\.h5ad, group \/raw\/X: this matrix has encoding "coo_matrix"/,
    ],
    [
      'raw-var-no-index.h5ad',
      (f) => {
        const raw = f.create_group('raw');
        writeDense(raw, 'X', { rows: 40, cols: 30, data: new Float32Array(40 * 30) });
        const frame = raw.create_group('var');
        setEncoding(frame, 'dataframe', '0.2.0');
        frame.create_attribute('_index', 'gene');
      },
      /^the result has no raw, as the input's raw could not be copied: .*raw-var-no-index\.h5ad, dataset \/raw\/var\/gene: the index named by the _index attribute is missing\.$/,
    ],
  ];
  for (const [name, change, note] of cases) {
    const found = await elementsOf(await h5adWith(name, change));
    assert.equal(found.raw, null, name);
    assert.equal(found.notes.length, 1, found.notes.join('\n'));
    assert.match(found.notes[0], note);
  }
});

test('raw/varm entries open with raw (one row a raw/var gene); one anndata would refuse is left out with a note', async () => {
  const path = await h5adWith('raw-varm.h5ad', (f) => {
    const varm = writeRaw(f, 30).get('varm') as Group;
    writeDense(varm, 'PCs', { rows: 30, cols: 2, data: new Float32Array(60) });
    writeDense(varm, 'short', { rows: 25, cols: 2, data: new Float32Array(50) });
  });
  const found = await elementsOf(path);
  assert.equal(found.raw?.x.cols, 30);
  assert.deepEqual(
    found.raw?.varm.map((e) => [e.name, e.matrix.storage, e.matrix.rows, e.matrix.cols]),
    [['PCs', 'dense', 30, 2]],
  );
  assert.equal(found.notes.length, 1, found.notes.join('\n'));
  assert.match(
    found.notes[0],
    /^the result has no raw\.varm 'short', as .*raw-varm\.h5ad's raw\/varm\/short is 25 rows, not one row for each of the 30 genes of raw\/var \(anndata refuses it\)\.$/,
  );
});

test("raw/var columns TripletLens does not read are said to be left out of the result's raw.var", async () => {
  const path = await h5adWith('raw-var-odd.h5ad', (f) => {
    const frame = writeRaw(f, 30).get('var') as Group;
    setEncoding(frame.create_group('nested'), 'awkward-array', '0.1.0');
    frame.delete_attribute('column-order');
    frame.create_attribute('column-order', ['nested'], [1], 'S');
  });
  const found = await elementsOf(path);
  assert.equal(found.raw?.varNames.length, 30);
  assert.deepEqual(found.raw?.var, []);
  assert.equal(found.notes.length, 1, found.notes.join('\n'));
  assert.match(
    found.notes[0],
    /Column "nested" of \/raw\/var has encoding "awkward-array" and was not read, so the result's raw\.var has no such column\.$/,
  );
});

test('a file without layers, raw, obsm or uns groups opens with none and no notes', async () => {
  const path = await h5adWith('bare.h5ad', () => {});
  assert.deepEqual(await elementsOf(path), {
    layers: [],
    raw: null,
    obsm: [],
    obsp: [],
    varm: [],
    varp: [],
    uns: [],
    notes: [],
  });
});

/** A dense `rows` × `cols` float32 matrix of ones. */
const ones = (rows: number, cols: number) => ({ rows, cols, data: new Float32Array(rows * cols).fill(1) });

/**
 * obsp: a neighbour graph, and one a cell short; varm: PCs, and loadings a gene short; a layer not cells ×
 * genes; varp: genes × genes, and one a gene short.
 */
function writeGraphs(f: Group): void {
  const obsp = writeDict(f, 'obsp');
  writeDense(obsp, 'connectivities', ones(40, 40));
  writeDense(obsp, 'short', ones(40, 39));
  const varm = writeDict(f, 'varm');
  writeDense(varm, 'PCs', ones(25, 3));
  writeDense(varm, 'short', ones(24, 3));
  writeDense(writeDict(f, 'layers'), 'odd', ones(40, 24));
  const varp = writeDict(f, 'varp');
  writeDense(varp, 'corr', ones(25, 25));
  writeDense(varp, 'short', ones(25, 24));
}

test('obsp entries open when cells × cells, varm entries when one row a gene; the others are left out with a note', async () => {
  const path = await h5adWith('graphs.h5ad', writeGraphs);
  const found = await elementsOf(path);
  const shapes = (m: { name: string; matrix: { rows: number; cols: number } }[]) =>
    m.map((e) => [e.name, e.matrix.rows, e.matrix.cols]);
  assert.deepEqual(shapes(found.obsp), [['connectivities', 40, 40]]);
  assert.deepEqual(shapes(found.varm), [['PCs', 25, 3]]);
  assert.deepEqual(shapes(found.varp), [['corr', 25, 25]]);
  assert.equal(found.notes.length, 4, found.notes.join('\n'));
  assert.match(found.notes[0], /^the result has no layer 'odd'/);
  assert.match(
    found.notes[1],
    /^the result has no obsp 'short', as .*graphs\.h5ad's obsp\/short is 40 × 39, not 40 cells × 40 cells \(anndata refuses it\)\.$/,
  );
  assert.match(
    found.notes[2],
    /^the result has no varm 'short', as .*graphs\.h5ad's varm\/short is 24 rows, not one row for each of the 25 genes \(anndata refuses it\)\.$/,
  );
  assert.match(
    found.notes[3],
    /^the result has no varp 'short', as .*graphs\.h5ad's varp\/short is 25 × 24, not 25 genes × 25 genes \(anndata refuses it\)\.$/,
  );
});

// A walkthrough: the h5ad export of a run on an h5ad's genes dropped varm/PCs without a word in its download
// notice; the entries left out are named now.
test("for a result of the run's own genes, layers, varm and varp are not opened but named as left out; obsp is opened", async () => {
  const path = await h5adWith('graphs-genes.h5ad', writeGraphs);
  const found = await elementsOf(path, null);
  assert.deepEqual(found.layers, []);
  assert.deepEqual(found.varm, []);
  assert.deepEqual(found.varp, []);
  assert.deepEqual(
    found.obsp.map((e) => e.name),
    ['connectivities'],
  );
  assert.equal(found.notes.length, 2, found.notes.join('\n'));
  assert.match(found.notes[0], /^the result has no obsp 'short'/);
  assert.match(
    found.notes[1],
    /^the result has no layer 'odd' or varm 'PCs', 'short' or varp 'corr', 'short' of .*graphs-genes\.h5ad: they give values gene by gene for the input's genes, and the result's var holds the genes the run used\.$/,
  );
  // one entry alone; none, no note
  const pcs = await h5adWith('pcs-genes.h5ad', (f) => writeDense(writeDict(f, 'varm'), 'PCs', ones(25, 3)));
  assert.deepEqual(
    (await elementsOf(pcs, null)).notes.map((n) => n.replace(/ of .*pcs-genes\.h5ad:/, ' of the input:')),
    [
      "the result has no varm 'PCs' of the input: it gives values gene by gene for the input's genes, and the result's var holds the genes the run used.",
    ],
  );
});
