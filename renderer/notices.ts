/**
 * The list of notices (banners under the header) kept readable: the same message raised again — a setting
 * refused on every click, an import note listed twice by a reader — is one banner with a count, moved to
 * the end, instead of a pile; beyond the cap the oldest notices drop off, warnings and infos before errors
 * (errors stay until dismissed, so a failure is not pushed out by chatter). Pure, no DOM.
 */
import type { Notice, ScreenName } from './state.js';

/** At most this many notices are kept. */
export const MAX_NOTICES = 4;

/** Whether two notices say the same thing (same level, title and message). */
export function sameNotice(
  a: Pick<Notice, 'level' | 'title' | 'message'>,
  b: Pick<Notice, 'level' | 'title' | 'message'>,
): boolean {
  return a.level === b.level && a.title === b.title && a.message === b.message;
}

/**
 * `notices` with `notice` added at the end: an earlier notice saying the same thing is replaced by it, its
 * count carried over (count = how many times it was raised); then capped at `max`, dropping the oldest
 * non-error first.
 */
export function addNotice(notices: readonly Notice[], notice: Notice, max = MAX_NOTICES): Notice[] {
  const earlier = notices.find((n) => sameNotice(n, notice));
  const count = (earlier?.count ?? (earlier ? 1 : 0)) + 1;
  const next = notices.filter((n) => n !== earlier);
  next.push(count > 1 ? { ...notice, count } : notice);
  while (next.length > max) {
    const oldest = next.findIndex((n) => n.level !== 'error');
    next.splice(oldest >= 0 && oldest < next.length - 1 ? oldest : 0, 1);
  }
  return next;
}

/**
 * The notices shown on `screen`: those of no screen, and those raised by an action of that screen
 * (Notice.screen) — a failed projection in Explore is not shown over the Import screen the user moved to.
 */
export function shownNotices(notices: readonly Notice[], screen: ScreenName): Notice[] {
  return notices.filter((n) => n.screen === undefined || n.screen === screen);
}
