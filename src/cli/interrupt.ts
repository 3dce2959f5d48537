/**
 * Ctrl-C during a long step of a command: the first one aborts the step cleanly through `signal` (a run
 * stops, the file being written is finished and the temporaries removed); the listener is registered with
 * `once`, so a second Ctrl-C meets Node's default handler and force-quits a step that takes too long to stop.
 */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
