// The real loaders on this machine. The native backend may or may not be set up here
// (scripts/setup-native-offline), so the tests that need a known answer inject a failing native loader.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, currentBackendInfo, forcedBackend, initBackend } from '../../src/backend/init.js';
import { loadCpu, loadWasm, realLoaders } from '../../src/backend/loaders.js';
import type { BackendInfo } from '../../src/api/backend-info.js';
import { packageRoot } from '../../src/util/paths.js';

const noNative = {
  ...realLoaders,
  tensorflow: async () => Promise.reject(new Error('tfjs-node absent (test)')),
};

test('without native TensorFlow, the real selection lands on wasm with SIMD and one thread', async () => {
  const before = tf.memory().numTensors;
  const info = await chooseBackend({}, noNative, {});
  assert.equal(info.backend, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(info.simd, true);
  assert.equal(info.threads, 1);
  assert.equal(info.versions['tfjs-backend-wasm'], tf.version.tfjs);
  assert.equal(info.versions.node, process.versions.node);
  assert.deepEqual(info.attempts[0], { backend: 'tensorflow', ok: false, error: 'tfjs-node absent (test)' });
  assert.match(info.nativeHint ?? '', /setup-native-offline/);
  assert.equal(tf.memory().numTensors, before, 'the proof matmul leaves no tensors behind');
});

test('the cpu loader works and switching backends back and forth is safe', async () => {
  await loadCpu();
  assert.equal(tf.getBackend(), 'cpu');
  const again = await loadWasm();
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(again.simd, true);
});

test('initBackend is idempotent: the second call returns the cached info, whatever it asks', async () => {
  const first = await initBackend({ prefer: 'wasm' });
  const second = await initBackend({ prefer: 'cpu' });
  assert.equal(second, first);
  assert.equal(currentBackendInfo(), first);
  // CI may run the suite with TRIPLETLENS_BACKEND forcing a backend; that overrides `prefer`.
  const expected = forcedBackend() ?? 'wasm';
  assert.equal(first.backend, expected);
  assert.equal(tf.getBackend(), expected);
  assert.equal(
    await Promise.all([initBackend(), initBackend()]).then(([a, b]) => a === b && a === first),
    true,
  );
});

test('default initBackend in a fresh process: native when it loads, otherwise wasm with the reason', () => {
  const script = `
    import { initBackend } from ${JSON.stringify(join(packageRoot(), 'src', 'backend', 'index.ts'))};
    const info = await initBackend();
    process.stdout.write(JSON.stringify(info));`;
  const env = { ...process.env };
  delete env.TRIPLETLENS_BACKEND;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: packageRoot(),
    env,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const info = JSON.parse(run.stdout) as BackendInfo;
  assert.equal(info.attempts[0].backend, 'tensorflow');
  if (info.attempts[0].ok) {
    assert.equal(info.backend, 'tensorflow');
    assert.match(info.versions.libtensorflow ?? '', /^2\./);
  } else {
    assert.equal(info.backend, 'wasm');
    assert.ok((info.attempts[0].error ?? '').length > 0, 'the native failure reason is recorded');
  }
});
