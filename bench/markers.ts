/**
 * Marker genes at atlas scale (issue 14): EngineApi.markerGenes' computation (src/markers: Wilcoxon rank-sum
 * over every gene, sparse-aware) on the sparse benchmark's kind of count matrix — 100 000 cells × 20 000
 * genes, ~6 % non-zero (bench/sparse/make_counts.py, bench/data/, generated once) — read with importTable in
 * a child process (GNU time: wall, CPU, peak RSS), then four selections each timed alone. With
 * `--methods tripletlens,scanpy`, scanpy's rank_genes_groups(method='wilcoxon', tie_correct=True) on the same
 * file and first selection as a peer (minutes). Not a test: figures go to bench/README.md.
 *
 * Python (data generation, the peer): the PYTHON environment variable (e.g. /work/venvs/fixtures/bin/python),
 * else bench/.venv-scanpy made by bench/peers/setup-scanpy.sh.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';
import { lastJsonLine, runMeasured, runTsScript, type ChildResult } from './lib/child.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';

export interface MarkersBenchOptions {
  /** Cells of the generated matrix. Default 100 000. */
  cells?: number;
  /** Genes of the generated matrix. Default 20 000. */
  genes?: number;
  /** Seed of the generated counts and of the random selections. Default 0. */
  seed?: number;
  /** 'tripletlens' and/or 'scanpy'. Default ['tripletlens']. */
  methods?: string[];
}

interface ChildCase {
  name: string;
  /** Cells on each side; null for a row that times the rank index build alone. */
  group: number | null;
  reference: number | null;
  seconds: number;
  cpuSeconds: number;
  top: string[];
  rssMb: number;
  /**
   * The rank index (src/markers/rank-index*.ts) in this row: 'awaited' (the background build, waited for),
   * 'built in thread', 'build, N threads' (the build alone), 'used', or 'none'.
   */
  index?: string;
  /** The 1-minute load average when the row started. */
  load?: number;
  /** A threaded build alone: each worker thread's own CPU seconds (Linux). */
  workerCpuSeconds?: number[];
}

interface MarkersChildReport {
  cells: number;
  genes: number;
  storedValues: number;
  format: string;
  importSeconds: number;
  rssAfterImportMb: number;
  runs: ChildCase[];
}

interface Measured<T> {
  wallMs: number;
  cpuMs: number | null;
  peakRssMb: number | null;
  load: number;
  report: T;
}

export interface MarkersBenchResult {
  machine: MachineInfo;
  date: string;
  data: { file: string; cells: number; genes: number; storedValues: number };
  tripletlens: Measured<MarkersChildReport>;
  scanpy?: Measured<{
    readSeconds: number;
    normaliseSeconds: number;
    rankSeconds: number;
    group: number;
    top: string[];
  }>;
}

