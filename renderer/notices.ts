/**
 * The list of notices (banners under the header) kept readable: the same message raised again — a setting
 * refused on every click, an import note listed twice by a reader — is one banner with a count, moved to
 * the end, instead of a pile; beyond the cap the oldest notices drop off, warnings and infos before errors
 * (errors stay until dismissed, so a failure is not pushed out by chatter). The notes about the data open and
 * its map — its import's notes, the run's notes — are outside the cap: they stay until dismissed or replaced
 * (other data opened, another run), so a finished run's notes and later outcomes never push out a warning
 * that genes were dropped or ids renamed. Pure, no DOM.
 */
import type { Notice, ScreenName } from './state.js';
import { IMPORT_NOTE_TITLE } from './import-notes.js';
import { RUN_NOTE_TITLE } from './run-notes.js';

/** At most this many notices are kept, besides the notes about the data open and its map (`isDataNote`). */
export const MAX_NOTICES = 4;

/**
 * Whether `notice` is a note about the data open (an Import note) or its map (a Run note): what the user needs
 * while reading the map, which the cap never drops — it pushed a dropped-genes warning out after training.
 */
export function isDataNote(notice: Pick<Notice, 'title'>): boolean {
  return notice.title === IMPORT_NOTE_TITLE || notice.title === RUN_NOTE_TITLE;
}

/** Whether two notices say the same thing (same level, title and message). */
export function sameNotice(
  a: Pick<Notice, 'level' | 'title' | 'message'>,
  b: Pick<Notice, 'level' | 'title' | 'message'>,
): boolean {
  return a.level === b.level && a.title === b.title && a.message === b.message;
}

/**
 * `notices` with `notice` added at the end: an earlier notice saying the same thing is replaced by it, its
 * count carried over (count = how many times it was raised); then the notices other than data notes
 * (`isDataNote`) capped at `max`, dropping the oldest non-error first — never the one just added — else the
 * oldest error.
 */
export function addNotice(notices: readonly Notice[], notice: Notice, max = MAX_NOTICES): Notice[] {
  const earlier = notices.find((n) => sameNotice(n, notice));
  const count = (earlier?.count ?? (earlier ? 1 : 0)) + 1;
  const next = notices.filter((n) => n !== earlier);
  next.push(count > 1 ? { ...notice, count } : notice);
  const capped = (n: Notice): boolean => !isDataNote(n);
  while (next.filter(capped).length > max) {
    const last = next.length - 1;
    const chatter = next.findIndex((n, i) => capped(n) && n.level !== 'error' && i < last);
    next.splice(chatter >= 0 ? chatter : next.findIndex(capped), 1);
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
