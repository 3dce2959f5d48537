/**
 * `train <Cell Ranger folder or .h5 | loom> --out r.h5ad` writes the genes' annotations into var as the
 * reference readers give them (a user trial found gene_ids / feature_types dropped): decoded through h5wasm
 * (always) and, when TRIPLETLENS_PYTHON is set, compared with scanpy's read_10x_mtx / read_10x_h5 var for
 * the genes used, dtypes included.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Dataset, Group } from 'h5wasm/node';
import { importTable } from '../../src/data/index.js';
import { loadH5wasm } from '../../src/engine/h5ad/h5wasm-module.js';
import { packageRoot } from '../../src/util/paths.js';
import { ANNDATA_SKIP_REASON, CHECK_PYTHON } from '../engine/h5ad/anndata-check.js';
import { runCli, tempDir } from './helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
/** Each input with the var columns (in order) its reference reader gives. */
const INPUTS: Record<string, string[]> = {
  'tenx-v3.h5': ['gene_ids', 'feature_types', 'genome'],
  'tenx-v2.h5': ['gene_ids'],
  tenx_v3: ['gene_ids', 'feature_types'],
  tenx_v2: ['gene_ids'],
  'cells.loom': ['Accession'],
};
/** Fewer genes than the fixtures' 30, so var is a subset of the input's genes. */
const TOP_GENES = 12;

/** var of an h5ad: its index and each column's values (string-array columns only), in column order. */
async function readVar(path: string): Promise<{ index: string[]; columns: Record<string, string[]> }> {
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(path, 'r');
  try {
    const frame = file.get('var') as Group;
    const order = frame.attrs['column-order'].json_value;
    const names = Array.isArray(order) ? (order as string[]) : [];
    const columns: Record<string, string[]> = {};
    for (const name of names) {
      const node = frame.get(name) as Dataset;
      assert.equal(node.attrs['encoding-type'].json_value, 'string-array', `var/${name}`);
      columns[name] = node.json_value as string[];
    }
    return { index: (frame.get('_index') as Dataset).json_value as string[], columns };
  } finally {
    file.close();
  }
}

let dir = '';
let cleanup = async () => {};
const results = new Map<string, string>();
before(async () => {
  ({ dir, cleanup } = await tempDir());
  for (const input of Object.keys(INPUTS)) {
    const out = join(dir, `${input}-result.h5ad`);
    const r = await runCli([
      'train',
      join(FORMATS, input),
      '--label',
      'cell_type',
      '--meta-file',
      join(FORMATS, 'cells_meta.csv'),
      '--top-genes',
      String(TOP_GENES),
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

for (const [input, columns] of Object.entries(INPUTS)) {
  test(`train ${input} --out r.h5ad: var holds ${columns.join(', ')} for the genes used`, async () => {
    // cells.py gives the gene at position g the id ENSG followed by g on 11 digits
    const genes = (await importTable(join(FORMATS, 'cells.csv'))).genes;
    const { index, columns: found } = await readVar(results.get(input) ?? '');
    assert.equal(index.length, TOP_GENES);
    assert.deepEqual(Object.keys(found), columns);
    const ids = found[columns[0]];
    index.forEach((gene, i) => {
      const position = genes.indexOf(gene);
      assert.ok(position >= 0, gene);
      assert.equal(ids[i], `ENSG${String(position).padStart(11, '0')}`, `${gene}'s id`);
    });
    if (found.feature_types) assert.ok(found.feature_types.every((t) => t === 'Gene Expression'));
    if (found.genome) assert.ok(found.genome.every((t) => t === 'GRCh38'));
  });
}

const COMPARE_WITH_SCANPY = `
import sys, json, warnings
warnings.simplefilter('ignore')
import anndata as ad, scanpy as sc
source, result = sys.argv[1], sys.argv[2]
ref = sc.read_10x_h5(source) if source.endswith('.h5') else sc.read_10x_mtx(source)
out = ad.read_h5ad(result)
ref = ref[:, out.var_names]
print(json.dumps({'columns': [list(out.var.columns), list(ref.var.columns)],
                  'dtypes': [list(map(str, out.var.dtypes)), list(map(str, ref.var.dtypes))],
                  'equal': bool(out.var.equals(ref.var))}))
`;

test('anndata reads var as scanpy reads the Cell Ranger input', { skip: ANNDATA_SKIP_REASON }, () => {
  for (const input of Object.keys(INPUTS).filter((i) => i.startsWith('tenx'))) {
    const run = spawnSync(
      CHECK_PYTHON ?? '',
      ['-c', COMPARE_WITH_SCANPY, join(FORMATS, input), results.get(input) ?? ''],
      { encoding: 'utf8', env: { ...process.env, PYTHONWARNINGS: 'ignore' } },
    );
    assert.equal(run.status, 0, run.stderr);
    const found = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      columns: [string[], string[]];
      dtypes: [string[], string[]];
      equal: boolean;
    };
    assert.deepEqual(found.columns[0], found.columns[1], `${input}: columns`);
    assert.deepEqual(found.dtypes[0], found.dtypes[1], `${input}: dtypes`);
    assert.ok(found.equal, `${input}: values`);
  }
});
