/**
 * The worker's side of the channel to its host, whichever way it was started:
 * - child_process.fork: process.send / process.on('message', m)
 * - Electron utilityProcess: process.parentPort.postMessage / parentPort.on('message', e => e.data)
 */
import type { HostToWorker, WorkerToHost } from '../api/messages.js';
import { isHostMessage } from '../api/messages.js';
import { CoreError } from '../api/core-error.js';

export interface ParentPort {
  send(message: WorkerToHost): void;
  onMessage(listener: (message: HostToWorker) => void): void;
  /** Called when the host goes away (the IPC channel closed); the worker should exit. */
  onDisconnect(listener: () => void): void;
}

/** Electron's utilityProcess adds `parentPort` to `process` (not in @types/node). */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** The port to the process that started this one; throws when there is none (run directly from a shell). */
export function connectParentPort(proc: NodeJS.Process = process): ParentPort {
  const electronPort = (proc as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (message) => electronPort.postMessage(message),
      onMessage: (listener) =>
        electronPort.on('message', (event) => {
          if (isHostMessage(event.data)) listener(event.data);
        }),
      // a utilityProcess is killed by its parent when the parent exits; nothing to watch
      onDisconnect: () => undefined,
    };
  }
  if (typeof proc.send === 'function') {
    return {
      send: (message) => {
        // the channel may already be closed when the host died; there is nobody left to tell
        if (proc.connected) proc.send?.(message);
      },
      onMessage: (listener) =>
        proc.on('message', (message: unknown) => {
          if (isHostMessage(message)) listener(message);
        }),
      onDisconnect: (listener) => proc.on('disconnect', listener),
    };
  }
  throw new CoreError(
    'environment',
    'The engine worker must be started by TripletLens (child_process.fork or an Electron utilityProcess), not run directly',
  );
}
