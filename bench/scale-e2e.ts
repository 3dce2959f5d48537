/**
 * Issue 15 goal 2: 1 000 000 cells × 50 end to end through the CLI (`tripletlens train`: import →
 * preprocess → train → embed every cell → metrics on subsamples → coordinates and report written), each run in
 * a fresh process under GNU time (wall, CPU of every thread, peak RSS), with the wall and CPU time of every
 * phase (bench/lib/e2e-child.ts) and the machine's load average before and after. Training is bounded by
 * `--epochs 1 --steps-per-epoch N` (until a step-budget option exists), which also bounds the neighbour
 * search to the anchors those steps can draw. Thread counts alternate (1, 2, 2, 1 by default) so a load
 * that changes through the runs weighs on both alike.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastJsonLine, runTsScript } from './lib/child.js';
import { benchDataDir } from './lib/datasets.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';
import { writeSyntheticCsv } from './lib/synthetic-csv.js';
import { machineInfo } from './lib/machine.js';

export interface ScaleE2eOptions {
  /** Rows of the synthetic table (50 columns, 10 classes). Default 1 000 000. */
  rows?: number;
  /** Training steps (one epoch of this many). Default 2 000. */
  steps?: number;
  /** Thread counts, one run each, in this order. Default [1, 2, 2, 1]. */
  threads?: number[];
  /** Seed of the data and the run. Default 0. */
  seed?: number;
  /** Stop a run after this many minutes (its finished phases are still reported). Default 30. */
  timeoutMin?: number;
}

interface Mark {
  what: string;
  wallMs: number;
  cpuMs: number;
}

interface ChildOutput {
  code: number;
  marks: Mark[];
  firstStepElapsedMs: number | null;
  report: {
    metrics: Record<string, number | null>;
    timings: Record<string, number>;
    training: { epochs: number; stoppedReason: string };
  } | null;
}

/** One phase of a run: wall and CPU seconds (CPU of every thread of the process). */
export interface Phase {
  name: string;
  wallS: number;
  cpuS: number;
}

export interface E2eRow {
  threads: number;
  ok: boolean;
  error?: string;
  wallS: number;
  cpuS: number | null;
  peakRssMb: number | null;
  loadBefore: number;
  loadAfter: number;
  phases: Phase[];
  knnHoldout: number | null;
  trustworthiness: number | null;
}

/**
 * The phases between the marks: start-up and import (until preprocessing starts), preprocess (with the
 * split), neighbour search and trainer set-up (until the first step ends, less that step), training steps,
 * embed, metrics, and writing (report and coordinates, until the CLI returns).
 */
export function phasesOf(out: ChildOutput): Phase[] {
  const at = (what: string): Mark | undefined => out.marks.find((m) => m.what === what);
  const start: Mark = { what: 'start', wallMs: 0, cpuMs: 0 };
  const first = at('first-step');
  // the first bar says how long the first step took: the set-up ends that much before it
  const firstStepStart = first
    ? { what: 'steps', wallMs: first.wallMs - (out.firstStepElapsedMs ?? 0), cpuMs: first.cpuMs }
    : undefined;
  const bounds: [string, Mark | undefined][] = [
    ['start-up + import', start],
    ['preprocess + split', at('preprocess')],
    ['neighbour search + trainer set-up', at('train')],
    ['training steps', firstStepStart],
    ['embed every cell', at('embed')],
    ['metrics', at('metrics')],
    ['report + coordinates written', at('report')],
    ['end', at('end')],
  ];
  const phases: Phase[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [name, from] = bounds[i];
    const to = bounds[i + 1][1];
    if (!from || !to) continue;
    phases.push({ name, wallS: (to.wallMs - from.wallMs) / 1000, cpuS: (to.cpuMs - from.cpuMs) / 1000 });
  }
  return phases;
}

/** The marks a child streamed on stdout before it ended (or was stopped). */
function streamedMarks(stdout: string): ChildOutput {
  const out: ChildOutput = { code: -1, marks: [], firstStepElapsedMs: null, report: null };
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const parsed = JSON.parse(line) as { mark?: Mark; firstStepElapsedMs?: number };
    if (parsed.mark) out.marks.push(parsed.mark);
    if (parsed.firstStepElapsedMs !== undefined) out.firstStepElapsedMs = parsed.firstStepElapsedMs;
  }
  return out;
}

