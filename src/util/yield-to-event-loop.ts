/**
 * One turn of the event loop (setImmediate) for long computations between chunks or steps, so pending I/O,
 * messages (a worker's status or Stop) and aborts run meanwhile.
 */

/** Resolves after the event loop has run what is pending. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
