/**
 * A walkthrough: loom col_attrs stored as uint8 (loompy's booleans), uint16, int32…, and h5ad obs integer
 * columns other than int64 (and integer categories of another width) came out of `train --out r.h5ad` as
 * int64, where anndata (read_h5ad, read_loom) keeps the stored dtype. Input file → import → result h5ad →
 * read back with h5wasm (and with anndata when TRIPLETLENS_PYTHON is set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, Group } from 'h5wasm/node';
import { importTable } from '../../../src/data/index.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { type H5adResult, writeResultH5ad } from '../../../src/engine/h5ad/write-result-h5ad.js';
import type { ExpressionTable } from '../../../src/data/types.js';
import { writeTinyH5ad, writeTinyLoom } from '../../data/formats/tiny-hdf5.js';
import { ANNDATA_SKIP_REASON, CHECK_PYTHON } from './anndata-check.js';

const CELLS = ['c1', 'c2', 'c3', 'c4'];

/** The loom's typed col_attrs, each with the typed array anndata's read_loom keeps (by constructor name). */
const LOOM_ATTRS: [string, ArrayLike<number | bigint>, string][] = [
  ['passed', Uint8Array.of(1, 0, 1, 1), 'Uint8Array'],
  ['n_umi', Uint16Array.of(300, 40000, 7, 0), 'Uint16Array'],
  ['ClusterID', Int32Array.of(0, 2, 2, 1), 'Int32Array'],
  ['delta', Int8Array.of(-3, 0, 5, -128), 'Int8Array'],
  ['big', BigUint64Array.of(2n ** 63n + 1n, 0n, 1n, 2n), 'BigUint64Array'],
  ['plain', BigInt64Array.of(-1n, 0n, 1n, 2n), 'BigInt64Array'],
];

function resultOf(table: ExpressionTable): H5adResult {
  return {
    source: '/nonexistent/input.loom',
    obsNames: table.ids,
    obs: table.metadata.map(({ name, values, stored }) => ({ name, values, ...(stored ? { stored } : {}) })),
    varNames: table.genes,
    X: {
      rows: table.ids.length,
      cols: table.genes.length,
      data: new Float32Array(table.ids.length * table.genes.length),
    },
    embedding: { rows: table.ids.length, cols: 2, data: new Float32Array(2 * table.ids.length) },
    report: { tool: { name: 'tripletlens' } },
    categoryColors: {},
  };
}

/** The typed array class each of `paths` holds in the h5ad at `file`. */
async function typesIn(file: string, paths: string[]): Promise<Record<string, string>> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'r');
  try {
    return Object.fromEntries(
      paths.map((p) => [p, ((f.get(p) as Dataset).value as object).constructor.name]),
    );
  } finally {
    f.close();
  }
}

/** anndata's dtypes of the obs columns (a categorical: its categories' dtype, as `cat:<dtype>`). */
function anndataDtypes(file: string): Record<string, string> {
  const script = [
    'import sys, json, anndata',
    'a = anndata.read_h5ad(sys.argv[1])',
    'print(json.dumps({c: ("cat:" + str(s.cat.categories.dtype)) if str(s.dtype) == "category" else str(s.dtype) for c, s in a.obs.items()}))',
  ].join('\n');
  const run = spawnSync(CHECK_PYTHON as string, ['-c', script, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string>;
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-dtypes-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function loomResult(dir: string): Promise<string> {
  const input = join(dir, 'typed.loom');
  await writeTinyLoom(input, CELLS);
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(input, 'a');
  try {
    const cols = f.get('col_attrs') as Group;
    for (const [name, data] of LOOM_ATTRS) cols.create_dataset({ name, data: data as Uint8Array });
  } finally {
    f.close();
  }
  const out = join(dir, 'r.h5ad');
  await writeResultH5ad(out, resultOf(await importTable(input)));
  return out;
}

async function h5adResult(dir: string): Promise<string> {
  const input = join(dir, 'typed.h5ad');
  await writeTinyH5ad(input, CELLS);
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(input, 'a');
  try {
    const obs = f.get('obs') as Group;
    const array = (name: string, data: Int32Array | Uint8Array | Uint32Array) => {
      const d = obs.create_dataset({ name, data });
      d.create_attribute('encoding-type', 'array');
      d.create_attribute('encoding-version', '0.2.0');
    };
    array('n_genes', Int32Array.of(10, 20, 30, -1));
    array('doublet', Uint8Array.of(0, 1, 0, 0));
    array('n_counts', Uint32Array.of(4000000000, 1, 2, 3));
    const leiden = obs.create_group('leiden');
    leiden.create_attribute('encoding-type', 'categorical');
    leiden.create_attribute('encoding-version', '0.2.0');
    leiden.create_attribute('ordered', new Int8Array([0]), [], '<b');
    leiden.create_dataset({ name: 'codes', data: Int8Array.of(0, 1, 1, -1) });
    leiden.create_dataset({ name: 'categories', data: Int16Array.of(7, 300) });
    obs.delete_attribute('column-order');
    obs.create_attribute('column-order', ['n_genes', 'doublet', 'n_counts', 'leiden']);
  } finally {
    f.close();
  }
  const out = join(dir, 'r.h5ad');
  await writeResultH5ad(out, resultOf(await importTable(input)));
  return out;
}

test('loom col_attrs of every integer dtype are written to the result h5ad in that dtype', async () => {
  await withDir(async (dir) => {
    const out = await loomResult(dir);
    const types = await typesIn(
      out,
      LOOM_ATTRS.map(([name]) => `obs/${name}`),
    );
    assert.deepEqual(types, Object.fromEntries(LOOM_ATTRS.map(([name, , type]) => [`obs/${name}`, type])));
  });
});

test('h5ad obs integer columns and integer categories keep their dtype in the result h5ad', async () => {
  await withDir(async (dir) => {
    const out = await h5adResult(dir);
    assert.deepEqual(
      await typesIn(out, ['obs/n_genes', 'obs/doublet', 'obs/n_counts', 'obs/leiden/categories']),
      {
        'obs/n_genes': 'Int32Array',
        'obs/doublet': 'Uint8Array',
        'obs/n_counts': 'Uint32Array',
        'obs/leiden/categories': 'Int16Array',
      },
    );
  });
});

test('anndata reads the result with the input dtypes', { skip: ANNDATA_SKIP_REASON }, async () => {
  await withDir(async (dir) => {
    const loom = anndataDtypes(await loomResult(dir));
    assert.deepEqual(Object.fromEntries(LOOM_ATTRS.map(([name]) => [name, loom[name]])), {
      passed: 'uint8',
      n_umi: 'uint16',
      ClusterID: 'int32',
      delta: 'int8',
      big: 'uint64',
      plain: 'int64',
    });
    await rm(join(dir, 'r.h5ad'));
    const h5ad = anndataDtypes(await h5adResult(dir));
    assert.deepEqual(h5ad, { n_genes: 'int32', doublet: 'uint8', n_counts: 'uint32', leiden: 'cat:int16' });
  });
});
