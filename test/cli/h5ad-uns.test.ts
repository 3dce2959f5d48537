/**
 * A scanpy user's uns through `train --out x.h5ad` and `embed --out x.h5ad`: the result kept obsp (the
 * neighbour graph) but lost uns['neighbors'], which names it for sc.tl.umap and sc.tl.leiden, the category
 * colours, pca, rank_genes_groups… Read back through h5wasm (always: the anndata-written fixture uns.h5ad)
 * and, when TRIPLETLENS_PYTHON is set, from an input scanpy itself wrote, opened with anndata and used by
 * scanpy (scanpy_uns.py).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Hdf5File } from '../../src/data/formats/h5-file.js';
import { readUns, type UnsEntry } from '../../src/data/formats/h5ad-uns.js';
import { packageRoot } from '../../src/util/paths.js';
import { ANNDATA_SKIP_REASON, CHECK_PYTHON } from '../engine/h5ad/anndata-check.js';
import { runCli, tempDir } from './helpers.js';

const UNS_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'uns.h5ad');
const SCRIPT = join(packageRoot(), 'test', 'cli', 'scanpy_uns.py');

let dir = '';
let cleanup = async () => {};
before(async () => {
  ({ dir, cleanup } = await tempDir());
});
after(() => cleanup());

/** uns of `path` by name, as the copy reads it. */
async function unsOf(path: string): Promise<Map<string, UnsEntry>> {
  const h5 = await Hdf5File.open(path);
  try {
    return new Map(readUns(h5, []).map((e) => [e.name, e]));
  } finally {
    await h5.close();
  }
}

/** `train` on `input` (its genes, or `--input obsm:X_pca`) writing `out`; returns the run's warnings. */
async function train(input: string, out: string, extra: string[] = []): Promise<string[]> {
  const r = await runCli([
    ...['train', input, '--label', 'cell_type', '--epochs', '1', '--dims', '2', '--top-genes', '10'],
    ...extra,
    ...['--out', out, '--json', '--quiet'],
  ]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { warnings: string[] }).warnings;
}

const SCANPY_ENTRIES = ['neighbors', 'cell_type_colors', 'pca', 'log1p', 'umap', 'rank_genes_groups'];

test("train and embed --out x.h5ad keep the input's uns: neighbors, colours, pca, rank_genes_groups", async () => {
  const given = await unsOf(UNS_H5AD);
  const model = join(dir, 'model');
  const outs = {
    genes: join(dir, 'genes.h5ad'),
    embedding: join(dir, 'embedding.h5ad'),
    embedded: join(dir, 'embedded.h5ad'),
  };
  const warnings = [
    ...(await train(UNS_H5AD, outs.genes, ['--model', model])),
    ...(await train(UNS_H5AD, outs.embedding, ['--input', 'obsm:X_pca'])),
  ];
  const r = await runCli(['embed', UNS_H5AD, '--model', model, '--out', outs.embedded, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  for (const [what, out] of Object.entries(outs)) {
    const found = await unsOf(out);
    for (const name of SCANPY_ENTRIES) assert.deepEqual(found.get(name), given.get(name), `${what}: ${name}`);
    assert.deepEqual({ ...found.get('tripletlens.1'), name: 'tripletlens' }, given.get('tripletlens'), what);
  }
  // an uns entry is named "uns 'name'": the input's file name (uns.h5ad) in other notes is no uns note
  const unsNotes = warnings.filter((w) => /\buns '/.test(w));
  // the only uns notes: the earlier report kept aside (a record array of non-ASCII text is copied too)
  assert.equal(unsNotes.length, 2, unsNotes.join('\n'));
  assert.equal(unsNotes.filter((w) => /kept as uns 'tripletlens\.1'/.test(w)).length, 2);
});

/** Runs scanpy_uns.py with `args`; asserts it succeeded. */
function scanpy(...args: string[]): string {
  assert.ok(CHECK_PYTHON);
  const run = spawnSync(CHECK_PYTHON, [SCRIPT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MPLBACKEND: 'Agg', PYTHONWARNINGS: 'ignore' },
  });
  assert.equal(run.status, 0, `scanpy_uns.py ${args[0]} failed:\n${run.stderr}`);
  return run.stdout;
}

test(
  'an input scanpy wrote: the result opens in anndata with its uns, and sc.tl.umap runs on its neighbours',
  { skip: ANNDATA_SKIP_REASON },
  async () => {
    const input = join(dir, 'scanpy.h5ad');
    scanpy('write', input);
    for (const [name, extra] of [
      ['scanpy-genes.h5ad', []],
      ['scanpy-embedding.h5ad', ['--input', 'obsm:X_pca']],
    ] as const) {
      const out = join(dir, name);
      const warnings = await train(input, out, [...extra]);
      assert.deepEqual(
        warnings.filter((w) => /\buns\b/.test(w)),
        [],
        name,
      );
      const found = JSON.parse(scanpy('check', input, out).trim().split('\n').at(-1) ?? '{}') as {
        uns: string[];
      };
      assert.ok(found.uns.includes('tripletlens'), found.uns.join(', '));
    }
  },
);
