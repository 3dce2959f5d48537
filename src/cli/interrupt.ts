/**
 * Ctrl-C (SIGINT) or SIGTERM during a long step of a command: the first one aborts the step cleanly through
 * `signal` (a run stops, the file being written is finished and the temporaries removed); the listeners are
 * removed on the first, so a second signal meets Node's default handler and force-quits a step that takes
 * too long to stop. SIGTERM is what `kill`, `timeout`, systemd, Slurm and `docker stop` send: without its
 * listener a run stopped while writing its outputs left the half-written hidden temporary beside them.
 */
import { StopRequest, stopExitCode, stopWords, type StopSignal } from '../util/stop-request.js';

/** The signals a step stops cleanly on. */
const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** A step stopped by Ctrl-C or SIGTERM before it wrote anything: the CLI prints its message and exits 128 + the signal. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(
    message: string,
    /** The signal that stopped it. */
    readonly signal: StopSignal = 'SIGINT',
  ) {
    super(message);
  }
}

export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const listeners = STOP_SIGNALS.map((name) => {
    const listener = () => {
      stopListening();
      controller.abort(new StopRequest(name));
    };
    return [name, listener] as const;
  });
  const stopListening = () => {
    for (const [name, listener] of listeners) process.off(name, listener);
  };
  for (const [name, listener] of listeners) process.on(name, listener);
  try {
    return await fn(controller.signal);
  } catch (err) {
    // a run stopped by our signal rejects with the engine's AbortError ("Training was cancelled"), which says
    // neither why nor what became of the outputs; a cancelled commit's WriteError (ECANCELED) says both
    const reason: unknown = controller.signal.reason;
    if (reason instanceof StopRequest && err instanceof Error && err.name === 'AbortError') {
      throw new InterruptedError(
        `cancelled (${stopWords(reason.signal)}); nothing was written`,
        reason.signal,
      );
    }
    throw err;
  } finally {
    stopListening();
  }
}

/** Whether a command's failure is a Ctrl-C or SIGTERM: a step stopped by it, or a commit it cancelled (ECANCELED). */
export function isInterruption(err: unknown): boolean {
  return err instanceof InterruptedError || (err as { code?: unknown } | null)?.code === 'ECANCELED';
}

/** The signal of an interruption: its own, or the one that cancelled a commit (SIGINT when it names none). */
export function interruptionSignal(err: unknown): StopSignal {
  if (err instanceof InterruptedError) return err.signal;
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof StopRequest ? cause.signal : 'SIGINT';
}

/** The exit code of an interruption: 130 for Ctrl-C, 143 for SIGTERM, as a shell reports the signal. */
export function interruptedExitCode(err: unknown): number {
  return stopExitCode(interruptionSignal(err));
}
