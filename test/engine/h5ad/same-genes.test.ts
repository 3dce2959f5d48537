// A run on an h5ad's layer or raw/X whose genes are exactly the file's var (src/engine/h5ad/input-genes.ts
// `openSameGenes`, through trainingH5ad and writeH5adFile): a scanpy walkthrough trained with `--layer counts`
// on every gene and got the counts in X, its log-normalised X, layers, varm and varp gone. The result is now
// the user's file plus the map — X, var, layers, varm and varp as stored — and says nothing about X; a run
// whose genes differ from var (a gene selection, raw's other genes) keeps the trained matrix and the note.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Dataset, Group } from 'h5wasm/node';
import { importTable, type ExpressionTable } from '../../../src/data/index.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { trainingH5ad } from '../../../src/engine/h5ad/result-of-run.js';
import {
  setEncoding,
  writeDataFrame,
  writeDense,
  writeDict,
} from '../../../src/engine/h5ad/anndata-elements.js';
import { writeH5adFile } from '../../../src/engine/h5ad/write-result-h5ad.js';
import type { TrainingRun } from '../../../src/engine/types.js';
import { ANNDATA_SKIP_REASON, checkWithAnndata } from './anndata-check.js';
import { writeFullAnnData } from './full-anndata.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-same-genes-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** A run of `table` as trainingH5ad reads it: its recipe keeps `genes`, every cell trains. */
function runOf(table: ExpressionTable, genes: readonly string[]): TrainingRun {
  const n = table.ids.length;
  return {
    coords: { rows: n, cols: 2, data: Float32Array.from({ length: n * 2 }, (_, k) => k) },
    split: new Array<string>(n).fill('train'),
    labels: table.metadata.find((m) => m.name === 'cell_type')?.values ?? [],
    labelColumn: 'cell_type',
    recipe: { genes },
    report: { tool: { name: 'tripletlens' } },
  } as unknown as TrainingRun;
}

/** Each dataset under `path` of `file` as name → values (a group's members by their paths). */
async function datasets(file: string, path: string): Promise<Record<string, unknown>> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'r');
  const out: Record<string, unknown> = {};
  const visit = (node: Group | Dataset, at: string) => {
    if (node.type === 'Dataset') out[at] = Array.from((node as Dataset).value as ArrayLike<unknown>);
    else
      for (const k of (node as Group).keys()) visit((node as Group).get(k) as Group | Dataset, `${at}/${k}`);
  };
  try {
    const node = f.get(path) as Group | Dataset | null;
    if (node) visit(node, path);
    return out;
  } finally {
    f.close();
  }
}

/** The matrices a scanpy user keeps beside the map: X, layers, varm and varp. */
const KEPT = ['X', 'layers', 'varm', 'varp'];

/** The full AnnData fixture (log-normalised X, layers counts and scaled, varm/PCs, varp/corr, raw of 30 genes). */
async function fullFile(name: string): Promise<string> {
  const source = join(dir, name);
  await writeFullAnnData(source, false);
  return source;
}

