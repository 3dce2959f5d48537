/**
 * Where the map and its class evidence part ways on unseen cells (issue 13 goal b). The map's held-out kNN-5
 * follows the class-evidence step's classifier closely, and on pbmc68k's split 2 that classifier scores the
 * quality bar exactly; this shows which held-out cells a map loses or wins against it. For one split seed it
 * trains the map with several training seeds (s + 1000·j, as bench/seed-grid.ts does; j = 0 is the quality
 * test's own run), writes each map's coordinates beside the split's z-scored kept genes (bench/lib/quality-splits.ts)
 * and has bench/peers/map_vs_evidence.py refit the classifier (logistic regression, C 0.01) and compare: the cells
 * each gets right, where they differ and who is right there, the classifier's margin on those cells, and whether a
 * cell the map lost went to the classifier's second choice or to a class it ranked lower; and, without a map, the
 * same kNN-5 vote in the classifier's centred logits and in its log-probabilities. Not part of
 * `npm run bench`; needs the peers' Python (bench/.venv or `PYTHON`).
 *
 * `npx tsx bench/map-vs-evidence.ts [--dataset pbmc68k_reduced_lognorm] [--split 2] [--runs 8] [--settings '{…}']`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/backend/index.js';
import type { TrainSettings } from '../src/engine/index.js';
import { runTraining } from '../src/engine/run-training.js';
import { comparisonTable } from './lib/datasets.js';
import { markdownTable } from './lib/markdown.js';
import { readPrepared, writeF32 } from './lib/prepared.js';
import { venvPython } from './lib/python.js';
import { prepareQualitySplits } from './lib/quality-splits.js';
import { trainingSeed } from './lib/seed-grid-summary.js';

/** What bench/peers/map_vs_evidence.py reports of one map. */
interface MapComparison {
  mapCorrect: number;
  classifierCorrect: number;
  holdout: number;
  agree: number;
  mapRightClassifierWrong: number;
  classifierRightMapWrong: number;
  lostToSecondChoice: number;
  lostToLowerChoice: number;
  medianGapWhereTheyDiffer: number | null;
  medianGapWhereTheyAgree: number | null;
}

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'pbmc68k_reduced_lognorm' },
    split: { type: 'string', default: '2' },
    runs: { type: 'string', default: '8' },
    settings: { type: 'string', default: '{}' },
  },
});
const split = Number(values.split);
const settings = JSON.parse(values.settings) as Partial<TrainSettings>;
await initBackend();
const dir = mkdtempSync(join(tmpdir(), 'map-vs-evidence-'));
const [genes] = await prepareQualitySplits(
  dir,
  [values.dataset],
  [split],
  [{ name: 'genes', options: { pcaComponents: 0 } }],
);
const { meta } = await readPrepared(genes.prefix);
const table = await comparisonTable(values.dataset);
const files: string[] = [];
const engineKnn: number[] = [];
for (let run = 0; run < Number(values.runs); run++) {
  const result = await runTraining(table, {
    labelColumn: 'label',
    dims: 3,
    ...settings,
    seed: trainingSeed(split, run),
    splitSeed: split,
  });
  result.encoder.dispose();
  const heldOut = result.split.flatMap((s, row) => (s === 'holdout' ? [row] : []));
  if (heldOut.join() !== meta.holdout.join())
    throw new Error(
      `map-vs-evidence: run ${run} held out other cells than the quality test's split ${split}`,
    );
  const file = `${genes.prefix}-map${run}.f32`;
  await writeF32(file, result.coords.data);
  files.push(file);
  engineKnn.push(result.metrics.knn_holdout ?? NaN);
}
execFileSync(process.env.PYTHON ?? venvPython(), ['bench/peers/map_vs_evidence.py', genes.prefix, ...files], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, PYTHONWARNINGS: 'ignore' },
});
const found = JSON.parse(await readFile(`${genes.prefix}.comparison.json`, 'utf8')) as {
  maps: MapComparison[];
  lossPairs: Record<string, number>;
  evidenceKnn: { centredLogits: number; logProbabilities: number };
};

// the Python kNN-5 re-implements the engine's tie rule; a map it scores differently would make the rows wrong
found.maps.forEach((m, run) => {
  if (m.mapCorrect !== Math.round(engineKnn[run] * m.holdout))
    throw new Error(
      `map-vs-evidence: run ${run}: ${m.mapCorrect} of ${m.holdout} right by map_vs_evidence.py, ` +
        `the engine's held-out kNN-5 is ${engineKnn[run]}`,
    );
});
const gap = (v: number | null): string => (v === null ? '—' : v.toFixed(2));
console.log(
  `\n${values.dataset}, split ${split}: the quality bar ${genes.bar.toFixed(3)} ` +
    `(${Math.ceil(genes.bar * genes.holdout - 1e-9)} of ${genes.holdout} held-out cells needed)\n`,
);
console.log(
  markdownTable(
    [
      'training seed',
      'map right (engine kNN-5)',
      'classifier right',
      'agree',
      'map right, classifier wrong',
      'classifier right, map wrong (2nd choice / lower)',
      'classifier margin where they differ / agree',
    ],
    found.maps.map((m, run) => [
      String(trainingSeed(split, run)),
      `${m.mapCorrect} (${engineKnn[run].toFixed(3)})`,
      String(m.classifierCorrect),
      `${m.agree} of ${m.holdout}`,
      String(m.mapRightClassifierWrong),
      `${m.classifierRightMapWrong} (${m.lostToSecondChoice} / ${m.lostToLowerChoice})`,
      `${gap(m.medianGapWhereTheyDiffer)} / ${gap(m.medianGapWhereTheyAgree)}`,
    ]),
  ),
);
console.log('\nCells the map lost to the classifier, over all maps (true class → the map’s call):');
const pairs = Object.entries(found.lossPairs);
if (pairs.length === 0) console.log('  none');
for (const [pair, count] of pairs) console.log(`  ${count}  ${pair}`);
const { centredLogits, logProbabilities } = found.evidenceKnn;
console.log(
  `\nThe same kNN-5 vote without a map, in the classifier's outputs: ${centredLogits} of ${genes.holdout} over ` +
    `its centred logits, ${logProbabilities} over its log-probabilities.`,
);
