// The .h5ad result of a run trained on an h5ad's embedding (src/engine/h5ad/input-genes.ts): a user trained on
// obsm:X_pca and got X = the 50 PCA columns, var = their numbers. X and var are now the input file's own,
// copied as stored (CSR/CSC/dense, dtype kept, in blocks), the embedding goes to obsm under its name, an input
// whose X is None gives a result without X, and an input gone or changed stops the write saying so.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Dataset, Group } from 'h5wasm/node';
import { CoreError } from '../../../src/api/core-error.js';
import { importTable, type ExpressionTable } from '../../../src/data/index.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { writeInputGenes } from '../../../src/engine/h5ad/input-genes.js';
import { type H5adResult, writeH5adFile } from '../../../src/engine/h5ad/write-result-h5ad.js';
import { packageRoot } from '../../../src/util/paths.js';
import { writeTinyH5ad } from '../../data/formats/tiny-hdf5.js';

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
  assert.deepEqual(back.format?.obsm, ['X_pca', 'X_tripletlens']);
  const pca = await importTable(out, { input: 'obsm:X_pca' });
  assert.deepEqual(pca.values, table.values);
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