for (const layer of ['counts', 'raw'] as const) {
  test(`a run on ${layer === 'raw' ? 'raw/X' : 'layers/counts'} of every gene of var: the result is the input file plus the map`, async () => {
    const source = layer === 'raw' ? join(dir, 'raw.h5ad') : await fullFile('counts.h5ad');
    // raw of the same genes as var (raw set before any gene selection)
    if (layer === 'raw') await rawOfVarGenes(source);
    const table = await importTable(source, { layer });
    const out = join(dir, `${layer}-result.h5ad`);
    const notes = await writeH5adFile(out, trainingH5ad(table, runOf(table, table.genes)));
    for (const path of KEPT) assert.deepEqual(await datasets(out, path), await datasets(source, path), path);
    assert.deepEqual(await datasets(out, 'var'), await datasets(source, 'var'));
    assert.deepEqual(
      notes.filter((n) => /result's X holds/.test(n)),
      [],
      'no note on X: it is the input X',
    );
    if (ANNDATA_SKIP_REASON === false) {
      checkWithAnndata(out, {
        ...{ n_obs: table.ids.length, n_vars: table.genes.length, dims: 2, sparse: layer === 'counts' },
        ...{ obs_columns: ['cell_type'], color_by: 'cell_type', colors: null },
        ...{ genes_of: source, elements_of: source, varm_of: ['PCs'] },
      });
    }
  });
}

test('a run on layers/counts of some genes, or on raw/X of other genes than var, keeps the trained matrix in X with its note', async () => {
  const source = await fullFile('subset.h5ad');
  const cases: [string, string[] | null][] = [
    ['counts', ['GENE00', 'CD3E']],
    ['raw', null],
  ];
  for (const [layer, kept] of cases) {
    const table = await importTable(source, { layer });
    const genes = kept ?? table.genes;
    const out = join(dir, `subset-${layer}.h5ad`);
    const notes = await writeH5adFile(out, trainingH5ad(table, runOf(table, genes)));
    assert.equal(notes.filter((n) => /^the result's X holds /.test(n)).length, 1, notes.join('\n'));
    assert.deepEqual(await datasets(out, 'layers'), {}, layer);
    assert.deepEqual(await datasets(out, 'varm'), {}, layer);
    const back = await importTable(out);
    assert.deepEqual(back.genes, genes, layer);
  }
});

/**
 * Writes an h5ad whose raw holds var's genes (`adata.raw = adata` before any gene selection): X the 25 genes
 * of the full fixture's scaled layer, raw/X their counts, layers/counts, varm/PCs and varp/corr.
 */
async function rawOfVarGenes(file: string): Promise<void> {
  const full = await fullFile('raw-base.h5ad');
  const scaled = await importTable(full, { layer: 'scaled' });
  const counts = await importTable(full, { layer: 'counts' });
  const [cells, genes] = [scaled.ids.length, scaled.genes.length];
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'w');
  try {
    setEncoding(f, 'anndata', '0.1.0');
    const cellType = scaled.metadata.find((m) => m.name === 'cell_type');
    assert.ok(cellType);
    writeDataFrame(f, 'obs', scaled.ids, [{ name: 'cell_type', values: cellType.values, as: 'categorical' }]);
    writeDataFrame(f, 'var', scaled.genes, []);
    writeDense(f, 'X', { rows: cells, cols: genes, data: denseData(scaled) });
    const [layers, varm, varp] = ['layers', 'varm', 'varp', 'obsm', 'obsp', 'uns'].map((n) =>
      writeDict(f, n),
    );
    writeDense(layers, 'counts', { rows: cells, cols: genes, data: denseData(counts) });
    writeDense(varm, 'PCs', {
      rows: genes,
      cols: 2,
      data: Float32Array.from({ length: genes * 2 }, (_, k) => k),
    });
    writeDense(varp, 'corr', { rows: genes, cols: genes, data: new Float32Array(genes * genes).fill(0.5) });
    const raw = f.create_group('raw');
    setEncoding(raw, 'raw', '0.1.0');
    writeDense(raw, 'X', { rows: cells, cols: genes, data: denseData(counts) });
    writeDataFrame(raw, 'var', scaled.genes, []);
    writeDict(raw, 'varm');
  } finally {
    f.close();
  }
}

/** The table's values as a dense row-major array. */
function denseData(table: ExpressionTable): Float32Array {
  const v = table.values;
  if ('data' in v && v.data.length === v.rows * v.cols) return Float32Array.from(v.data);
  assert.ok('indptr' in v, 'a CSR matrix');
  const out = new Float32Array(v.rows * v.cols);
  for (let r = 0; r < v.rows; r++) {
    for (let k = v.indptr[r]; k < v.indptr[r + 1]; k++) out[r * v.cols + v.indices[k]] = v.data[k];
  }
  return out;
}

test('a run on X of an h5ad whose var repeats a gene name keeps its layers and varm: the importer renamed the repeat, the genes are the same', async () => {
  // a scanpy user's 10x file read before var_names_make_unique: the importer's PARK7.1 is the file's second
  // PARK7, so the result is still the input plus the map — not its X alone, its layers/counts dropped
  const source = join(dir, 'repeated-gene.h5ad');
  const [cells, genes] = [6, 4];
  const names = ['CD3E', 'PARK7', 'MS4A1', 'PARK7'];
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(source, 'w');
  try {
    setEncoding(f, 'anndata', '0.1.0');
    const types = ['T', 'T', 'T', 'B', 'B', 'B'];
    const ids = types.map((_, i) => `cell${i}`);
    writeDataFrame(f, 'obs', ids, [{ name: 'cell_type', values: types, as: 'categorical' }]);
    writeDataFrame(f, 'var', names, []);
    const x = Float32Array.from({ length: cells * genes }, (_, k) => (k % 5) / 2);
    writeDense(f, 'X', { rows: cells, cols: genes, data: x });
    const [layers, varm] = ['layers', 'varm', 'varp', 'obsm', 'obsp', 'uns'].map((n) => writeDict(f, n));
    writeDense(layers, 'counts', { rows: cells, cols: genes, data: x.map((v) => v * 2) });
    writeDense(varm, 'PCs', {
      rows: genes,
      cols: 2,
      data: Float32Array.from({ length: genes * 2 }, (_, k) => k),
    });
  } finally {
    f.close();
  }
  const table = await importTable(source);
  assert.deepEqual(table.genes, ['CD3E', 'PARK7', 'MS4A1', 'PARK7.1'], 'the importer renames the repeat');
  const out = join(dir, 'repeated-gene-result.h5ad');
  const notes = await writeH5adFile(out, trainingH5ad(table, runOf(table, table.genes)));
  for (const path of KEPT) assert.deepEqual(await datasets(out, path), await datasets(source, path), path);
  assert.deepEqual(await datasets(out, 'var'), await datasets(source, 'var'), 'var as stored');
  assert.deepEqual(
    notes.filter((n) => /has no layer/.test(n)),
    [],
    notes.join('\n'),
  );
});
