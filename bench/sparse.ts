/**
 * Sparse input at atlas scale (issue 12): a 10x-like count matrix — 100 000 cells × 30 000 genes, ~6 %
 * non-zero, negative-binomial counts, 10 cell types — written as .h5ad by bench/sparse/make_counts.py
 * (anndata; bench/data/, gitignored, generated once), then import + default preprocessing to 50 PCs by
 * TripletLens and by scanpy's standard pipeline on the same file, each in its own child process (GNU time:
 * wall, CPU and peak RSS of the whole process). Plus the CSV route on a 30 000-cell slice (every zero
 * written out, read into a dense matrix) against the sparse route on the same slice: what staying sparse saves.
 *
 * TripletLens reads the .h5ad through importTable when the HDF5 reader is available; while it is not
 * (a stub that answers 'unsupported-format'), it reads the same CSR from the raw arrays make_counts.py
 * writes beside the .h5ad, and the table says so. Not a test: figures go to bench/README.md.
 *
 * Python: the PYTHON environment variable (e.g. /work/venvs/fixtures/bin/python), else bench/.venv-scanpy
 * made by bench/peers/setup-scanpy.sh.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';
import { lastJsonLine, runMeasured, runTsScript, type ChildResult } from './lib/child.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';
import { writeCsvSlice } from './lib/sparse-csv.js';

export interface SparseBenchOptions {
  /** Cells of the generated matrix. Default 100 000. */
  cells?: number;
  /** Genes of the generated matrix. Default 30 000. */
  genes?: number;
  /** Cells of the CSV slice. Default 30 000. */
  sliceCells?: number;
  /** Seed of the generated counts. Default 0. */
  seed?: number;
}

/** One measured child process. */
export interface SparseRun {
  name: string;
  tool: 'tripletlens' | 'scanpy';
  input: string;
  cells: number;
  ok: boolean;
  error?: string;
  wallMs: number;
  cpuMs: number | null;
  peakRssMb: number | null;
  /** 1-minute load average when the run started (2 cores: above 2, the run shared the CPU). */
  load: number;
  /** The child's own report (stage times, recipe). */
  report?: Record<string, unknown>;
}

export interface SparseBenchResult {
  machine: MachineInfo;
  date: string;
  data: { file: string; bytes: number; cells: number; genes: number; csv?: { file: string; bytes: number } };
  tripletlensInput: 'h5ad' | 'csr-raw';
  runs: SparseRun[];
}

function scanpyPython(): string {
  const python = process.env.PYTHON ?? join(packageRoot(), 'bench', '.venv-scanpy', 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(
      `${python} is missing: run 'bash bench/peers/setup-scanpy.sh' or set PYTHON to a Python with scanpy`,
    );
  }
  return python;
}

