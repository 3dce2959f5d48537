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

/**
 * The command's stop outside its steps (`watchCommandSignals`): set when a Ctrl-C or SIGTERM came while no
 * step listened, so a step the command still starts afterwards is aborted at once and writes nothing.
 */
let commandStop: StopRequest | undefined;
/** How many `withInterrupt` steps listen to the signals now (the command's watch then leaves them to it). */
let listeningSteps = 0;
/** Whether a step has already taken a signal: a second one is then the force-quit. */
let stepSignalled = false;

export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let listening = true;
  const listeners = STOP_SIGNALS.map((name) => {
    const listener = () => {
      stopListening();
      stepSignalled = true;
      controller.abort(new StopRequest(name));
    };
    return [name, listener] as const;
  });
  const stopListening = () => {
    if (!listening) return;
    listening = false;
    listeningSteps--;
    for (const [name, listener] of listeners) process.off(name, listener);
  };
  for (const [name, listener] of listeners) process.on(name, listener);
  listeningSteps++;
  if (commandStop !== undefined) controller.abort(commandStop);
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

/** The watch of a whole command's signals (`watchCommandSignals`). */
export interface CommandWatch {
  /** Rejects with an InterruptedError when a Ctrl-C or SIGTERM comes while no step listens; never resolves. */
  readonly stopped: Promise<never>;
  /** Stops listening (the command ended). */
  end(): void;
}

/**
 * Watches Ctrl-C and SIGTERM for the whole of a command, not only its steps that stop cleanly
 * (`withInterrupt`: training, writing the outputs). Outside them — reading the input, loading TensorFlow,
 * embedding — nothing listened but the output locks' release, so the process died with no word and, under
 * --json, no JSON on stdout for the script reading it. Now `stopped` rejects with the same InterruptedError a
 * step gives (nothing is written before the steps; a step started later is aborted at once), and the CLI
 * exits with 130 or 143 without waiting for the work under way. A signal while a step listens is left to the
 * step; a second one, after a step or this watch took the first, is re-raised: the force-quit it always was.
 */
export function watchCommandSignals(): CommandWatch {
  commandStop = undefined;
  stepSignalled = false;
  let fail: (err: InterruptedError) => void = () => undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    fail = reject;
  });
  // the command may end without a signal: nobody awaits `stopped` then
  stopped.catch(() => undefined);
  const listeners = STOP_SIGNALS.map((name) => {
    const listener = () => {
      if (listeningSteps > 0) return;
      if (stepSignalled || commandStop !== undefined) {
        end();
        process.kill(process.pid, name);
        return;
      }
      commandStop = new StopRequest(name);
      fail(new InterruptedError(`cancelled (${stopWords(name)}); nothing was written`, name));
    };
    return [name, listener] as const;
  });
  const end = () => {
    for (const [name, listener] of listeners) process.off(name, listener);
  };
  for (const [name, listener] of listeners) process.on(name, listener);
  return { stopped, end };
}
