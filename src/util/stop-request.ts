/**
 * Why a command's step was aborted: the signal that stopped it (Ctrl-C's SIGINT, or the SIGTERM that `kill`,
 * `timeout`, systemd, Slurm or `docker stop` send), carried as the AbortSignal's reason so the step's own
 * message and the exit code say which, as a shell would.
 */

/** The signals a command stops cleanly on. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The signals' numbers: a process stopped by one exits with 128 + it, as a shell reports it. */
const SIGNAL_NUMBERS: Record<StopSignal, number> = { SIGINT: 2, SIGTERM: 15 };

/**
 * An AbortSignal's reason naming the signal. Its name is 'AbortError', as `AbortController.abort()`'s default
 * reason's is, so code that tells a cancelled step by that name (the engine, the thread pools) is unchanged.
 */
export class StopRequest extends Error {
  override name = 'AbortError';
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${stopWords(signal)}`);
  }
}

/** The signal as a user knows it: 'Ctrl-C' for SIGINT, else its name. */
export function stopWords(signal: StopSignal): string {
  return signal === 'SIGINT' ? 'Ctrl-C' : signal;
}

/** 130 for SIGINT, 143 for SIGTERM. */
export function stopExitCode(signal: StopSignal): number {
  return 128 + SIGNAL_NUMBERS[signal];
}

/** The signal an aborted AbortSignal names (SIGINT when its reason names none: Ctrl-C, as before). */
export function stoppedBy(signal: AbortSignal | undefined): StopSignal {
  return signal?.reason instanceof StopRequest ? signal.reason.signal : 'SIGINT';
}
