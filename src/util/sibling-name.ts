/**
 * The hidden names an OutputSet writes beside a destination — its temporary (`tmp`) and the old content it
 * keeps aside during the swap (`old`) — and reading a name back to its owner, so a later write can tidy what
 * a killed writer left: `coords.csv` → `.coords.csv.tmp-1234-3fa2-9f8e7d6c.csv`, i.e. the name, the tag, the
 * writer's pid, a tag of its machine (a pid says nothing about a writer on another machine sharing the
 * folder over a network), a random part (one process may write the same destination twice at once), and
 * the extension (for writers that choose a format by it: an `.h5ad` writer, say).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';

/** What a hidden sibling holds: the new content being written, or the old one kept aside. */
export type SiblingTag = 'tmp' | 'old';

/** UTF-8 bytes of the destination's name, and of its extension, a sibling name keeps (names end at 255 bytes). */
const SIBLING_NAME_BYTES = 60;
const SIBLING_EXT_BYTES = 16;

/** 4 hex digits of this machine's host name: which machine a pid in a sibling name belongs to. */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 4);

/** The writer a sibling name was made by. */
export interface SiblingOwner {
  tag: SiblingTag;
  pid: number;
  /** HOST_TAG of its machine; undefined for a name made before the tag existed (pid-random only). */
  host: string | undefined;
}

/** The longest start of `text` of at most `maxBytes` UTF-8 bytes, whole code points only (an emoji is 4). */
function startWithinBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > maxBytes) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * A long name is cut (so the sibling of a valid name is a valid name), and two long names may then share
 * their start: 8 hex digits of the whole name are added after the random part, so a sibling still names
 * exactly one destination (see siblingOwner).
 */
function nameCheck(name: string): string {
  if (startWithinBytes(name, SIBLING_NAME_BYTES) === name) return '';
  return `-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/** The parts of a sibling name around its owner: `.NAME.` before it, `-CHECK.EXT` after it. */
function frame(name: string): { head: string; tail: string } {
  const ext = startWithinBytes(extname(name), SIBLING_EXT_BYTES);
  // cut by bytes at a character boundary: a cut by UTF-16 units split an emoji into a lone surrogate
  return { head: `.${startWithinBytes(name, SIBLING_NAME_BYTES)}.`, tail: `${nameCheck(name)}${ext}` };
}

/**
 * A hidden name beside `path` for `tag`, owned by this process.
 * @param pid the owner written in the name (default: this process; tests name a writer that is gone)
 */
export function sibling(path: string, tag: SiblingTag, pid: number = process.pid): string {
  const { head, tail } = frame(basename(path));
  const unique = `${pid}-${HOST_TAG}-${randomBytes(4).toString('hex')}`;
  return join(dirname(path), `${head}${tag}-${unique}${tail}`);
}

/** `tmp-1234-3fa2-9f8e7d6c`, or `tmp-1234-9f8e7d6c` as named before the host tag. */
const OWNER = /^(tmp|old)-(\d{1,10})-(?:([0-9a-f]{4})-)?[0-9a-f]{8}$/;

/**
 * Reads names back to their owner when they are siblings of `path` made by sibling() — of exactly that
 * destination —, undefined for any other name (a user's file, another destination's sibling). Made once for
 * a folder's names: a folder of 100 000 files is read at each write.
 */
export function siblingMatcher(path: string): (name: string) => SiblingOwner | undefined {
  const { head, tail } = frame(basename(path));
  return (name) => {
    if (!name.startsWith(head) || !name.endsWith(tail) || name.length <= head.length + tail.length) return;
    const match = OWNER.exec(name.slice(head.length, name.length - tail.length));
    if (!match) return undefined;
    return { tag: match[1] as SiblingTag, pid: Number(match[2]), host: match[3] };
  };
}

/** The owner of `name` when it is a sibling of `path` (see siblingMatcher). */
export function siblingOwner(path: string, name: string): SiblingOwner | undefined {
  return siblingMatcher(path)(name);
}

/** The start of a writability probe's name (output-set.ts): `.tripletlens-probe-1234-3fa2-9f8e7d6c`. */
const PROBE_PREFIX = '.tripletlens-probe-';

/** A writability probe's name in a folder, owned by this process (pid, host tag, a random part). */
export function probeName(): string {
  return `${PROBE_PREFIX}${process.pid}-${HOST_TAG}-${randomBytes(4).toString('hex')}`;
}

/** The owner of a probe's name (host undefined: named before the host tag), or undefined for any other. */
export function probeOwner(name: string): Omit<SiblingOwner, 'tag'> | undefined {
  if (!name.startsWith(PROBE_PREFIX)) return undefined;
  const match = /^(\d{1,10})-(?:([0-9a-f]{4})-)?[0-9a-f]{8}$/.exec(name.slice(PROBE_PREFIX.length));
  return match ? { pid: Number(match[1]), host: match[2] } : undefined;
}
