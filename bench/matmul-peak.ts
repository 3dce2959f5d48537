/**
 * The machine's limit: float32 matmul GFLOP/s with numpy/OpenBLAS at 1 and 2 threads, under OpenBLAS's own
 * CPU detection and with the kernel forced (OPENBLAS_CORETYPE), each in a fresh Python process because
 * OpenBLAS reads the variable once at load time. Other benchmarks put their GFLOP/s beside `peakGflops()`.
 */
import { lastJsonLine, runMeasured } from './lib/child.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { requireVenv } from './lib/python.js';
import { readResult, writeResult } from './lib/results.js';

interface PeakRun {
  n: number;
  numpy: string;
  env: Record<string, string>;
  kernels: { library: string; version: string | null; architecture: string | null }[];
  load_average: number[];
  results: {
    threads: number;
    gflops_best: number;
    gflops_median: number;
    gflops_cpu_estimate: number;
    seconds: number[];
  }[];
}

export interface MatmulPeakResult {
  variants: ({ label: string } & PeakRun)[];
  /** Best median wall-clock GFLOP/s over the variants, per thread count. */
  peak: { threads1: number; threads2: number };
  /** Best CPU-time-based estimate over the variants (what the cores do when not shared), per thread count. */
  peakCpuEstimate: { threads1: number; threads2: number };
}

const VARIANTS: { label: string; env: Record<string, string | undefined> }[] = [
  // "auto": OpenBLAS detects the CPU itself; both tuning variables unset for this process only
  {
    label: 'auto (OpenBLAS detects the CPU)',
    env: { OPENBLAS_CORETYPE: undefined, OPENBLAS_L2_SIZE: undefined },
  },
  {
    label: 'OPENBLAS_CORETYPE=SkylakeX',
    env: { OPENBLAS_CORETYPE: 'SkylakeX', OPENBLAS_L2_SIZE: undefined },
  },
  { label: 'OPENBLAS_CORETYPE=Haswell', env: { OPENBLAS_CORETYPE: 'Haswell', OPENBLAS_L2_SIZE: undefined } },
];

/** Runs the matmul peak measurement (2048³, 7 repeats per thread count and variant). */
export async function runMatmulPeakBench(): Promise<MatmulPeakResult> {
  const python = requireVenv();
  const variants: MatmulPeakResult['variants'] = [];
  for (const variant of VARIANTS) {
    const child = await runMeasured(python, ['bench/matmul-peak.py', '2048', '7'], {
      env: variant.env,
      label: 'matmul',
    });
    variants.push({
      label: variant.label,
      ...lastJsonLine<PeakRun>(child, `matmul peak (${variant.label})`),
    });
  }
  const best = (threads: number, key: 'gflops_median' | 'gflops_cpu_estimate'): number =>
    Math.max(...variants.map((v) => v.results.find((r) => r.threads === threads)?.[key] ?? 0));
  const result: MatmulPeakResult = {
    variants,
    peak: { threads1: best(1, 'gflops_median'), threads2: best(2, 'gflops_median') },
    peakCpuEstimate: { threads1: best(1, 'gflops_cpu_estimate'), threads2: best(2, 'gflops_cpu_estimate') },
  };
  await writeResult('matmul-peak', result);
  await updateReadmeSection('matmul-peak', matmulMarkdown(result));
  return result;
}

/** The README section for the matmul peak (also re-rendered by `npm run bench -- report`). */
export function matmulMarkdown(result: MatmulPeakResult): string {
  const rows = result.variants.map((v) => [
    v.label,
    v.kernels.map((k) => `${k.architecture ?? '?'} (OpenBLAS ${k.version ?? '?'})`).join(', '),
    num(v.results.find((r) => r.threads === 1)?.gflops_median, 1),
    num(v.results.find((r) => r.threads === 2)?.gflops_median, 1),
    num(v.results.find((r) => r.threads === 1)?.gflops_cpu_estimate, 1),
    num(v.results.find((r) => r.threads === 2)?.gflops_cpu_estimate, 1),
    num(v.load_average[0], 1),
  ]);
  return [
    '## The machine’s limit: float32 matmul (numpy/OpenBLAS)',
    '',
    `2048 × 2048 × 2048 \`np.matmul\` in float32, median of 7 after a warm-up, numpy ${result.variants[0]?.numpy ?? '?'}, threads limited with threadpoolctl; the kernel is the one threadpoolctl reports.`,
    '',
    markdownTable(
      [
        'OpenBLAS setting',
        'kernel that ran',
        'GFLOP/s, 1 thread',
        'GFLOP/s, 2 threads',
        'per CPU-s × threads, 1',
        'per CPU-s × threads, 2',
        'load avg',
      ],
      rows,
    ),
    '',
    'GFLOP/s is wall-clock (the figure other benchmarks compare with). "Per CPU-s × threads" divides by the CPU time the threads actually got: on this shared machine it estimates what the kernel does with the cores to itself. The load average is the machine’s 1-minute load when the measurement started (2 cores).',
  ].join('\n');
}

/**
 * The last measured peak (median wall-clock GFLOP/s of the best variant, and the CPU-time-based estimate),
 * or undefined when `npm run bench -- matmul` has not run yet.
 */
export async function peakGflops(): Promise<
  (MatmulPeakResult['peak'] & { cpuEstimate: MatmulPeakResult['peakCpuEstimate'] }) | undefined
> {
  const result = await readResult<MatmulPeakResult>('matmul-peak');
  return result && { ...result.peak, cpuEstimate: result.peakCpuEstimate };
}
