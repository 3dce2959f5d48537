/**
 * How the host starts an engine worker. The spawner is injected: `tripletlens serve` forks a Node child
 * (forkSpawner below); the Electron shell wraps utilityProcess.fork in the same WorkerHandle shape.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostToWorker } from '../api/messages.js';
import { packageRoot } from '../util/paths.js';
import { CoreError } from '../api/core-error.js';

/** One running worker process, as the host sees it. */
export interface WorkerHandle {
  /** Sends a message (structured clone); must not throw when the worker has already exited. */
  send(message: HostToWorker): void;
  /** Every message the worker sends (validated by the client). */
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process exits, for whatever reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Forcefully ends the process. */
  kill(): void;
  /** The OS process id, when known. */
  pid?: number;
}

/** Starts a new worker process. */
export type WorkerSpawner = () => WorkerHandle;

/** Where the worker entry is and how to run it, for the current way the code runs (src via tsx, or dist). */
export function workerEntry(): { script: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // Running from the sources under tsx (tests, TRIPLETLENS_FROM_SOURCE): the child needs tsx too.
    return {
      script: join(packageRoot(), 'src', 'worker', 'engine-worker.ts'),
      execArgv: ['--import', 'tsx'],
    };
  }
  return { script: join(packageRoot(), 'dist', 'worker', 'engine-worker.js'), execArgv: [] };
}

export interface ForkSpawnerOptions {
  /** The worker script. Default: workerEntry().script. */
  script?: string;
  /** Node flags for the child. Default: workerEntry().execArgv. */
  execArgv?: string[];
  /** Extra environment variables. Default: none (the parent's environment is inherited). */
  env?: Record<string, string>;
  /** Where the child's stderr goes: 'inherit' (default) or 'pipe' to a listener. */
  onStderr?: (text: string) => void;
}

/** A spawner that forks a Node child process with 'advanced' serialization (typed arrays survive). */
export function forkSpawner(options: ForkSpawnerOptions = {}): WorkerSpawner {
  return () => {
    const entry = workerEntry();
    const script = options.script ?? entry.script;
    if (!existsSync(script)) {
      throw new CoreError('environment', `The engine worker is missing (${script}). Run 'npm run build'.`);
    }
    const child = fork(script, [], {
      execArgv: options.execArgv ?? entry.execArgv,
      serialization: 'advanced',
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', options.onStderr ? 'pipe' : 'inherit', 'ipc'],
    });
    if (options.onStderr) {
      const onStderr = options.onStderr;
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => onStderr(text));
    }
    // A send racing the child's exit raises EPIPE/ERR_IPC_CHANNEL_CLOSED; the exit listener reports the crash.
    child.on('error', () => undefined);
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message, (err) => void err);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code, signal) => listener(code, signal)),
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  };
}
