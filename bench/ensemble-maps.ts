/**
 * Issue 13 goal (b): does averaging several encoders' maps of one split meet the quality bar where one map does
 * not? Each split (`splitSeed` s, as bench/seed-grid.ts) is trained `--runs` N times with training seeds
 * s + 1000·j; for each K of `--ks`, each of the N cyclic windows of K runs (bench/lib/ensemble-windows.ts) is
 * averaged — every map aligned onto the window's first by orthogonal Procrustes with scale, fitted on the
 * training cells only (bench/lib/procrustes-align.ts), the aligned coordinates of every cell averaged — and the
 * average's held-out kNN-5 (the engine's metric and tie rule) is judged by the window's first run's bar
 * (bench/lib/quality-bar.ts). K = 1 is the seed grid. Raw lines go to bench/results/ensemble-maps.jsonl under
 * `--tag`; `--report TAG` prints a tag's table again. Not part of `npm run bench`.
 *
 * `npx tsx bench/ensemble-maps.ts --tag T [--dataset pbmc68k_reduced_lognorm] [--splits 2,3,6] [--runs 8]
 *  [--ks 1,3,5] [--no-scale] [--per-class N] [--settings '{…TrainSettings}']` — `--per-class N` trains bench/tiny.ts's
 *  subsample of N cells a class (a tiny table, where the engine picks its small regime).
 */
import { appendFile, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DenseMatrix } from '../src/api/matrix.js';
import type { ExpressionTable } from '../src/data/types.js';
import { selectRows } from '../src/data/select-rows.js';
import { holdoutArgs } from '../src/engine/metrics.js';
import { runTraining } from '../src/engine/run-training.js';
import type { TrainSettings } from '../src/engine/types.js';
import { knnAccuracy, knnPredict } from '../src/evaluate/knn.js';
import { procrustesDisparity } from '../src/evaluate/procrustes.js';
import { comparisonTable } from './lib/datasets.js';
import {
  ensembleTable,
  ensembleWindows,
  summariseEnsembles,
  type EnsembleLine,
} from './lib/ensemble-windows.js';
import { concatenateMaps, majorityLabels } from './lib/ensemble-votes.js';
import { machineInfo } from './lib/machine.js';
import { averageAligned } from './lib/procrustes-align.js';
import { resultsDir } from './lib/results.js';
import { trainingSeed } from './lib/seed-grid-summary.js';
import { subsampleTable } from './tiny.js';

const { values } = parseArgs({
  options: {
    tag: { type: 'string' },
    dataset: { type: 'string', default: 'pbmc68k_reduced_lognorm' },
    splits: { type: 'string', default: '2,3,6' },
    runs: { type: 'string', default: '8' },
    ks: { type: 'string', default: '1,3,5' },
    'no-scale': { type: 'boolean', default: false },
    'per-class': { type: 'string' },
    settings: { type: 'string', default: '{}' },
    report: { type: 'string' },
  },
});
const RESULTS = join(resultsDir(), 'ensemble-maps.jsonl');
const numbers = (s: string): number[] => s.split(',').filter(Boolean).map(Number);
// three places, as bench/seed-grid.ts: every held-out count here is under 1 000 cells
const r3 = (v: number | null): number => (v === null ? NaN : Math.round(v * 1000) / 1000);

type Line = EnsembleLine & {
  tag: string;
  dataset: string;
  /** The window's runs (j of training seed split + 1000·j); the first is the reference. */
  window: number[];
  /** Each member's own held-out kNN-5. */
  members: number[];
  /** Yardsticks that are no 3-D map (bench/lib/ensemble-votes.ts): the members' majority kNN-5 call… */
  vote: number;
  /** …and kNN-5 in the members' normalised maps side by side. */
  concat: number;
  scale: boolean;
  settings: Partial<TrainSettings>;
  /** The largest Procrustes disparity (scipy's, 0–1) of a member's training-cell map against the reference's. */
  disparity: number;
  alignCpuMs: number;
  load: number;
  commit: string | null;
  date: string;
};

/** One training run of a split: its map and what judges it. */
interface Member {
  coords: DenseMatrix;
  input: DenseMatrix;
  labels: string[];
  train: number[];
  holdout: number[];
  knnInput: number;
  knnPca: number;
  cpuS: number;
}