export async function runScaleE2eBench(options: ScaleE2eOptions = {}): Promise<{ rows: E2eRow[] }> {
  const { rows = 1_000_000, steps = 2_000, threads = [1, 2, 2, 1], seed = 0, timeoutMin = 30 } = options;
  const csv = join(benchDataDir(), `synthetic-${rows}x50-seed${seed}.csv`);
  if (!existsSync(csv)) await writeSyntheticCsv(csv, { rows, cols: 50, seed });
  const result = {
    machine: machineInfo(),
    rows,
    steps,
    csvMB: statSync(csv).size / 1e6,
    runs: [] as E2eRow[],
  };
  for (const count of threads) {
    const dir = await mkdtemp(join(tmpdir(), 'tl-e2e-'));
    const args = [
      'train',
      csv,
      '--label',
      'label',
      '--epochs',
      '1',
      '--steps-per-epoch',
      String(steps),
      '--threads',
      String(count),
      '--seed',
      String(seed),
      '--out',
      join(dir, 'coords.csv'),
      '--report',
      join(dir, 'run.json'),
    ];
    const loadBefore = loadavg()[0];
    const child = await runTsScript('bench/lib/e2e-child.ts', [JSON.stringify(args)], {
      label: `e2e ${count} thread${count === 1 ? '' : 's'}`,
      timeoutMs: timeoutMin * 60_000,
    });
    const loadAfter = loadavg()[0];
    const base = {
      threads: count,
      wallS: child.wallMs / 1000,
      cpuS: child.cpuMs === null ? null : child.cpuMs / 1000,
      peakRssMb: child.peakRssMb,
      loadBefore,
      loadAfter,
    };
    try {
      if (child.timedOut) throw new Error(`stopped after ${timeoutMin} minutes`);
      const out = lastJsonLine<ChildOutput>(child, `e2e ${count} threads`);
      if (out.code !== 0 || !out.report) throw new Error(`the CLI exited with ${out.code}`);
      result.runs.push({
        ...base,
        ok: true,
        phases: phasesOf(out),
        knnHoldout: out.report.metrics.knn_holdout ?? null,
        trustworthiness: out.report.metrics.trustworthiness ?? null,
      });
    } catch (err) {
      const error = err instanceof Error ? err.message.split('\n')[0] : String(err);
      // the phases the run finished before it stopped (streamed marks)
      const phases = phasesOf(streamedMarks(child.stdout));
      result.runs.push({ ...base, ok: false, error, phases, knnHoldout: null, trustworthiness: null });
    }
    await rm(dir, { recursive: true, force: true });
    await writeResult('scale-e2e', result);
  }
  await updateReadmeSection('scale-e2e', scaleE2eMarkdown(result));
  return { rows: result.runs };
}

/** The README section: one row per run, phases as wall (CPU) seconds. */
export function scaleE2eMarkdown(result: {
  rows: number;
  steps: number;
  csvMB: number;
  runs: E2eRow[];
}): string {
  const names = [...new Set(result.runs.flatMap((r) => r.phases.map((p) => p.name)))];
  const table = markdownTable(
    [
      'threads',
      'total wall s (CPU s)',
      ...names.map((n) => `${n} s`),
      'peak RSS MB',
      'kNN-5 hold-out',
      'load avg (1 min, before → after)',
    ],
    result.runs.map((r) => [
      r.threads,
      r.ok ? `${num(r.wallS, 1)} (${num(r.cpuS, 1)})` : `failed: ${r.error ?? '?'}`,
      ...names.map((n) => {
        const p = r.phases.find((q) => q.name === n);
        return p ? `${num(p.wallS, 1)} (${num(p.cpuS, 1)})` : '';
      }),
      num(r.peakRssMb, 0),
      num(r.knnHoldout, 3),
      `${num(r.loadBefore, 1)} → ${num(r.loadAfter, 1)}`,
    ]),
  );
  return [
    '## A million cells end to end (issue 15 goal 2)',
    '',
    `\`npm run bench -- scale-e2e\`: ${result.rows.toLocaleString('en')} × 50 synthetic CSV (${num(result.csvMB, 0)} MB, 10 classes), \`tripletlens train --epochs 1 --steps-per-epoch ${result.steps}\` (bench/scale-e2e.ts; the budget option of goal 5 is not merged yet), native backend, each run a fresh process. Cells are wall seconds with the process's CPU seconds (every thread) in brackets; peak RSS by GNU time.`,
    '',
    table,
  ].join('\n');
}
