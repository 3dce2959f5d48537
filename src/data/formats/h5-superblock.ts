/**
 * Checks an HDF5 file's superblock before the HDF5 library opens it. A download cut short is the commonest
 * damaged HDF5 file; HDF5 itself reports it only as a stack of errors on stderr. The superblock records the
 * file's full length, so comparing it with the size on disk names the problem exactly.
 */
import { open } from 'node:fs/promises';
import { DataImportError } from '../errors.js';
import { countText } from '../../api/count-text.js';

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
/** Where the superblock may sit: 0, then after a user block of 512, 1024, 2048… bytes. */
const OFFSETS = [0, 512, 1024, 2048, 4096, 8192];
const HEAD_BYTES = 8192 + 96;

/** What the superblock says, or why it cannot be read. */
export type SuperblockFacts =
  { ok: true; base: number; endOfFile: number | undefined } | { ok: false; reason: string };

function readOffset(view: DataView, at: number, size: number): number | undefined {
  if (at + size > view.byteLength) return undefined;
  if (size === 8) {
    const lo = view.getUint32(at, true);
    const hi = view.getUint32(at + 4, true);
    if (hi === 0xffffffff && lo === 0xffffffff) return undefined; // "undefined address"
    return hi * 4294967296 + lo;
  }
  if (size === 4) return view.getUint32(at, true);
  if (size === 2) return view.getUint16(at, true);
  return undefined;
}

/** Parses the superblock found in the first bytes of a file. */
export function parseSuperblock(bytes: Uint8Array): SuperblockFacts {
  const at = OFFSETS.find((o) => SIGNATURE.every((b, i) => bytes[o + i] === b));
  if (at === undefined) return { ok: false, reason: 'it does not start with the HDF5 signature' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[at + 8];
  if (version === 0 || version === 1) {
    const offsetSize = bytes[at + 13];
    const lengthSize = bytes[at + 14];
    if (![2, 4, 8].includes(offsetSize) || ![2, 4, 8].includes(lengthSize)) {
      return { ok: false, reason: 'its superblock (the header HDF5 starts from) is damaged' };
    }
    const fields = at + 24 + (version === 1 ? 4 : 0);
    const base = readOffset(view, fields, offsetSize) ?? at;
    const endOfFile = readOffset(view, fields + 2 * offsetSize, offsetSize);
    return { ok: true, base, endOfFile };
  }
  if (version === 2 || version === 3) {
    const offsetSize = bytes[at + 9];
    if (![2, 4, 8].includes(offsetSize)) {
      return { ok: false, reason: 'its superblock (the header HDF5 starts from) is damaged' };
    }
    const base = readOffset(view, at + 12, offsetSize) ?? at;
    const endOfFile = readOffset(view, at + 12 + 2 * offsetSize, offsetSize);
    return { ok: true, base, endOfFile };
  }
  // A later superblock version: leave the judgement to HDF5.
  return { ok: true, base: at, endOfFile: undefined };
}

function formatBytes(n: number): string {
  return countText(n);
}

/** Throws a clear DataImportError when the file at `path` is cut short or has a damaged superblock. */
export async function checkSuperblock(path: string, name: string): Promise<void> {
  const handle = await open(path, 'r');
  let size: number;
  let head: Uint8Array;
  try {
    size = (await handle.stat()).size;
    const buffer = new Uint8Array(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const facts = parseSuperblock(head);
  if (!facts.ok) {
    throw new DataImportError('bad-structure', name, `not a readable HDF5 file: ${facts.reason}.`);
  }
  if (facts.endOfFile !== undefined && facts.base + facts.endOfFile > size) {
    throw new DataImportError(
      'bad-structure',
      name,
      `the HDF5 file is cut short: it has ${formatBytes(size)} of its ${formatBytes(facts.base + facts.endOfFile)} bytes (an interrupted download or copy?). Copy it again.`,
    );
  }
}
