/**
 * A WorkerSpawner over Electron's utilityProcess, for the desktop shell: the same engine worker as
 * `tripletlens serve`, hosted in a utilityProcess instead of a forked Node child. Electron is passed in
 * (not imported) so this module stays loadable — and testable — outside Electron.
 */
import type { HostToWorker } from '../api/messages.js';
import type { WorkerHandle, WorkerSpawner } from './spawner.js';

/** The part of Electron's UtilityProcess this needs (structurally typed; see Electron's docs). */
export interface UtilityProcessLike {
  pid?: number;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** The part of Electron's `utilityProcess` module this needs. */
export interface UtilityProcessModule {
  fork(
    modulePath: string,
    args?: string[],
    options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore'; env?: NodeJS.ProcessEnv },
  ): UtilityProcessLike;
}

export interface UtilityProcessSpawnerOptions {
  /** The built worker entry (dist/worker/engine-worker.js, inside the asar as packaged). */
  script: string;
  /** Shown in the OS's task manager. Default 'TripletLens engine'. */
  serviceName?: string;
  /** Extra environment variables. Default: none (the app's environment is inherited). */
  env?: Record<string, string>;
}

/** Spawns the engine worker with Electron's utilityProcess.fork. */
export function utilityProcessSpawner(
  utilityProcess: UtilityProcessModule,
  options: UtilityProcessSpawnerOptions,
): WorkerSpawner {
  return () => {
    const child = utilityProcess.fork(options.script, [], {
      serviceName: options.serviceName ?? 'TripletLens engine',
      stdio: 'inherit',
      env: { ...process.env, ...options.env },
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const handle: WorkerHandle = {
      get pid() {
        return child.pid;
      },
      send: (message: HostToWorker) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => {
        child.on('message', listener);
      },
      // utilityProcess reports only an exit code; a crash by signal arrives as a non-zero code
      onExit: (listener) => {
        child.once('exit', (code) => listener(code, null));
      },
      kill: () => {
        if (!exited) child.kill();
      },
    };
    return handle;
  };
}
