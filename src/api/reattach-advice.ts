/**
 * The advice that ends the engine's refusal of a re-attach from a path it cannot read (engine/input-access.ts
 * `unreadableInputMessage`), shared with the crash replay: its notice adds the session's own input message,
 * which ends with the same advice in its words, so the refusal is given there without it — said once.
 */

/** How a refused re-attach ends: where to choose the input again, in the page's words. */
export const REATTACH_ADVICE =
  " — choose the input where it is now with “Open the input file again” in Explore's Edit labels panel";

/** `message` without {@link REATTACH_ADVICE} at its end (its full stop kept, if any); else `message` as it is. */
export function withoutReattachAdvice(message: string): string {
  const text = message.trim();
  const stop = text.endsWith('.') ? '.' : '';
  const body = stop ? text.slice(0, -1) : text;
  return body.endsWith(REATTACH_ADVICE) ? body.slice(0, -REATTACH_ADVICE.length) + stop : message;
}
