/**
 * Ctrl-C during a long step of a command: the first one aborts the step cleanly through `signal` (a run
 * stops, the file being written is finished and the temporaries removed); the listener is registered with
 * `once`, so a second Ctrl-C meets Node's default handler and force-quits a step that takes too long to stop.
 */

/** The exit code of a command stopped by Ctrl-C: 128 + SIGINT's number, as a shell reports a process it interrupted. */
export const INTERRUPTED_EXIT_CODE = 130;

/** A step stopped by Ctrl-C before it wrote anything: the CLI prints its message and exits with 130. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await fn(controller.signal);
  } catch (err) {
    // a run stopped by our signal rejects with the engine's AbortError ("Training was cancelled"), which says
    // neither why nor what became of the outputs; a cancelled commit's WriteError (ECANCELED) says both
    if (controller.signal.aborted && err instanceof Error && err.name === 'AbortError') {
      throw new InterruptedError('cancelled (Ctrl-C); nothing was written');
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Whether a command's failure is a Ctrl-C: a step stopped by it, or a commit it cancelled (ECANCELED). */
export function isInterruption(err: unknown): boolean {
  return err instanceof InterruptedError || (err as { code?: unknown } | null)?.code === 'ECANCELED';
}
