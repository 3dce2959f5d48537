/**
 * Can any function of the input meet the quality bar on every seed's split? (issue 13 goal b.) For each split
 * seed of the quality test's datasets this writes the engine-preprocessed matrix (the defaults: 50 PCA
 * components; `--pca 0` adds the z-scored genes without PCA) and the split, computes the bar as the test does
 * (max(input kNN-5 − 0.02, PCA-3D kNN-5 + 0.05)), and has bench/peers/classifier_ceiling.py fit a battery of
 * scikit-learn classifiers on the training rows (kNN k 1–30, logistic regression, linear and RBF SVMs, random
 * forest, gradient boosting, an MLP, over hyper-parameter grids). Each classifier is scored on the hold-out;
 * "oracle" is the best of the whole battery chosen on the hold-out itself — optimistic by construction, so a
 * split where even the oracle stays below the bar is one no 3-D map can be expected to pass (a map's kNN-5 is
 * one more classifier of the same input). Prints one JSON line per (dataset, preprocessing, split seed). Not
 * part of `npm run bench`; needs the peers' Python (bench/.venv or `PYTHON`).
 *
 * `npx tsx bench/classifier-ceiling.ts --datasets pbmc68k_reduced_lognorm --seeds 0,1,2,3,4,5,6,7 --pca 50,0`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/backend/index.js';
import { venvPython } from './lib/python.js';
import { BAR_EPSILON } from './lib/quality-bar.js';
import { prepareQualitySplits } from './lib/quality-splits.js';

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'pbmc68k_reduced_lognorm,tissue_gene_expression' },
    seeds: { type: 'string', default: '0,1,2,3,4,5,6,7' },
    pca: { type: 'string', default: '50' },
  },
});
const list = (s: string): string[] => s.split(',').filter(Boolean);
await initBackend();
const dir = mkdtempSync(join(tmpdir(), 'classifier-ceiling-'));
const preparations = list(values.pca)
  .map(Number)
  .map((pcaComponents) => ({ name: `pca${pcaComponents}`, options: { pcaComponents } }));
const prepared = await prepareQualitySplits(
  dir,
  list(values.datasets),
  list(values.seeds).map(Number),
  preparations,
);
const lines = prepared.map((p) => ({
  prefix: p.prefix,
  line: {
    dataset: p.dataset,
    pcaComponents: p.preparation.options.pcaComponents,
    seed: p.seed,
    holdout: p.holdout,
    input: r3(p.input),
    pca3d: r3(p.pca3d),
    bar: r3(p.bar),
  },
}));
const python = process.env.PYTHON ?? venvPython();
execFileSync(python, ['bench/peers/classifier_ceiling.py', ...lines.map((l) => l.prefix)], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PYTHONWARNINGS: 'ignore' },
});
for (const { prefix, line } of lines) {
  const scores = JSON.parse(await readFile(`${prefix}.ceiling.json`, 'utf8')) as Record<string, number>;
  const best = Object.entries(scores).reduce((a, b) => (b[1] > a[1] ? b : a));
  const bar = line.bar as number;
  const passing = Object.keys(scores).filter((k) => scores[k] >= bar - BAR_EPSILON);
  console.log(
    JSON.stringify({
      ...line,
      oracle: r3(best[1]),
      oracleClassifier: best[0],
      passing: `${passing.length}/${Object.keys(scores).length}`,
      scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, r3(v)])),
      load: r3(loadavg()[0]),
    }),
  );
}
