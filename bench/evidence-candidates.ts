/**
 * Could a better classifier lift the class-evidence step, and with it the map, over the quality bar on every
 * split? (issue 13 goal b.) The map's held-out kNN-5 follows the step's classifier closely (pbmc68k split 2:
 * the map agrees with it on 91–97 % of held-out cells), so a split where no candidate classifier clears the
 * bar is one the step cannot carry. For each split seed this writes the engine's default input (50 PCs), the
 * z-scored kept genes and the unscaled kept genes (bench/lib/quality-splits.ts), has
 * bench/peers/evidence_candidates.py score the candidates on the hold-out, and prints each candidate's margin
 * over the quality test's bar (computed on the default input, as the test does): its worst split, its mean,
 * and the splits it clears. Raw lines go to bench/results/evidence-candidates.jsonl. Not part of
 * `npm run bench`; needs the peers' Python (bench/.venv or `PYTHON`).
 *
 * `npx tsx bench/evidence-candidates.ts [--datasets pbmc68k_reduced_lognorm] [--seeds 0,1,2,3,4,5,6,7]`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/backend/index.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { machineInfo } from './lib/machine.js';
import { markdownTable } from './lib/markdown.js';
import { venvPython } from './lib/python.js';
import { BAR_EPSILON } from './lib/quality-bar.js';
import { prepareQualitySplits, type PreparedSplit } from './lib/quality-splits.js';
import { resultsDir } from './lib/results.js';

/** The three inputs each split is written in; the first is the quality test's own (its bar). */
const PREPARATIONS = [
  { name: 'pcs', options: {} },
  { name: 'genes', options: { pcaComponents: 0 } },
  { name: 'unscaled', options: { pcaComponents: 0, zscore: false } },
];
const r3 = (v: number): number => Math.round(v * 1000) / 1000;
// rounded first: 115/140 − 0.8214… is −1e-17, a tie, not a miss
const signed = (v: number): string => `${r3(v) >= 0 ? '+' : '−'}${Math.abs(r3(v)).toFixed(3)}`;

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'pbmc68k_reduced_lognorm' },
    seeds: { type: 'string', default: '0,1,2,3,4,5,6,7' },
  },
});
const list = (s: string): string[] => s.split(',').filter(Boolean);
await initBackend();
const dir = mkdtempSync(join(tmpdir(), 'evidence-candidates-'));
const prepared = await prepareQualitySplits(
  dir,
  list(values.datasets),
  list(values.seeds).map(Number),
  PREPARATIONS,
);
// one group of three prefixes per (dataset, seed), in the order prepareQualitySplits wrote them
const groups: PreparedSplit[][] = [];
for (let i = 0; i < prepared.length; i += PREPARATIONS.length)
  groups.push(prepared.slice(i, i + PREPARATIONS.length));
const python = process.env.PYTHON ?? venvPython();
execFileSync(
  python,
  ['bench/peers/evidence_candidates.py', ...groups.map((g) => g.map((p) => p.prefix).join(','))],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PYTHONWARNINGS: 'ignore' },
  },
);

const { gitCommit, date } = machineInfo();
const lines: { dataset: string; seed: number; bar: number; scores: Record<string, number> }[] = [];
for (const [own] of groups) {
  const scores = JSON.parse(await readFile(`${own.prefix}.evidence.json`, 'utf8')) as Record<string, number>;
  lines.push({ dataset: own.dataset, seed: own.seed, bar: own.bar, scores });
}
const raw = lines.map((l) =>
  JSON.stringify({
    ...l,
    bar: r3(l.bar),
    scores: Object.fromEntries(Object.entries(l.scores).map(([k, v]) => [k, r3(v)])),
    commit: gitCommit,
    date,
  }),
);
await writeFileAtomic(join(resultsDir(), 'evidence-candidates.jsonl'), `${raw.join('\n')}\n`);

for (const dataset of list(values.datasets)) {
  const mine = lines.filter((l) => l.dataset === dataset);
  const rows = Object.keys(mine[0].scores).map((name) => {
    const margins = mine.map((l) => l.scores[name] - l.bar);
    const clears = margins.filter((m) => m >= -BAR_EPSILON).length;
    const mean = margins.reduce((a, b) => a + b, 0) / margins.length;
    return [
      name,
      signed(Math.min(...margins)),
      signed(mean),
      `${clears}/${margins.length}`,
      margins.map(signed).join(' '),
    ];
  });
  console.log(`\n${dataset}: hold-out accuracy − the quality bar, split seeds ${values.seeds}\n`);
  console.log(markdownTable(['candidate', 'worst split', 'mean', 'splits cleared', 'per split'], rows));
}
