/** Runs CLI commands in-process with captured output, and through the built bin for process-level checks. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import Papa from 'papaparse';
import { main } from '../../src/cli/main.js';
import { packageRoot } from '../../src/util/paths.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A CliIo that collects what a command writes (`out`, `err`), for calling a command function directly. */
export function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stderrIsTty: false,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

/** `tripletlens ...argv` in this process (stderr is not a TTY). */
export async function runCli(argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTty: false,
  });
  return { code, stdout, stderr };
}

/** `node bin/tripletlens.js ...argv` as a child process (needs the build that `npm test` makes). */
export function spawnCli(argv: string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'tripletlens.js'), ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TRIPLETLENS_DEBUG: '' },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Rows of a CSV the CLI wrote (RFC 4180 quoting), asserting it parses without errors. */
export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.trimEnd());
  assert.deepEqual(parsed.errors, []);
  return parsed.data;
}

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
