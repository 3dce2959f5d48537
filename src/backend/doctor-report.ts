/**
 * What `tripletlens doctor` reports: the backend `initBackend` chose (and why), proved with a small matmul
 * checked against plain JavaScript, plus how to get the native backend. Pure core: the CLI only prints it.
 */
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../util/random.js';
import { packageRoot } from '../util/paths.js';
import { initBackend } from './init.js';
import { NATIVE_HINT, NATIVE_OFFLINE_NEEDS } from './native-hint.js';
import type { InitBackendOptions } from './types.js';
import type { BackendInfo } from '../api/backend-info.js';

/** The matmul that proves the backend computes correctly. */
export interface MatmulCheck {
  /** What was multiplied, e.g. "matMul 64×48 · 48×32". */
  op: string;
  ok: boolean;
  /** Largest absolute difference from the float64 JavaScript result. */
  maxAbsError: number;
  /** Wall time of the backend's matmul including the read-back (not a benchmark: one small call). */
  ms: number;
}

/** Everything `doctor` prints; `doctor --json` prints exactly this. */
export interface DoctorReport extends BackendInfo {
  check: MatmulCheck;
  /** The two routes to the native backend, always present so scripts can show them. */
  nativeSetup: {
    online: string;
    offline: string;
    details: string;
    /** The TripletLens folder the two commands run in: after a global install, not where the user stands. */
    folder?: string;
  };
  /**
   * Worker threads the JavaScript neighbour search uses by default (`--threads` auto: one per core); filled
   * in by the CLI, which may import src/neighbours (this floor may not).
   */
  searchThreads?: number;
}

const ROWS = 64;
const INNER = 48;
const COLS = 32;
/** float32 sums of 48 products of numbers in [-1, 1): errors stay far below this. */
const TOLERANCE = 1e-4;

/** Multiplies two seeded random matrices on the active backend and compares with float64 JS. */
export function checkMatmul(seed = 7): MatmulCheck {
  const random = seededRandom(seed);
  const a = Float32Array.from({ length: ROWS * INNER }, () => random() * 2 - 1);
  const b = Float32Array.from({ length: INNER * COLS }, () => random() * 2 - 1);
  const start = performance.now();
  // The read happens outside tf.tidy, which would walk every element of a returned typed array.
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(a, [ROWS, INNER]), tf.tensor2d(b, [INNER, COLS])));
  const got = product.dataSync();
  product.dispose();
  const ms = performance.now() - start;
  let maxAbsError = 0;
  for (let i = 0; i < ROWS; i++) {
    for (let j = 0; j < COLS; j++) {
      let sum = 0;
      for (let k = 0; k < INNER; k++) sum += a[i * INNER + k] * b[k * COLS + j];
      maxAbsError = Math.max(maxAbsError, Math.abs(sum - got[i * COLS + j]));
    }
  }
  const ok = got.length === ROWS * COLS && Number.isFinite(maxAbsError) && maxAbsError <= TOLERANCE;
  return { op: `matMul ${ROWS}×${INNER} · ${INNER}×${COLS}`, ok, maxAbsError, ms };
}

/** Initialises the backend (cached) and runs the check. */
export async function doctorReport(options: InitBackendOptions = {}): Promise<DoctorReport> {
  const info = await initBackend(options);
  return {
    ...info,
    check: checkMatmul(),
    nativeSetup: {
      online: 'npm install',
      offline: 'scripts/setup-native-offline',
      details: NATIVE_HINT,
      folder: packageRoot(),
    },
  };
}

/** The human-readable form. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = [];
  const row = (key: string, value: string) => lines.push(`  ${key.padEnd(10)} ${value}`);
  lines.push('TripletLens doctor');
  row('backend', `${report.backend} (${report.reason})`);
  row('threads', String(report.threads));
  if (report.searchThreads !== undefined) {
    row(
      'search',
      `${report.searchThreads} thread${report.searchThreads === 1 ? '' : 's'} for the neighbour search (--threads)`,
    );
  }
  if (report.simd !== undefined) row('SIMD', report.simd ? 'yes' : 'no');
  const { check } = report;
  row(
    'check',
    `${check.op}: ${check.ok ? 'ok' : 'WRONG'} (max |error| ${check.maxAbsError.toExponential(1)}, ` +
      `${check.ms.toFixed(1)} ms)`,
  );
  row(
    'versions',
    Object.entries(report.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', '),
  );
  lines.push('', 'Backends tried, best first:');
  for (const attempt of report.attempts) {
    lines.push(`  ${attempt.backend.padEnd(10)} ${attempt.ok ? 'loaded' : `failed: ${attempt.error}`}`);
  }
  if (report.notes?.length) {
    lines.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  }
  if (report.backend === 'tensorflow') {
    lines.push(
      '',
      `Native backend: in use (libtensorflow ${report.versions.libtensorflow ?? 'version unknown'}).`,
    );
  } else {
    lines.push(
      '',
      `Native backend: not in use. To get it, in the TripletLens folder${report.nativeSetup.folder ? ` (${report.nativeSetup.folder})` : ''}:`,
      `  with network access:       ${report.nativeSetup.online}`,
      '                             (tfjs-node is optional; its install script downloads libtensorflow 2.9.1)',
      `  download blocked/offline:  ${report.nativeSetup.offline}`,
      '                             (Linux x86_64: builds it from the tensorflow-cpu 2.9.1 wheel on PyPI;',
      `                             needs ${NATIVE_OFFLINE_NEEDS})`,
    );
  }
  return `${lines.join('\n')}\n`;
}
