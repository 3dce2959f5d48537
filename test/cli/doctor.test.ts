import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BACKEND_NAMES } from '../../src/api/backend-info.js';
import type { DoctorReport } from '../../src/backend/doctor-report.js';
import { doctorCommand } from '../../src/cli/commands/doctor.js';
import { exitCodeFor } from '../../src/cli/main.js';
import { packageRoot } from '../../src/util/paths.js';
import { captureIo } from './helpers.js';

/** Runs a CLI entry in a child process with TRIPLETLENS_BACKEND set (or removed). */
function runCli(entry: string[], args: string[], backend?: string) {
  const env = { ...process.env };
  if (backend === undefined) delete env.TRIPLETLENS_BACKEND;
  else env.TRIPLETLENS_BACKEND = backend;
  return spawnSync(process.execPath, [...entry, ...args], { cwd: packageRoot(), env, encoding: 'utf8' });
}

test('doctor --json reports a backend, why, versions and a passing matmul check', async () => {
  const io = captureIo();
  const code = await doctorCommand(['--json'], io);
  assert.equal(code, 0, io.err);
  const report = JSON.parse(io.out) as DoctorReport;
  assert.ok((BACKEND_NAMES as readonly string[]).includes(report.backend));
  assert.equal(report.check.ok, true);
  assert.ok(report.check.maxAbsError < 1e-4);
  assert.equal(report.versions.node, process.versions.node);
  assert.ok(report.threads >= 1);
  assert.equal(report.searchThreads, availableParallelism(), 'the neighbour search: one thread per core');
  const chosen = report.attempts.at(-1);
  assert.deepEqual(chosen, { backend: report.backend, ok: true });
  for (const failed of report.attempts.slice(0, -1)) {
    assert.equal(failed.ok, false);
    assert.ok(failed.error && failed.error.length > 0, `${failed.backend} failure has a reason`);
  }
  assert.equal(report.nativeSetup.offline, 'scripts/setup-native-offline');
});

test('doctor prints the same in words, including how to get the native backend', async () => {
  const io = captureIo();
  assert.equal(await doctorCommand([], io), 0, io.err);
  assert.match(io.out, /^ {2}backend {4}(tensorflow|wasm|cpu) \(/m);
  assert.match(io.out, /matMul 64×48 · 48×32: ok/);
  assert.match(
    io.out,
    new RegExp(`^ {2}search +${availableParallelism()} threads? for the neighbour search`, 'm'),
  );
  assert.match(io.out, /Native backend: (in use|not in use)/);
});

test('doctor --help names --threads as train’s option, since doctor itself refuses it', async () => {
  const io = captureIo();
  assert.equal(await doctorCommand(['--help'], io), 0, io.err);
  assert.match(io.out, /unless train's --threads says otherwise/);
  await assert.rejects(doctorCommand(['--threads', '2'], captureIo()), /Valid options: --json, --help/);
});

test('doctor rejects stray arguments and unknown options with exit code 2', async () => {
  await assert.rejects(doctorCommand(['extra'], captureIo()), (err: unknown) => {
    assert.match(String(err), /takes no arguments; got 'extra'/);
    assert.equal(exitCodeFor(err), 2);
    return true;
  });
  await assert.rejects(doctorCommand(['--jsn'], captureIo()), /Valid options: --json, --help/);
});

test('the built CLI finds the wasm binaries from dist/ and reports SIMD and one thread', () => {
  const entry = join(packageRoot(), 'dist', 'cli', 'run.js');
  assert.ok(existsSync(entry), 'npm test builds dist/ first');
  const run = runCli([entry], ['doctor', '--json'], 'wasm');
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as DoctorReport;
  assert.equal(report.backend, 'wasm');
  assert.equal(report.simd, true);
  assert.equal(report.threads, 1);
  assert.match(report.notes?.join(' ') ?? '', /one thread/);
  assert.match(report.nativeHint ?? '', /setup-native-offline/);
});

test('a bad TRIPLETLENS_BACKEND fails with the valid choices and exit code 1', () => {
  const run = runCli(
    ['--import', 'tsx', join(packageRoot(), 'src', 'cli', 'run.ts')],
    ['doctor', '--json'],
    'gpu',
  );
  assert.equal(run.status, 1);
  assert.deepEqual(JSON.parse(run.stdout), {
    backend: null,
    error: "TRIPLETLENS_BACKEND='gpu' is not a backend; use one of: tensorflow, wasm, cpu",
    kind: 'environment',
    exitCode: 1,
  });
  assert.match(run.stderr, /use one of: tensorflow, wasm, cpu/);
});
