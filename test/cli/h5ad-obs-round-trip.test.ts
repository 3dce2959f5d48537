/**
 * `train x.h5ad --out r.h5ad` gives back the input's obs and var as the input stored them (a user trial found
 * int64 and bool columns turned into categories of strings and var's gene_ids dropped; another, integer
 * categories turned into strings). Compared through an independent h5wasm decoding of both files (always)
 * and with anndata/pandas dtypes, categories' dtype included (when TRIPLETLENS_PYTHON is set).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Dataset, Group } from 'h5wasm/node';
import { loadH5wasm } from '../../src/engine/h5ad/h5wasm-module.js';
import { packageRoot } from '../../src/util/paths.js';
import { ANNDATA_SKIP_REASON, CHECK_PYTHON } from '../engine/h5ad/anndata-check.js';
import { runCli, tempDir } from './helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
/** numeric-categories.h5ad: categoricals of int64, int32 and float64 categories (written back as such). */
/** hvg-raw.h5ad: scanpy's tutorial layout (X the highly variable genes, raw all), nullable Int32/Int64/string obs. */
const INPUTS = ['csr.h5ad', 'old-encoding.h5ad', 'numeric-categories.h5ad', 'hvg-raw.h5ad'];

/**
 * Columns h5wasm cannot write back as stored: numpy bools and the masks of pandas' nullable arrays are HDF5
 * enum datatypes, which h5wasm 0.10 does not create. Their values still round-trip (checked below).
 */
const ENUM_COLUMNS = new Set([
  ...['is_doublet', 'qc_pass', 'batch_int', 'note'],
  ...['batch_i32', 'n_cells_seen', 'highly_variable'],
]);

/** One dataframe column as pandas would see it: its kind (dtype or 'categorical'), categories and values. */
interface Decoded {
  kind: string;
  categories?: string[];
  values: string[];
}

function attr(node: Group | Dataset, name: string): unknown {
  return name in node.attrs ? node.attrs[name].json_value : undefined;
}

const text = (v: unknown) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));

function decodeColumn(frame: Group, name: string): Decoded {
  const node = frame.get(name) as Group | Dataset;
  const encoding = attr(node, 'encoding-type');
  const oldCategories = frame.keys().includes('__categories')
    ? ((frame.get('__categories') as Group).get(name) as Dataset | null)
    : null;
  if (encoding === 'categorical' || oldCategories) {
    const categories = ((oldCategories ?? (node as Group).get('categories')) as Dataset)
      .json_value as string[];
    const codes = ((oldCategories ? node : (node as Group).get('codes')) as Dataset).json_value as number[];
    return { kind: 'categorical', categories, values: codes.map((c) => (c < 0 ? '' : categories[c])) };
  }
  if (node.type === 'Group') {
    const values = ((node as Group).get('values') as Dataset).json_value as unknown[];
    const mask = ((node as Group).get('mask') as Dataset).json_value as unknown[];
    return { kind: String(encoding), values: values.map((v, i) => (mask[i] ? '' : text(v))) };
  }
  const dataset = node as Dataset;
  const values = (dataset.json_value as unknown[]).map((v) =>
    typeof v === 'number' && Number.isNaN(v) ? '' : text(v),
  );
  return { kind: JSON.stringify(dataset.metadata.type) + JSON.stringify(dataset.dtype), values };
}

/** obs and var of an h5ad, each column decoded, in column order. */
async function frames(path: string): Promise<Record<'obs' | 'var', Record<string, Decoded>>> {
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(path, 'r');
  try {
    const read = (name: string) => {
      const frame = file.get(name) as Group;
      const order = attr(frame, 'column-order');
      const names = Array.isArray(order) ? (order as string[]) : typeof order === 'string' ? [order] : [];
      return Object.fromEntries(names.map((n) => [n, decodeColumn(frame, n)]));
    };
    return { obs: read('obs'), var: read('var') };
  } finally {
    file.close();
  }
}

let dir = '';
let cleanup = async () => {};
const results = new Map<string, string>();
before(async () => {
  ({ dir, cleanup } = await tempDir());
  for (const input of INPUTS) {
    const out = join(dir, input.replace('.h5ad', '-result.h5ad'));
    const r = await runCli([
      'train',
      join(FORMATS, input),
      '--label',
      'cell_type',
      '--epochs',
      '2',
      '--out',
      out,
      '--quiet',
    ]);
    assert.equal(r.code, 0, r.stderr);
    results.set(input, out);
  }
});
after(() => cleanup());

