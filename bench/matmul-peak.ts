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
  results: { threads: number; gflops_best: number; gflops_median: number; seconds: number[] }[];
}

export interface MatmulPeakResult {
  variants: ({ label: string } & PeakRun)[];
  /** Best median GFLOP/s over the variants, per thread count. */
  peak: { threads1: number; threads2: number };
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
  const best = (threads: number): number =>
    Math.max(...variants.map((v) => v.results.find((r) => r.threads === threads)?.gflops_median ?? 0));
  const result: MatmulPeakResult = { variants, peak: { threads1: best(1), threads2: best(2) } };
  await writeResult('matmul-peak', result);
  await updateReadmeSection('matmul-peak', matmulMarkdown(result));
  return result;
}

function matmulMarkdown(result: MatmulPeakResult): string {
  const rows = result.variants.map((v) => [
    v.label,
    v.kernels.map((k) => `${k.architecture ?? '?'} (OpenBLAS ${k.version ?? '?'})`).join(', '),
    num(v.results.find((r) => r.threads === 1)?.gflops_median, 1),
    num(v.results.find((r) => r.threads === 2)?.gflops_median, 1),
  ]);
  return [
    '## The machine’s limit: float32 matmul (numpy/OpenBLAS)',
    '',
    `2048 × 2048 × 2048 \`np.matmul\` in float32, median of 7 after a warm-up, numpy ${result.variants[0]?.numpy ?? '?'}, threads limited with threadpoolctl; the kernel is the one threadpoolctl reports.`,
    '',
    markdownTable(['OpenBLAS setting', 'kernel that ran', 'GFLOP/s, 1 thread', 'GFLOP/s, 2 threads'], rows),
  ].join('\n');
}

/** The last measured peak (median GFLOP/s, best variant), or undefined when the benchmark has not run. */
export async function peakGflops(): Promise<MatmulPeakResult['peak'] | undefined> {
  return (await readResult<MatmulPeakResult>('matmul-peak'))?.peak;
}