async function printReport(tag: string): Promise<void> {
  const lines = (await readFile(RESULTS, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line)
    .filter((l) => l.tag === tag);
  for (const dataset of [...new Set(lines.map((l) => l.dataset))]) {
    const of = lines.filter((l) => l.dataset === dataset);
    console.log(`\n${dataset}, tag ${tag}, the averaged map:\n`);
    console.log(ensembleTable(summariseEnsembles(of)));
    // the yardsticks judged by the same bar (K = 1: the map itself)
    console.log(`\nThe members' majority call (no map):\n`);
    console.log(ensembleTable(summariseEnsembles(of.map((l) => ({ ...l, knn: l.vote })))));
    console.log(`\nkNN-5 in the members' maps side by side (3·K columns, no map):\n`);
    console.log(ensembleTable(summariseEnsembles(of.map((l) => ({ ...l, knn: l.concat })))));
  }
}

async function trainMember(
  table: ExpressionTable,
  split: number,
  run: number,
  extra: Partial<TrainSettings>,
): Promise<Member> {
  const cpuStart = process.cpuUsage();
  const result = await runTraining(table, {
    labelColumn: 'label',
    dims: 3,
    ...extra,
    seed: trainingSeed(split, run),
    splitSeed: split,
  });
  result.encoder.dispose();
  const cpu = process.cpuUsage(cpuStart);
  const rowsOf = (name: string) => result.split.flatMap((s, r) => (s === name ? [r] : []));
  return {
    coords: result.coords,
    input: result.input,
    labels: result.labels,
    train: rowsOf('train'),
    holdout: rowsOf('holdout'),
    knnInput: r3(result.metrics.knn_holdout_input),
    knnPca: r3(result.metrics.knn_holdout_pca),
    cpuS: (cpu.user + cpu.system) / 1e6,
  };
}

/** The engine's kNN-5 arguments for the held-out cells of `m` in `coords` (the same cells and labels). */
function knnArgs(coords: DenseMatrix, m: Member): Parameters<typeof knnAccuracy> {
  const args = holdoutArgs(coords, { ...m, coords, seed: 0 });
  if (!args) throw new Error('ensemble-maps: a split without training or held-out cells');
  return args;
}

/** The engine's held-out kNN-5 of `coords`. */
const holdoutKnn = (coords: DenseMatrix, m: Member): number => knnAccuracy(...knnArgs(coords, m));

/** The share of `m`'s held-out cells whose label the members' majority kNN-5 call names. */
function voteAccuracy(maps: readonly Member[], m: Member): number {
  const calls = maps.map((member) => {
    const [trainX, trainLabels, testX] = knnArgs(member.coords, m);
    return knnPredict(trainX, trainLabels, testX).labels;
  });
  const majority = majorityLabels(calls);
  return majority.filter((label, i) => label === m.labels[m.holdout[i]]).length / m.holdout.length;
}

if (values.report !== undefined) {
  await printReport(values.report);
} else {
  if (!values.tag)
    throw new Error('ensemble-maps: --tag NAME labels the raw lines (or --report TAG to print one)');
  const extra = JSON.parse(values.settings) as Partial<TrainSettings>;
  const ks = numbers(values.ks);
  const runs = Number(values.runs);
  const scale = !values['no-scale'];
  const { gitCommit, date } = machineInfo();
  const whole = await comparisonTable(values.dataset);
  // a tiny table as bench/tiny.ts makes one: that many cells of every class, the same draw each time
  const perClass = values['per-class'] === undefined ? undefined : Number(values['per-class']);
  const table = perClass === undefined ? whole : subsampleTable(whole, 'label', perClass);
  const dataset = perClass === undefined ? values.dataset : `${values.dataset}, ${perClass} per class`;
  for (const split of numbers(values.splits)) {
    const members: Member[] = [];
    for (let run = 0; run < runs; run++) members.push(await trainMember(table, split, run, extra));
    for (const k of ks) {
      for (const window of ensembleWindows(runs, k)) {
        const maps = window.map((j) => members[j]);
        const reference = maps[0];
        const alignStart = process.cpuUsage();
        const mean = averageAligned(
          maps.map((m) => m.coords),
          reference.train,
          { scale },
        );
        const align = process.cpuUsage(alignStart);
        const trainMaps = maps.map((m) => selectRows(m.coords, reference.train));
        const disparities = trainMaps.slice(1).map((m) => procrustesDisparity(trainMaps[0], m));
        const line: Line = {
          tag: values.tag,
          dataset,
          split,
          k,
          window,
          scale,
          settings: extra,
          knn: r3(holdoutKnn(mean, reference)),
          members: maps.map((m) => r3(holdoutKnn(m.coords, m))),
          vote: r3(voteAccuracy(maps, reference)),
          concat: r3(
            holdoutKnn(
              concatenateMaps(
                maps.map((m) => m.coords),
                reference.train,
              ),
              reference,
            ),
          ),
          input: reference.knnInput,
          pca: reference.knnPca,
          // how far the members' training-cell maps are from a rotation of the reference's (0: only a rotation)
          disparity: disparities.length ? r3(Math.max(...disparities)) : 0,
          cpuS: Math.round(maps.reduce((s, m) => s + m.cpuS, 0) * 10) / 10,
          alignCpuMs: Math.round((align.user + align.system) / 100) / 10,
          load: Math.round(loadavg()[0] * 10) / 10,
          commit: gitCommit,
          date,
        };
        await appendFile(RESULTS, `${JSON.stringify(line)}\n`);
        console.log(JSON.stringify(line));
      }
    }
  }
  await printReport(values.tag);
}
