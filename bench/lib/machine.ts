/** What machine, software and moment a benchmark ran on, recorded beside every result. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';

export interface MachineInfo {
  /** lscpu's "Model name" (falls back to Node's cpus()[0].model). */
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  /** ISA extensions that matter for matmul speed, as lscpu lists them. */
  simd: string[];
  /** 1/5/15-minute load averages when the run started: other work sharing the CPU shows up here. */
  loadAverage: number[];
  node: string;
  platform: string;
  date: string;
  gitCommit: string | null;
  /** Versions of the JS packages that take part in the benchmark. */
  versions: Record<string, string>;
  /** OpenBLAS tuning variables in force (they change numpy's kernel choice). */
  openblasEnv: Record<string, string>;
}

function tryRun(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The installed version of an npm package, or 'absent'. */
export function npmVersion(name: string): string {
  try {
    const pkg = JSON.parse(
      readFileSync(join(packageRoot(), 'node_modules', name, 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return 'absent';
  }
}

export function machineInfo(): MachineInfo {
  const lscpu = tryRun('lscpu', []) ?? '';
  const field = (name: string): string | undefined =>
    lscpu
      .split('\n')
      .find((l) => l.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  const flags = (field('Flags') ?? '').split(/\s+/);
  const interesting = ['avx2', 'fma', 'avx512f', 'avx512_bf16', 'avx512_vnni', 'amx_tile'];
  const openblasEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('OPENBLAS_') && v) openblasEnv[k] = v;
  return {
    cpuModel: field('Model name') ?? cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    simd: interesting.filter((f) => flags.includes(f)),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    gitCommit: tryRun('git', ['-C', packageRoot(), 'rev-parse', '--short', 'HEAD']),
    versions: Object.fromEntries(
      [
        '@tensorflow/tfjs',
        '@tensorflow/tfjs-backend-wasm',
        '@tensorflow/tfjs-node',
        'umap-js',
        'papaparse',
      ].map((n) => [n, npmVersion(n)]),
    ),
    openblasEnv,
  };
}
