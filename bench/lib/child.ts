/**
 * Runs one benchmark step in its own child process so that its peak memory is its own: the process is
 * started under GNU time (`/usr/bin/time -f %M`), which reports the child's maximum resident set size
 * (of the largest process in its tree, as the kernel's rusage does) and its user + system CPU time. Without
 * GNU time the child's own report (a `peakRssMb` field in its JSON) is used instead.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../../src/util/paths.js';

const GNU_TIME = '/usr/bin/time';

export interface ChildOptions {
  /** Extra environment variables (merged over this process's environment). Default: none. */
  env?: Record<string, string | undefined>;
  /** Kill the child after this many milliseconds. Default: 30 minutes. */
  timeoutMs?: number;
  /** Working directory. Default: the package root. */
  cwd?: string;
  /** Echo the child's stderr lines to this process's stderr, prefixed. Default: true. */
  echoStderr?: boolean;
  /** Prefix for echoed stderr lines. Default: the command's base name. */
  label?: string;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Wall time of the whole child, start-up included. */
  wallMs: number;
  /** Peak resident set size in MiB, or null when it could not be measured. */
  peakRssMb: number | null;
  /** User + system CPU time of the child (all its threads and waited-for children), or null without GNU time. */
  cpuMs: number | null;
}

/** Runs `command args…` under GNU time and collects its output, wall time and peak RSS. */
export async function runMeasured(
  command: string,
  args: string[],
  options: ChildOptions = {},
): Promise<ChildResult> {
  const { timeoutMs = 30 * 60_000, cwd = packageRoot(), echoStderr = true, label = command } = options;
  const useTime = existsSync(GNU_TIME);
  const dir = await mkdtemp(join(tmpdir(), 'tl-bench-'));
  const rssFile = join(dir, 'rss');
  const [cmd, argv] = useTime
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]]
    : [command, args];
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const start = performance.now();
  try {
    return await new Promise<ChildResult>((resolve, reject) => {
      // its own process group: the time limit must stop the command, not only GNU time above it (killing
      // time alone left the command running, holding the pipes open, so this promise never settled)
      const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (echoStderr) {
          for (const line of chunk.split('\n'))
            if (line.trim()) process.stderr.write(`  [${label}] ${line}\n`);
        }
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', async (code, signal) => {
        clearTimeout(timer);
        const wallMs = performance.now() - start;
        let peakRssMb: number | null = null;
        let cpuMs: number | null = null;
        if (useTime) {
          // GNU time writes "Command exited with non-zero status N" before the figures when the child failed.
          const text = await readFile(rssFile, 'utf8').catch(() => '');
          const [kb, user, system] = (text.trim().split('\n').pop() ?? '').split(' ').map(Number);
          if (Number.isFinite(kb) && kb > 0) peakRssMb = kb / 1024;
          if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
        }
        resolve({ code, signal, timedOut, stdout, stderr, wallMs, peakRssMb, cpuMs });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs a TypeScript file of this package in a fresh Node process through tsx. */
export function runTsScript(
  script: string,
  args: string[],
  options: ChildOptions = {},
): Promise<ChildResult> {
  return runMeasured(process.execPath, ['--import', 'tsx', join(packageRoot(), script), ...args], {
    label: script.split('/').pop(),
    ...options,
  });
}

/** The last line of stdout parsed as JSON (children print their result there); throws a readable error. */
export function lastJsonLine<T>(result: ChildResult, what: string): T {
  const lines = result.stdout.trim().split('\n').filter(Boolean);
  const last = lines[lines.length - 1];
  if (result.code !== 0 || last === undefined) {
    const why = result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`;
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((l) => l.trim());
    // the last stderr line is usually the exception itself: keep it on the first line of the message
    const reason = lines.at(-1)?.trim();
    const tail = lines.slice(-6, -1).join('\n');
    throw new Error(`${what} ${why}${reason ? `: ${reason}` : ''}${tail ? `\n${tail}` : ''}`);
  }
  return JSON.parse(last) as T;
}