for (const input of INPUTS) {
  test(`train ${input} --out r.h5ad: obs columns keep their dtype, category order and values`, async () => {
    const given = await frames(join(FORMATS, input));
    const back = await frames(results.get(input) ?? '');
    const names = Object.keys(given.obs);
    assert.ok(names.length >= 3);
    assert.deepEqual(Object.keys(back.obs).slice(0, names.length), names, 'same columns, same order');
    for (const name of names) {
      assert.deepEqual(back.obs[name].values, given.obs[name].values, `${name}: values`);
      if (ENUM_COLUMNS.has(name)) continue;
      assert.equal(back.obs[name].kind, given.obs[name].kind, `${name}: stored type`);
      assert.deepEqual(back.obs[name].categories, given.obs[name].categories, `${name}: categories`);
    }
  });
}

test('train csr.h5ad --out r.h5ad: var keeps the genes annotation columns (gene_ids) for the genes used', async () => {
  const given = await frames(join(FORMATS, 'csr.h5ad'));
  const back = await frames(results.get('csr.h5ad') ?? '');
  assert.deepEqual(Object.keys(back.var), Object.keys(given.var));
  assert.ok('gene_ids' in back.var);
  assert.equal(back.var.gene_ids.kind, given.var.gene_ids.kind);
  // every gene used was kept here (30 genes, the default top-genes is larger), so the column is identical
  assert.deepEqual(back.var.gene_ids.values, given.var.gene_ids.values);
});

const PANDAS_DTYPES = `
import sys, json, anndata as ad
a, b = ad.read_h5ad(sys.argv[1]), ad.read_h5ad(sys.argv[2])
out = {}
for frame in ('obs', 'var'):
    x, y = getattr(a, frame), getattr(b, frame)
    out[frame] = {c: [str(x[c].dtype), str(y[c].dtype) if c in y else None,
                      x[c].astype(str).tolist() == y[c].astype(str).tolist() if c in y else False,
                      list(map(str, x[c].cat.categories)) == list(map(str, y[c].cat.categories))
                      and x[c].cat.categories.dtype == y[c].cat.categories.dtype
                      if str(x[c].dtype) == 'category' and str(y[c].dtype) == 'category' else None,
                      x[c].isna().tolist() == y[c].isna().tolist() if c in y else False]
                  for c in x.columns}
print(json.dumps(out))
`;

test('anndata reads the result with the input obs/var dtypes', { skip: ANNDATA_SKIP_REASON }, () => {
  for (const input of INPUTS) {
    const run = spawnSync(
      CHECK_PYTHON ?? '',
      ['-c', PANDAS_DTYPES, join(FORMATS, input), results.get(input) ?? ''],
      {
        encoding: 'utf8',
        env: { ...process.env, PYTHONWARNINGS: 'ignore' },
      },
    );
    assert.equal(run.status, 0, run.stderr);
    const found = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<
      string,
      Record<string, [string, string | null, boolean, boolean | null, boolean]>
    >;
    for (const frame of ['obs', 'var']) {
      for (const [name, [was, is, sameValues, sameCategories, sameMissing]] of Object.entries(found[frame])) {
        // missing values stay missing, in every column (a nullable string's gaps were read back as '')
        assert.ok(sameMissing, `${input} ${frame}.${name}: missing values`);
        // their values are compared through h5wasm above (pandas prints 3 for Int64, 3.0 for float64)
        if (ENUM_COLUMNS.has(name)) continue;
        assert.ok(sameValues, `${input} ${frame}.${name}: values`);
        assert.equal(is, was, `${input} ${frame}.${name}: dtype`);
        assert.notEqual(sameCategories, false, `${input} ${frame}.${name}: categories`);
      }
    }
  }
});

test('train --label intcat (int64 categories): the predicted labels share its categories and their dtype', async () => {
  const out = join(dir, 'intcat-result.h5ad');
  const input = join(FORMATS, 'numeric-categories.h5ad');
  const r = await runCli(['train', input, '--label', 'intcat', '--epochs', '2', '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(out, 'r');
  try {
    const categories = (column: string) => file.get(`obs/${column}/categories`) as Dataset;
    const label = categories('intcat');
    const predicted = categories('tripletlens_predicted');
    assert.deepEqual(predicted.dtype, label.dtype, 'the same numeric dtype');
    assert.deepEqual(predicted.json_value, label.json_value, 'the same categories, in the same order');
    const codes = (file.get('obs/tripletlens_predicted/codes') as Dataset).json_value as number[];
    assert.ok(
      codes.some((c) => c >= 0),
      'some cells carry a prediction',
    );
  } finally {
    file.close();
  }
});
