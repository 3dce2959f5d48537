/**
 * The real loaders, one per backend. Each makes its backend the active tfjs backend, runs one tiny
 * computation to prove it works, and reports versions and threads; anything wrong is thrown with the
 * real error text so `doctor` can show why a better backend was not used.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { registerNativeKernels } from './native-kernels.js';
import { WASM_THREADS_NOTE } from './native-hint.js';
import { requireFromRoot } from './resolve-package.js';
import type { BackendLoader, LoadedBackend } from './types.js';
import type { BackendName } from '../api/backend-info.js';
import { CoreError } from '../api/core-error.js';

/** The npm package that provides the native backend. */
export const TFJS_NODE_PACKAGE = '@tensorflow/tfjs-node';
const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';

/** The installed version of a package (read from its package.json, without loading it), if installed. */
function installedVersion(name: string): string | undefined {
  try {
    const require = requireFromRoot();
    return (require(require.resolve(`${name}/package.json`)) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Node, tfjs, and every backend package that is installed (whether or not it is the one in use). */
function baseVersions(): Record<string, string> {
  const versions: Record<string, string> = {
    node: process.versions.node,
    tfjs: tf.version.tfjs,
    'tfjs-core': tf.version['tfjs-core'],
    'tfjs-backend-cpu': tf.version['tfjs-backend-cpu'],
  };
  for (const name of [WASM_PACKAGE, TFJS_NODE_PACKAGE]) {
    const version = installedVersion(name);
    if (version) versions[name.replace('@tensorflow/', '')] = version;
  }
  return versions;
}

/**
 * Switches tfjs to `name` and proves it computes. tfjs reports a failed backend initialisation only through
 * console.warn and a `false` result, so warnings are captured to give the caller the real reason (this also
 * keeps the cpu backend's first-use "install our node backend" banner off the user's terminal: `doctor`
 * says the same thing properly).
 */
async function activate(name: BackendName): Promise<void> {
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  };
  try {
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) {
      const detail = warnings.filter((w) => !/^Initialization of backend/.test(w)).join(' ');
      throw new CoreError(
        'environment',
        `tfjs could not initialise the '${name}' backend${detail ? `: ${detail}` : ''}`,
      );
    }
    await tf.ready();
    proveItComputes(name);
  } finally {
    console.warn = originalWarn;
  }
}

/** One matmul, so a backend that registers but cannot compute counts as failed. */
function proveItComputes(name: BackendName): void {
  // Read outside tf.tidy: tidy walks every element of a returned typed array looking for tensors.
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.eye(2)));
  const value = product.dataSync();
  product.dispose();
  if (value[3] !== 4)
    throw new CoreError('environment', `the '${name}' backend computed a wrong matmul result`);
}

/** Native TensorFlow through tfjs-node, found in the package's node_modules. */
export const loadTensorflow: BackendLoader = async () => {
  // TensorFlow's C++ logging would print oneDNN/CPU-feature banners on stderr; keep warnings and errors only.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  const require = requireFromRoot();
  let entry: string;
  try {
    entry = require.resolve(TFJS_NODE_PACKAGE);
  } catch {
    throw new CoreError('environment', `${TFJS_NODE_PACKAGE} is not installed`);
  }
  // tfjs-node is CommonJS; loading it registers the 'tensorflow' backend with the shared tfjs-core.
  const node = require(entry) as { version?: Record<string, string> };
  if (!tf.findBackendFactory('tensorflow')) {
    throw new CoreError(
      'environment',
      `${TFJS_NODE_PACKAGE} loaded but registered with another copy of tfjs-core ` +
        `(it carries its own @tensorflow/tfjs; its version must equal ${tf.version.tfjs})`,
    );
  }
  await activate('tensorflow');
  const kernelNote = registerNativeKernels();
  const binding = (tf.backend() as unknown as { binding?: { TF_Version?: string } }).binding;
  const versions: Record<string, string> = {
    ...baseVersions(),
    'tfjs-node': node.version?.['tfjs-node'] ?? 'unknown',
  };
  if (binding?.TF_Version) versions.libtensorflow = binding.TF_Version;
  return { versions, threads: nativeThreads(), ...(kernelNote ? { notes: [kernelNote] } : {}) };
};

/**
 * TensorFlow's intra-op thread pool: TF_NUM_INTRAOP_THREADS when set to a positive integer (TensorFlow reads
 * it at start-up), otherwise one thread per logical core, TensorFlow's default.
 */
export function nativeThreads(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.TF_NUM_INTRAOP_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
}

/** The directory holding the tfjs-backend-wasm .wasm binaries, resolved from node_modules. */
export function wasmBinaryDir(): string {
  const entry = requireFromRoot().resolve(WASM_PACKAGE);
  return dirname(entry);
}

/** XNNPACK in WebAssembly, SIMD build when the runtime validates SIMD. */
export const loadWasm: BackendLoader = async () => {
  const dir = wasmBinaryDir();
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
    if (!existsSync(join(dir, file))) throw new CoreError('environment', `missing ${join(dir, file)}`);
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Absolute prefix: works from src/ and dist/, never relative to the bundled file.
  wasm.setWasmPaths(dir + sep);
  await activate('wasm');
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threaded = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  const loaded: LoadedBackend = {
    versions: baseVersions(),
    threads: wasm.getThreadsCount(),
    simd,
  };
  if (!threaded) loaded.notes = [WASM_THREADS_NOTE];
  return loaded;
};

/** The pure-JavaScript backend: always there, several times slower than wasm. */
export const loadCpu: BackendLoader = async () => {
  await activate('cpu');
  return { versions: baseVersions(), threads: 1 };
};

/** The loaders `initBackend` uses. */
export const realLoaders: Record<BackendName, BackendLoader> = {
  tensorflow: loadTensorflow,
  wasm: loadWasm,
  cpu: loadCpu,
};
