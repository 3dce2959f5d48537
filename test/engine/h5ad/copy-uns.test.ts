// The input's uns in a result (src/engine/h5ad/copy-uns.ts, through writeH5adFile): a scanpy user's uns
// (test/fixtures/formats/uns.h5ad, written by anndata: neighbors, colours, pca, log1p, umap,
// rank_genes_groups, a dataframe, an earlier TripletLens report) reads back from the result as it was stored,
// for a run on the file's embedding and for a run on its genes alike; the result's own report wins (the
// input's kept as uns 'tripletlens.1', with a note), its colours for a column replace the input's list for it
// (from which they come) without a second copy, and what cannot be written is left out with a note. varp comes
// along only where var is the input's (the embedding run), as varm does. Read back with h5wasm (no Python).
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Group } from 'h5wasm/node';
import { importTable, type ExpressionTable } from '../../../src/data/index.js';
import { Hdf5File } from '../../../src/data/formats/h5-file.js';
import { readUns, type UnsEntry } from '../../../src/data/formats/h5ad-uns.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { type H5adResult, writeH5adFile } from '../../../src/engine/h5ad/write-result-h5ad.js';
import { trainingH5ad } from '../../../src/engine/h5ad/result-of-run.js';
import type { TrainingRun } from '../../../src/engine/types.js';
import { readBack } from './read-back.js';
import { packageRoot } from '../../../src/util/paths.js';

