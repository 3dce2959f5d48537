/**
 * Coalesces bursts of updates (progress events, snapshots, slider drags) into at most one call per frame.
 * The scheduler is injected — `requestAnimationFrame` in the page, a manual queue in tests — so this file
 * needs no DOM.
 */

/** Schedules a callback "soon" (one animation frame in the page). */
export type Scheduler = (callback: () => void) => unknown;

/** A function that remembers only the latest argument and runs it once per scheduled tick. */
export interface Coalesced<T> {
  (value: T): void;
  /** Runs the pending call now (e.g. before the final render). */
  flush(): void;
  /** Drops the pending call. */
  cancel(): void;
}

/** Wraps `run` so that many calls within one tick become one call with the latest value. */
export function coalesce<T>(run: (value: T) => void, schedule: Scheduler): Coalesced<T> {
  let pending = false;
  let scheduled = false;
  let latest: T | undefined;
  const fire = (): void => {
    scheduled = false;
    if (!pending) return;
    pending = false;
    const value = latest as T;
    latest = undefined;
    run(value);
  };
  const call = ((value: T) => {
    latest = value;
    pending = true;
    if (!scheduled) {
      scheduled = true;
      schedule(fire);
    }
  }) as Coalesced<T>;
  call.flush = () => {
    if (pending) fire();
  };
  call.cancel = () => {
    pending = false;
    latest = undefined;
  };
  return call;
}