function python(): string {
  const path = process.env.PYTHON ?? join(packageRoot(), 'bench', '.venv-scanpy', 'bin', 'python');
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: run 'bash bench/peers/setup-scanpy.sh' or set PYTHON to a Python with scanpy`,
    );
  }
  return path;
}

async function ensureData(options: Required<MarkersBenchOptions>): Promise<string> {
  const dir = join(packageRoot(), 'bench', 'data');
  await mkdir(dir, { recursive: true });
  const h5ad = join(dir, `sparse-${options.cells}x${options.genes}-s${options.seed}.h5ad`);
  if (!existsSync(h5ad)) {
    console.error(`  generating ${h5ad} (once; a few minutes)`);
    const args = ['bench/sparse/make_counts.py', h5ad, '--cells', String(options.cells)];
    args.push('--genes', String(options.genes), '--seed', String(options.seed));
    lastJsonLine(await runMeasured(python(), args, { label: 'make_counts' }), 'make_counts.py');
  }
  return h5ad;
}

function measured<T>(child: ChildResult, load: number, what: string): Measured<T> {
  return {
    wallMs: child.wallMs,
    cpuMs: child.cpuMs,
    peakRssMb: child.peakRssMb,
    load,
    report: lastJsonLine<T>(child, what),
  };
}

export async function runMarkersBench(options: MarkersBenchOptions = {}): Promise<MarkersBenchResult> {
  const opts: Required<MarkersBenchOptions> = {
    cells: 100_000,
    genes: 20_000,
    seed: 0,
    methods: ['tripletlens'],
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const h5ad = await ensureData(opts);
  const machine = machineInfo();
  let load = loadavg()[0];
  console.error(`  tripletlens markers (load ${load.toFixed(1)})`);
  const tripletlens = measured<MarkersChildReport>(
    await runTsScript('bench/lib/markers-child.ts', [h5ad, String(opts.seed)]),
    load,
    'markers-child.ts',
  );
  const result: MarkersBenchResult = {
    machine,
    date: new Date().toISOString(),
    data: {
      file: h5ad.slice(packageRoot().length + 1),
      cells: tripletlens.report.cells,
      genes: tripletlens.report.genes,
      storedValues: tripletlens.report.storedValues,
    },
    tripletlens,
  };
  if (opts.methods.includes('scanpy')) {
    load = loadavg()[0];
    console.error(`  scanpy rank_genes_groups (load ${load.toFixed(1)})`);
    const child = await runMeasured(python(), ['bench/sparse/scanpy_markers.py', h5ad], { label: 'scanpy' });
    result.scanpy = measured(child, load, 'scanpy_markers.py');
  }
  await writeResult('markers', result);
  await updateReadmeSection('markers', markersMarkdown(result));
  return result;
}

export function markersMarkdown(result: MarkersBenchResult): string {
  const m = result.machine;
  const tl = result.tripletlens;
  const rows = tl.report.runs.map((r) => [
    r.name,
    r.group ?? '—',
    r.reference ?? '—',
    r.index ?? '—',
    num(r.seconds, 2),
    num(r.cpuSeconds, 2),
    r.load === undefined ? '—' : num(r.load, 1),
    num(r.rssMb, 0),
    r.top.join(', ') || '—',
  ]);
  const lines = [
    '## Marker genes at atlas scale (issue 14)',
    '',
    `\`PYTHON=… npm run bench -- markers\` — ${result.date.slice(0, 16).replace('T', ' ')} UTC, ${m.cpuModel}, ${m.cores} cores, ` +
      `${m.memoryGiB.toFixed(1)} GiB, load average ${m.loadAverage.map((l) => l.toFixed(1)).join(' / ')} at the start ` +
      `(1-minute load ${tl.load.toFixed(1)} when the TripletLens child started; the 2 cores are shared).`,
    `Data: \`${result.data.file}\`, ${result.data.cells} cells × ${result.data.genes} genes, ` +
      `${result.data.storedValues} stored values (negative-binomial counts, bench/sparse/make_counts.py), read as ` +
      `${tl.report.format} by importTable in ${num(tl.report.importSeconds, 1)} s. Each selection is tested on every gene ` +
      '(normalise to 10 000 + log1p on the fly, Wilcoxon rank-sum with tie correction, BH); wall and CPU seconds are the markerGenes call alone ' +
      '(CPU seconds: every thread of the process, worker threads included; the first row also scans the matrix once for its value scale and library sizes, which later rows reuse). ' +
      "A test against the rest reads the rank index (each stored value's rank within its gene, 4 bytes a stored value, " +
      "src/markers/rank-index*.ts) and walks only the group's rows. The engine starts building the index on worker threads " +
      '(one per core, the CSR shared through SharedArrayBuffers) as soon as sparse data is opened; the first row is a test ' +
      'asked at once after import, which awaits that build (the worst case), the later "first call after the background build" row ' +
      'is what a user who trains first sees. For comparison: the direct path (gather and sort every gene), the index built in the ' +
      'calling thread (the path before the background build), and the build alone on 1 and 2 threads, interleaved. A group vs ' +
      'another selection never uses the index.',
    '',
    markdownTable(
      [
        'selection',
        'group cells',
        'reference cells',
        'rank index',
        'wall s',
        'CPU s',
        'load',
        'RSS after, MB',
        'top genes',
      ],
      rows,
    ),
    '',
    `Child process: wall ${num(tl.wallMs / 1000, 1)} s, CPU ${num(tl.cpuMs === null ? undefined : tl.cpuMs / 1000, 1)} s, ` +
      `peak RSS ${num(tl.peakRssMb, 0)} MB (GNU time), of which the imported table alone: ${num(tl.report.rssAfterImportMb, 0)} MB RSS after import ` +
      '(the direct path keeps no copy of the matrix: one 16 MB block of values, a cursor per cell and per-gene statistics; the rank index adds 4 bytes a stored value). ' +
      'On a shared machine the wall time is mostly waiting for a core; CPU seconds are what a call costs.',
  ];
  const runs = tl.report.runs;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const builds = (one: boolean) =>
    runs.filter(
      (r) => r.name.startsWith('rank index build alone') && (r.index === 'build, 1 thread') === one,
    );
  const [single, multi] = [builds(true), builds(false)];
  const awaited = runs.find((r) => r.index === 'awaited');
  const after = runs.find((r) => r.name.includes('first call after the background build'));
  const used = runs.filter((r) => r.index === 'used');
  if (single.length > 0 && multi.length > 0) {
    const wall = (xs: ChildCase[]) => mean(xs.map((r) => r.seconds));
    const cpu = (xs: ChildCase[]) => mean(xs.map((r) => r.cpuSeconds));
    lines.push(
      `Rank index build alone (mean of ${single.length} interleaved runs each): 1 thread ${num(wall(single), 1)} s wall / ` +
        `${num(cpu(single), 1)} CPU s, ${multi[0].index?.replace('build, ', '')} ${num(wall(multi), 1)} s wall / ` +
        `${num(cpu(multi), 1)} CPU s (wall time 1 thread ÷ 2 threads: ${(wall(single) / wall(multi)).toFixed(2)}).`,
    );
    const perWorker = multi.map((r) => (r.workerCpuSeconds ?? []).map((x) => num(x, 2)).join(' + '));
    if (perWorker.some((w) => w !== '')) {
      lines.push(
        `Each worker thread's own CPU seconds in the ${multi[0].index?.replace('build, ', '')} builds (its counting and ranking rounds, ` +
          `from /proc/thread-self/stat): ${perWorker.join('; ')} — how evenly the genes were split, and about the build's wall ` +
          'time on free cores, plus starting the workers; the rest of the CPU seconds above is this thread and the runtime.',
      );
    }
  }
  if (awaited && after && used.length > 0) {
    const cpu = used.map((r) => r.cpuSeconds);
    lines.push(
      `Against the rest: asked at once after import, the first call took ${num(awaited.seconds, 1)} s wall ` +
        `(${num(awaited.cpuSeconds, 1)} CPU s over all threads, the value scale included); asked after the background build, ` +
        `${num(after.seconds, 2)} s; later calls ${num(Math.min(...cpu), 2)}–${num(Math.max(...cpu), 2)} CPU s.`,
    );
  }
  const sc = result.scanpy;
  if (sc) {
    lines.push(
      `scanpy peer (rank_genes_groups wilcoxon, tie_correct=True, ${sc.report.group} cells vs rest): rank ${num(sc.report.rankSeconds, 1)} s ` +
        `(read ${num(sc.report.readSeconds, 1)} s, normalise + log1p ${num(sc.report.normaliseSeconds, 1)} s), peak RSS ${num(sc.peakRssMb, 0)} MB, ` +
        `load ${sc.load.toFixed(1)}; top genes ${sc.report.top.join(', ')}.`,
    );
    const first = tl.report.runs[0];
    if (first) {
      const same = first.top.join() === sc.report.top.join();
      lines.push(
        `Same selection, TripletLens ÷ scanpy: wall ${(first.seconds / sc.report.rankSeconds).toFixed(3)}× ` +
          `(${(sc.report.rankSeconds / first.seconds).toFixed(0)} times faster); top 3 genes ${same ? 'identical' : 'differ'}.`,
      );
    }
  }
  return lines.join('\n');
}