const UNS_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'uns.h5ad');
const REPORT = { tool: { name: 'tripletlens', version: 'now' } };

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-copy-uns-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** The uns of `path`, read as the copy reads it. */
async function unsOf(path: string): Promise<UnsEntry[]> {
  const h5 = await Hdf5File.open(path);
  try {
    return readUns(h5, []);
  } finally {
    await h5.close();
  }
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

/** A result of `table` with its cell_type column and colours: of its genes, or (`embedding`) of its X_pca. */
function resultOf(table: ExpressionTable, embedding: boolean): H5adResult {
  const n = table.ids.length;
  const cellType = table.metadata.find((m) => m.name === 'cell_type');
  assert.ok(cellType && table.categoryColors?.cell_type);
  const shared = {
    source: UNS_H5AD,
    obsNames: table.ids,
    obs: [
      { name: 'cell_type', values: cellType.values, ...(cellType.stored ? { stored: cellType.stored } : {}) },
    ],
    embedding: { rows: n, cols: 2, data: new Float32Array(n * 2).fill(0.5) },
    report: REPORT,
    categoryColors: { cell_type: table.categoryColors.cell_type },
  };
  if (embedding) {
    return {
      ...shared,
      varNames: [],
      X: null,
      inputGenes: { source: UNS_H5AD, trainedOn: 'obsm/X_pca' },
      obsm: [{ name: 'X_pca', matrix: table.values }],
    };
  }
  const kept = [0, 1, 2, 3, 4];
  return {
    ...shared,
    varNames: kept.map((c) => table.genes[c]),
    X: table.values,
    XColumns: kept,
    inputCells: UNS_H5AD,
  };
}

for (const embedding of [true, false]) {
  const run = embedding ? 'a run on the embedding X_pca' : "a run on the file's genes";
  test(`${run}: the result's uns is the input's as stored, its own report and colours winning`, async () => {
    const table = await importTable(UNS_H5AD, embedding ? { input: 'obsm:X_pca' } : {});
    const out = join(dir, embedding ? 'embedding.h5ad' : 'genes.h5ad');
    const notes = await writeH5adFile(out, resultOf(table, embedding));
    const given = await unsOf(UNS_H5AD);
    const found = await unsOf(out);
    const byName = (entries: UnsEntry[]) => new Map(entries.map((e) => [e.name, e]));
    const [inputs, outputs] = [byName(given), byName(found)];
    assert.deepEqual(
      [...outputs.keys()].sort(),
      [...inputs.keys(), 'tripletlens.1'].sort(),
      'every readable entry, the earlier report kept aside and no second colour list',
    );
    for (const [name, entry] of inputs) {
      if (name === 'tripletlens') continue;
      assert.deepEqual(outputs.get(name), entry, name);
    }
    assert.deepEqual({ ...outputs.get('tripletlens.1'), name: 'tripletlens' }, inputs.get('tripletlens'));
    const own = outputs.get('tripletlens');
    assert.ok(own?.kind === 'dataset' && own.data.kind === 'strings');
    assert.deepEqual(JSON.parse(own.data.values[0]), REPORT);
    assert.deepEqual(notes, [
      // a run on the file's genes leaves its gene entries out, and says so
      ...(embedding
        ? []
        : [
            `the result has no varm 'PCs' or varp 'gene_corr' of ${UNS_H5AD}: they give values gene by gene for the input's genes, and the result's var holds the genes the run used.`,
          ]),
      "the input's uns 'tripletlens' is kept as uns 'tripletlens.1', as the result's own uns 'tripletlens' takes its name.",
    ]);
    // varp belongs to the genes: copied where var is the input's, as varm
    assert.deepEqual(await membersOf(out, 'varp'), embedding ? ['gene_corr'] : []);
    assert.deepEqual(await membersOf(out, 'varm'), embedding ? ['PCs'] : []);
  });
}

test("an input's colour list the result does not replace (a column it holds no colours for) is copied as stored", async () => {
  const table = await importTable(UNS_H5AD);
  const out = join(dir, 'no-colours.h5ad');
  await writeH5adFile(out, { ...resultOf(table, false), categoryColors: {} });
  const colours = (await unsOf(out)).find((e) => e.name === 'cell_type_colors');
  assert.deepEqual(
    colours,
    (await unsOf(UNS_H5AD)).find((e) => e.name === 'cell_type_colors'),
  );
});

// A result trained again (an earlier result as input, which scanpy plotted and so gave colour lists for the
// run's columns): scanpy pairs `<column>_colors` with the categories by position, so the earlier lists copied
// as stored coloured the new split's 'train' with the old 'holdout' colour, and a list for other categories
// than the new predictions' was kept. The result rebuilds a list by category when it colours each new
// category, and leaves it out otherwise (scanpy then picks its own), with a note.
test("an earlier result's colours of the columns a result writes anew are rebuilt for their new categories, or left out", async () => {
  const values = { rows: 4, cols: 2, data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
  const first = trainingH5ad(
    {
      source: 'first.csv',
      idColumn: 'cell',
      ids: ['c0', 'c1', 'c2', 'c3'],
      genes: ['g0', 'g1'],
      values,
      metadata: [
        { name: 'cell_type', values: ['x', 'y', 'x', 'y'] },
        { name: 'batch', values: ['b1', 'b2', 'b1', 'b2'] },
      ],
      warnings: [],
    },
    {
      coords: { rows: 4, cols: 2, data: Float32Array.from([0, 0, 10, 10, 0.1, 0, 10, 10.1]) },
      split: ['train', 'train', 'holdout', 'unlabeled'],
      labels: ['x', 'y', 'x', ''],
      labelColumn: 'cell_type',
      recipe: { genes: ['g0', 'g1'] },
      report: REPORT,
    } as unknown as TrainingRun,
  );
  const input = join(dir, 'earlier-result.h5ad');
  await writeH5adFile(input, first);
  // what sc.pl.umap(adata, color=[...]) stores: one colour a category, in the categories' order
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(input, 'a');
  try {
    const uns = file.get('uns') as Group;
    uns.create_dataset({ name: 'tripletlens_split_colors', data: ['#1f77b4', '#ff7f0e', '#279e68'] });
    uns.create_dataset({ name: 'tripletlens_predicted_colors', data: ['#d62728', '#aa40fc'] });
  } finally {
    file.close();
  }
  const before = await readBack(input);
  assert.deepEqual(before.obsCategories.tripletlens_split, ['holdout', 'train', 'unlabeled']);
  assert.deepEqual(before.obsCategories.tripletlens_predicted, ['x', 'y']);

  const table = await importTable(input);
  const again = trainingH5ad(table, {
    coords: { rows: 4, cols: 2, data: Float32Array.from([0, 0, 10, 10, 0.1, 0, 10, 10.1]) },
    // no held-out cell this time, and trained on another column: other categories for both run columns
    split: ['train', 'train', 'unlabeled', 'unlabeled'],
    labels: ['b1', 'b2', '', ''],
    labelColumn: 'batch',
    recipe: { genes: ['g0', 'g1'] },
    report: REPORT,
  } as unknown as TrainingRun);
  const out = join(dir, 'trained-again.h5ad');
  const notes = await writeH5adFile(out, again);
  const after = await readBack(out);
  assert.deepEqual(after.obsCategories.tripletlens_split, ['train', 'unlabeled']);
  assert.deepEqual(
    after.uns.tripletlens_split_colors,
    ['#ff7f0e', '#279e68'],
    "each split category keeps its earlier colour, one a category ('train' was coloured as 'holdout')",
  );
  assert.deepEqual(after.obsCategories.tripletlens_predicted, ['b1', 'b2']);
  assert.equal(
    after.uns.tripletlens_predicted_colors,
    undefined,
    "the colours of 'x' and 'y' are not the predictions'",
  );
  assert.deepEqual(
    after.uns['tripletlens_predicted.1_colors'],
    before.uns.tripletlens_predicted_colors,
    "the earlier predictions, kept as 'tripletlens_predicted.1', keep their colours",
  );
  assert.deepEqual(notes, [
    "the input's obs columns 'tripletlens_split', 'tripletlens_predicted', 'tripletlens_confidence' are kept as obs 'tripletlens_split.1', 'tripletlens_predicted.1', 'tripletlens_confidence.1', as the result's own columns take their names.",
    "the input's obsm 'X_tripletlens' is kept as obsm 'X_tripletlens.1', as the result's own obsm 'X_tripletlens' takes its name.",
    "the input's uns 'tripletlens_predicted_colors' is not copied: it colours the categories of the input's obs 'tripletlens_predicted', not those of the result's own 'tripletlens_predicted', which it does not all colour (scanpy picks new colours when it plots the column).",
    "the input's uns 'tripletlens' is kept as uns 'tripletlens.1', as the result's own uns 'tripletlens' takes its name.",
  ]);
});

// `train --layer counts`: the result's X holds the input's counts, and uns['log1p'] — scanpy's mark that X is
// log-transformed — copied with the rest told scanpy otherwise (sc.pp.log1p then warned and skipped the
// counts). A result whose X is not the input's X leaves log1p out, with a note; the rest of uns is copied.
test("a run on a layer: the result's X holds counts, so the input's uns 'log1p' is left out with a note", async () => {
  // uns.h5ad (X log-transformed, uns['log1p']) given a layer 'counts' beside X, as anndata stores a dense one
  const input = join(dir, 'with-counts.h5ad');
  await copyFile(UNS_H5AD, input);
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(input, 'a');
  try {
    const layers = file.get('layers') as Group | null;
    const group = layers ?? file.create_group('layers');
    const counts = group.create_dataset({
      name: 'counts',
      data: Float32Array.from({ length: 40 * 30 }, (_, i) => i % 7),
      shape: [40, 30],
    });
    counts.create_attribute('encoding-type', 'array');
    counts.create_attribute('encoding-version', '0.2.0');
  } finally {
    file.close();
  }
  const table = await importTable(input, { layer: 'counts' });
  assert.equal(table.format?.matrix, 'layers/counts');
  const n = table.ids.length;
  /** The result of one run (table's cells, labels and first 5 genes) on `imported`: the layer's or X. */
  const runResult = (imported: ExpressionTable) =>
    trainingH5ad(imported, {
      coords: { rows: n, cols: 2, data: new Float32Array(n * 2).fill(0.5) },
      split: new Array<string>(n).fill('train'),
      labels: table.metadata.find((m) => m.name === 'cell_type')?.values,
      labelColumn: 'cell_type',
      recipe: { genes: table.genes.slice(0, 5) },
      report: REPORT,
    } as unknown as TrainingRun);
  const result = runResult(table);
  const out = join(dir, 'layer-run.h5ad');
  const notes = await writeH5adFile(out, result);
  const names = (await unsOf(out)).map((e) => e.name);
  const given = (await unsOf(input)).map((e) => e.name);
  assert.ok(given.includes('log1p'));
  assert.deepEqual(
    names
      .filter((name) => name !== 'tripletlens_split_colors' && name !== 'tripletlens_predicted_colors')
      .sort(),
    [...given.filter((name) => name !== 'log1p'), 'tripletlens.1'].sort(),
    'every entry but log1p',
  );
  assert.ok(
    notes.includes(
      "the input's uns 'log1p' is not copied: it says the input's X is log-transformed, but the result's X holds the input's layers/counts, which scanpy would then take as log-transformed too (sc.pp.log1p would skip it).",
    ),
    notes.join('\n'),
  );
  // A scanpy walkthrough: an input without uns['log1p'] gave no note at all, and the result's X of counts,
  // its file's X and layers gone, surprised its user; the result says what its X holds
  const xNote = `the result's X holds layers/counts of ${input}, the matrix the map was trained on, not ${input}'s X; that X and the input's layers are not in the result (read them from ${input}).`;
  assert.ok(notes.includes(xNote), notes.join('\n'));
  // the same result of the input's X keeps log1p, as the other tests' results do
  const ofX = runResult(await importTable(input));
  const outX = join(dir, 'x-run.h5ad');
  assert.ok(!(await writeH5adFile(outX, ofX)).some((n) => n.startsWith("the result's X holds")));
  assert.ok((await unsOf(outX)).some((e) => e.name === 'log1p'));
  // raw/X keeps it too: scanpy sets adata.raw after sc.pp.log1p, so raw holds log-normalised values
  const outRaw = join(dir, 'raw-run.h5ad');
  const rawNotes = await writeH5adFile(outRaw, { ...ofX, XFrom: 'raw/X' });
  assert.ok((await unsOf(outRaw)).some((e) => e.name === 'log1p'));
  assert.ok(!rawNotes.some((n) => n.includes("uns 'log1p'")), rawNotes.join('\n'));
});