function measured(
  name: string,
  tool: SparseRun['tool'],
  input: string,
  cells: number,
  child: ChildResult,
  load: number,
): SparseRun {
  const base = {
    name,
    tool,
    input,
    cells,
    wallMs: child.wallMs,
    cpuMs: child.cpuMs,
    peakRssMb: child.peakRssMb,
    load,
  };
  try {
    const report = lastJsonLine<Record<string, unknown>>(child, name);
    return { ...base, ok: true, report };
  } catch (err) {
    return { ...base, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

async function ensureData(
  python: string,
  options: Required<SparseBenchOptions>,
): Promise<{ h5ad: string; csr: string }> {
  const dir = join(packageRoot(), 'bench', 'data');
  await mkdir(dir, { recursive: true });
  const stem = join(dir, `sparse-${options.cells}x${options.genes}-s${options.seed}`);
  const h5ad = `${stem}.h5ad`;
  const csr = `${stem}.csr`;
  if (!existsSync(h5ad) || !existsSync(join(csr, 'shape.json'))) {
    console.error(`  generating ${h5ad} (once; about a minute)`);
    const args = [
      'bench/sparse/make_counts.py',
      h5ad,
      '--cells',
      String(options.cells),
      '--genes',
      String(options.genes),
      '--seed',
      String(options.seed),
    ];
    const made = await runMeasured(python, args, { label: 'make_counts' });
    lastJsonLine(made, 'make_counts.py');
  }
  return { h5ad, csr };
}

export async function runSparseBench(options: SparseBenchOptions = {}): Promise<SparseBenchResult> {
  const opts = { cells: 100_000, genes: 30_000, sliceCells: 30_000, seed: 0, ...options };
  const python = scanpyPython();
  const { h5ad, csr } = await ensureData(python, opts);
  const csv = join(packageRoot(), 'bench', 'data', `sparse-slice-${opts.sliceCells}-s${opts.seed}.csv`);
  if (!existsSync(csv)) {
    console.error(`  writing ${csv} (once)`);
    writeCsvSlice(csr, csv, opts.sliceCells);
  }
  const runs: SparseRun[] = [];
  const run = async (
    name: string,
    tool: SparseRun['tool'],
    input: string,
    cells: number,
    start: () => Promise<ChildResult>,
  ): Promise<SparseRun> => {
    const load = loadavg()[0];
    console.error(`  ${name} (load ${load.toFixed(1)})`);
    const r = measured(name, tool, input, cells, await start(), load);
    runs.push(r);
    return r;
  };

  const probeLoad = loadavg()[0];
  const probe = await runTsScript('bench/lib/sparse-child.ts', ['h5ad', h5ad]);
  const unsupported = probe.code === 0 && probe.stdout.includes('"unsupported"');
  if (unsupported) {
    await run('tripletlens', 'tripletlens', 'raw CSR arrays (no h5ad reader yet)', opts.cells, () =>
      runTsScript('bench/lib/sparse-child.ts', ['csr', csr]),
    );
  } else {
    runs.push(measured('tripletlens', 'tripletlens', '.h5ad (importTable)', opts.cells, probe, probeLoad));
  }
  await run('scanpy', 'scanpy', '.h5ad', opts.cells, () =>
    runMeasured(python, ['bench/sparse/scanpy_pipeline.py', h5ad], { label: 'scanpy' }),
  );
  // TripletLens's wasm backend computes on one thread; OpenBLAS's threads spin badly on a busy machine
  const oneThread = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  await run('scanpy, 1 BLAS thread', 'scanpy', '.h5ad', opts.cells, () =>
    runMeasured(python, ['bench/sparse/scanpy_pipeline.py', h5ad], { label: 'scanpy-1', env: oneThread }),
  );
  // scanpy's default PCA on a dense matrix is ARPACK; the randomised solver is TripletLens's algorithm
  await run('scanpy, randomized PCA', 'scanpy', '.h5ad', opts.cells, () =>
    runMeasured(python, ['bench/sparse/scanpy_pipeline.py', h5ad, '--svd-solver', 'randomized'], {
      label: 'scanpy-rand',
    }),
  );
  if (unsupported) {
    await run('tripletlens slice, sparse', 'tripletlens', 'raw CSR arrays, first rows', opts.sliceCells, () =>
      runTsScript('bench/lib/sparse-child.ts', ['csr', csr, String(opts.sliceCells)]),
    );
  } else {
    const slice = join(packageRoot(), 'bench', 'data', `sparse-slice-${opts.sliceCells}-s${opts.seed}.h5ad`);
    if (!existsSync(slice)) {
      const made = await runMeasured(python, [
        'bench/sparse/slice_h5ad.py',
        h5ad,
        slice,
        String(opts.sliceCells),
      ]);
      lastJsonLine(made, 'slice_h5ad.py');
    }
    await run('tripletlens slice, sparse', 'tripletlens', '.h5ad slice (importTable)', opts.sliceCells, () =>
      runTsScript('bench/lib/sparse-child.ts', ['h5ad', slice]),
    );
  }
  await run('tripletlens slice, CSV', 'tripletlens', '.csv (importTable, dense)', opts.sliceCells, () =>
    runTsScript('bench/lib/sparse-child.ts', ['csv', csv]),
  );

  const result: SparseBenchResult = {
    machine: machineInfo(),
    date: new Date().toISOString(),
    data: {
      file: h5ad.slice(packageRoot().length + 1),
      bytes: statSync(h5ad).size,
      cells: opts.cells,
      genes: opts.genes,
      csv: { file: csv.slice(packageRoot().length + 1), bytes: statSync(csv).size },
    },
    tripletlensInput: unsupported ? 'csr-raw' : 'h5ad',
    runs,
  };
  await writeResult('sparse', result);
  await updateReadmeSection('sparse', sparseMarkdown(result));
  return result;
}

const seconds = (ms: number | null | undefined) =>
  num(ms === null || ms === undefined ? undefined : ms / 1000, 1);
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? `${(a / b).toFixed(2)}×` : '—';

/** The stage times a child reported, as one short cell. */
function stages(r: SparseRun): string {
  const p = r.report;
  if (!p) return `failed: ${r.error?.split('\n')[0] ?? '?'}`;
  if (r.tool === 'scanpy') {
    const s = p.steps as Record<string, number>;
    return Object.entries(s)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ');
  }
  return `import ${seconds(p.importMs as number)}, preprocess ${seconds(p.preprocessMs as number)} (${String(p.format)})`;
}

/** The stage that took longest in a run, with its share of the in-process time. */
function largestStage(r: SparseRun | undefined): string {
  const p = r?.report;
  if (!p) return '—';
  const entries: [string, number][] =
    r.tool === 'scanpy'
      ? Object.entries(p.steps as Record<string, number>)
      : [
          ['import', (p.importMs as number) / 1000],
          ['preprocessing', (p.preprocessMs as number) / 1000],
        ];
  const total = entries.reduce((a, [, v]) => a + v, 0);
  const [name, value] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  return `${name} (${value.toFixed(1)} s, ${((value / total) * 100).toFixed(0)} %)`;
}

export function sparseMarkdown(result: SparseBenchResult): string {
  const m = result.machine;
  const of = (name: string) => result.runs.find((r) => r.name === name);
  const tl = of('tripletlens');
  const sc = of('scanpy');
  const table = markdownTable(
    ['run', 'input', 'cells', 'wall s', 'CPU s', 'peak RSS MB', 'load', 'in-process seconds'],
    result.runs.map((r) => [
      r.name,
      r.input,
      r.cells,
      seconds(r.wallMs),
      seconds(r.cpuMs),
      num(r.peakRssMb, 0),
      r.load.toFixed(1),
      stages(r),
    ]),
  );
  const sliceSparse = of('tripletlens slice, sparse');
  const sliceCsv = of('tripletlens slice, CSV');
  return [
    '## Sparse input at atlas scale (issue 12)',
    '',
    `\`PYTHON=… npm run bench -- sparse\` — ${result.date.slice(0, 16).replace('T', ' ')} UTC, ${m.cpuModel}, ${m.cores} cores, ` +
      `${m.memoryGiB.toFixed(1)} GiB, load average ${m.loadAverage.map((l) => l.toFixed(1)).join(' / ')} at the start ` +
      '(the CPU is shared: the load column is the 1-minute load when each run started).',
    `Data: \`${result.data.file}\` (${(result.data.bytes / 2 ** 30).toFixed(2)} GiB), ${result.data.cells} cells × ` +
      `${result.data.genes} genes of negative-binomial counts, 10 cell types (bench/sparse/make_counts.py).`,
    `TripletLens input: ${result.tripletlensInput === 'h5ad' ? 'the .h5ad through importTable' : 'the same CSR read from raw arrays — no h5ad reader was available to this run'}; ` +
      'default preprocessing (normalise to 10 000, log1p, top 2 000 genes by variance, z-score, clip 10, PCA 50). ' +
      'scanpy: read_h5ad, normalize_total(1e4), log1p, highly_variable_genes(2000), subset to them, scale(10), pca(50). ' +
      'Wall, CPU and peak RSS are of the whole child process (GNU time), interpreter start-up and library imports included.',
    '',
    table,
    '',
    'TripletLens ÷ scanpy (targets: wall ≤ 1.5×, peak RSS ≤ 1.0×): ' +
      result.runs
        .filter((r) => r.tool === 'scanpy')
        .map(
          (r) =>
            `${r.name}: wall ${ratio(tl?.wallMs, r.wallMs)}, CPU ${ratio(tl?.cpuMs, r.cpuMs)}, ` +
            `peak RSS ${ratio(tl?.peakRssMb, r.peakRssMb)}`,
        )
        .join('; ') +
      '.',
    `Largest in-process stage: TripletLens ${largestStage(tl)}; scanpy ${largestStage(sc)}.`,
    `CSV route ÷ sparse route on the same ${sliceCsv?.cells ?? '—'}-cell slice: wall ${ratio(sliceCsv?.wallMs, sliceSparse?.wallMs)}, ` +
      `peak RSS ${ratio(sliceCsv?.peakRssMb, sliceSparse?.peakRssMb)}; the CSV is ${((result.data.csv?.bytes ?? 0) / 2 ** 30).toFixed(2)} GiB.`,
  ].join('\n');
}
