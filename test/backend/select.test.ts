import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseBackend, backendOrder, forcedBackend } from '../../src/backend/init.js';
import { BackendUnavailableError, selectBackend } from '../../src/backend/select.js';
import { shortenError } from '../../src/backend/shorten-error.js';
import { nativeThreads } from '../../src/backend/loaders.js';
import { availableParallelism } from 'node:os';
import type { BackendLoader } from '../../src/backend/types.js';
import type { BackendName } from '../../src/api/backend-info.js';

/** Fake loaders that record the order they were called in. */
function fakeLoaders(failing: Partial<Record<BackendName, string>>) {
  const calls: BackendName[] = [];
  const make =
    (name: BackendName): BackendLoader =>
    async () => {
      calls.push(name);
      const message = failing[name];
      if (message !== undefined) throw new Error(message);
      return { versions: { [name]: '1.0' }, threads: name === 'tensorflow' ? 8 : 1 };
    };
  return { calls, loaders: { tensorflow: make('tensorflow'), wasm: make('wasm'), cpu: make('cpu') } };
}

test('the best backend that loads wins, and nothing after it is tried', async () => {
  const { calls, loaders } = fakeLoaders({});
  const info = await selectBackend(['tensorflow', 'wasm', 'cpu'], loaders);
  assert.equal(info.backend, 'tensorflow');
  assert.deepEqual(calls, ['tensorflow']);
  assert.deepEqual(info.attempts, [{ backend: 'tensorflow', ok: true }]);
  assert.equal(info.threads, 8);
  assert.equal(info.nativeHint, undefined, 'no hint when already native');
});

test('a loader that throws hands over to the next one, and its reason is recorded', async () => {
  const { calls, loaders } = fakeLoaders({
    tensorflow: 'libtensorflow.so.2: cannot open shared object file',
  });
  const info = await selectBackend(['tensorflow', 'wasm', 'cpu'], loaders, { nativeHint: 'get it' });
  assert.equal(info.backend, 'wasm');
  assert.deepEqual(calls, ['tensorflow', 'wasm']);
  assert.deepEqual(info.attempts, [
    { backend: 'tensorflow', ok: false, error: 'libtensorflow.so.2: cannot open shared object file' },
    { backend: 'wasm', ok: true },
  ]);
  assert.match(info.reason, /tensorflow could not load/);
  assert.equal(info.nativeHint, 'get it');
});

test('two failures fall through to cpu with both reasons', async () => {
  const { loaders } = fakeLoaders({ tensorflow: 'no native', wasm: 'no wasm' });
  const info = await selectBackend(['tensorflow', 'wasm', 'cpu'], loaders);
  assert.equal(info.backend, 'cpu');
  assert.deepEqual(
    info.attempts.map((a) => [a.backend, a.ok, a.error]),
    [
      ['tensorflow', false, 'no native'],
      ['wasm', false, 'no wasm'],
      ['cpu', true, undefined],
    ],
  );
});

test('when nothing loads the error lists every reason', async () => {
  const { loaders } = fakeLoaders({ tensorflow: 'a', wasm: 'b', cpu: 'c' });
  await assert.rejects(selectBackend(['tensorflow', 'wasm', 'cpu'], loaders), (err: unknown) => {
    assert.ok(err instanceof BackendUnavailableError);
    assert.match(err.message, /tensorflow: a; wasm: b; cpu: c/);
    assert.equal(err.attempts.length, 3);
    return true;
  });
});

test('prefer moves one backend to the front and keeps the fallback', async () => {
  assert.deepEqual(backendOrder(), ['tensorflow', 'wasm', 'cpu']);
  assert.deepEqual(backendOrder('cpu'), ['cpu', 'tensorflow', 'wasm']);
  const { calls, loaders } = fakeLoaders({ wasm: 'broken' });
  const info = await chooseBackend({ prefer: 'wasm' }, loaders, {});
  assert.equal(info.backend, 'tensorflow');
  assert.deepEqual(calls, ['wasm', 'tensorflow']);
});

test('TRIPLETLENS_BACKEND forces one backend with no fallback, and fails clearly', async () => {
  const ok = fakeLoaders({});
  const info = await chooseBackend({ prefer: 'tensorflow' }, ok.loaders, { TRIPLETLENS_BACKEND: 'cpu' });
  assert.equal(info.backend, 'cpu');
  assert.deepEqual(ok.calls, ['cpu']);
  assert.match(info.reason, /TRIPLETLENS_BACKEND=cpu/);

  const failing = fakeLoaders({ tensorflow: 'tfjs_binding.node can not be found' });
  await assert.rejects(
    chooseBackend({}, failing.loaders, { TRIPLETLENS_BACKEND: 'Tensorflow' }),
    /TRIPLETLENS_BACKEND=tensorflow was requested but it cannot load \(tensorflow: tfjs_binding.node can not be found\)/,
  );
  assert.deepEqual(failing.calls, ['tensorflow'], 'no fallback when forced');
});

test('an unknown TRIPLETLENS_BACKEND value names the valid ones', () => {
  assert.equal(forcedBackend({}), undefined);
  assert.equal(forcedBackend({ TRIPLETLENS_BACKEND: ' ' }), undefined);
  assert.throws(
    () => forcedBackend({ TRIPLETLENS_BACKEND: 'gpu' }),
    /'gpu' is not a backend; use one of: tensorflow, wasm, cpu/,
  );
});

test('error text is kept real but cut to its first line', () => {
  assert.equal(shortenError(new Error('\n  first line\nsecond')), 'first line');
  assert.equal(shortenError('plain'), 'plain');
  const long = shortenError(new Error('x'.repeat(500)), 50);
  assert.equal(long.length, 50);
  assert.ok(long.endsWith('…'));
});

test('native threads follow TF_NUM_INTRAOP_THREADS, else one per core', () => {
  assert.equal(nativeThreads({ TF_NUM_INTRAOP_THREADS: '3' }), 3);
  assert.equal(nativeThreads({ TF_NUM_INTRAOP_THREADS: '0' }), availableParallelism());
  assert.equal(nativeThreads({ TF_NUM_INTRAOP_THREADS: 'many' }), availableParallelism());
  assert.equal(nativeThreads({}), availableParallelism());
});
