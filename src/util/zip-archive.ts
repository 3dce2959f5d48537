/**
 * A small ZIP writer and reader (PKWARE APPNOTE 6.3: local headers, central directory, end record; methods 0
 * "stored" and 8 "deflated"; CRC-32 of every entry checked on read). Enough for TripletLens's own
 * `.tripletlens` session files, and readable by any unzip tool. No ZIP64, encryption, multi-disk archives
 * or data descriptors: a file that needs them is refused with a clear message, never misread.
 *
 * The reader trusts nothing in the file: every offset and length is checked against the buffer, a deflated
 * entry may not inflate beyond its declared size (a zip bomb stops at once), and every failure is a
 * ZipFormatError with one readable sentence naming the entry.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** One file to put in an archive. */
export interface ZipInput {
  /** Path inside the archive, '/'-separated, no leading '/', no '..'. */
  name: string;
  data: Uint8Array;
  /** Deflate the entry (worth it for JSON text, not for float arrays). Default true. */
  compress?: boolean;
}

/** A malformed, truncated or unsupported archive; `message` is one sentence naming the problem. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
/** Bit 11 of the flags: names are UTF-8. */
const UTF8_FLAG = 0x0800;
/** The largest archive (and entry) without ZIP64: offsets and sizes are 32-bit. */
const MAX_32 = 0xffffffff;

let crcTable: Uint32Array | null = null;

/** CRC-32 (ISO-HDLC, the polynomial ZIP and gzip use) of `data`. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checkName(name: string): void {
  const bad =
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.split('/').some((part) => part === '..' || part === '');
  if (bad) throw new ZipFormatError(`Invalid name for an archive entry: '${name}'`);
}

/** A ZIP that would be larger than the caller can take (`writeZip`'s `maxBytes`); nothing was built. */
export class ZipTooLargeError extends ZipFormatError {
  override name = 'ZipTooLargeError';
  constructor(
    /** The archive's size, in bytes, had it been built. */
    readonly bytes: number,
    /** The limit it is over. */
    readonly maxBytes: number,
  ) {
    super(`The archive would be ${bytes} bytes, more than the ${maxBytes} it may be`);
  }
}

/**
 * Builds a ZIP archive of `entries` (in order) in memory. `maxBytes` bounds the archive's size, checked before
 * its bytes are put together (a ZipTooLargeError above): default 4 GB − 1, the format's own limit without ZIP64.
 */
export function writeZip(entries: readonly ZipInput[], maxBytes = MAX_32): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const entry of entries) {
    checkName(entry.name);
    if (seen.has(entry.name)) throw new ZipFormatError(`Two archive entries are named '${entry.name}'`);
    seen.add(entry.name);
    const name = encoder.encode(entry.name);
    const deflated = entry.compress === false ? null : new Uint8Array(deflateRawSync(entry.data));
    // keep the smaller form: deflate only helps compressible data
    const useDeflate = deflated !== null && deflated.length < entry.data.length;
    const body = useDeflate ? deflated : entry.data;
    const crc = crc32(entry.data);
    if (entry.data.length > MAX_32 || offset + 30 + name.length + body.length > MAX_32) {
      throw new ZipFormatError('The archive would exceed 4 GB, which this writer does not support');
    }
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_SIGNATURE, true);
    lv.setUint16(4, 20, true); // version needed: 2.0
    lv.setUint16(6, UTF8_FLAG, true);
    lv.setUint16(8, useDeflate ? 8 : 0, true);
    lv.setUint16(10, 0, true); // time
    lv.setUint16(12, 0x21, true); // date: 1980-01-01 (fixed, so one session gives the same bytes)
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, entry.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL_SIGNATURE, true);
    cv.setUint16(4, 20, true); // version made by
    cv.setUint16(6, 20, true);
    cv.setUint16(8, UTF8_FLAG, true);
    cv.setUint16(10, useDeflate ? 8 : 0, true);
    cv.setUint16(12, 0, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, entry.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const centralSize = centrals.reduce((s, c) => s + c.length, 0);
  if (offset + centralSize + 22 > maxBytes) throw new ZipTooLargeError(offset + centralSize + 22, maxBytes);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, END_SIGNATURE, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Finds the end-of-central-directory record (it ends the file, after a comment of up to 65 535 bytes). */
function findEnd(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END_SIGNATURE) return at;
  }
  throw new ZipFormatError('It is not a ZIP archive (no end-of-archive record), or it is cut short');
}

/**
 * Reads every entry of a ZIP archive into memory, keyed by name. `maxEntryBytes` bounds one entry's
 * uncompressed size (default 4 GB − 1, the format's own limit).
 */
export function readZip(bytes: Uint8Array, maxEntryBytes = MAX_32): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) throw new ZipFormatError('It is not a ZIP archive (too short)');
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  const centralSize = view.getUint32(end + 12, true);
  const centralOffset = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count) {
    throw new ZipFormatError('Multi-part ZIP archives are not supported');
  }
  if (centralOffset === MAX_32 || count === 0xffff) {
    throw new ZipFormatError('ZIP64 archives are not supported');
  }
  if (centralOffset + centralSize > end) {
    throw new ZipFormatError('The archive is damaged: its directory lies outside the file');
  }
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const files = new Map<string, Uint8Array>();
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError(
        `The archive is damaged: directory entry ${i + 1} of ${count} is not where expected`,
      );
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > end)
      throw new ZipFormatError('The archive is damaged: a name runs past its directory');
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue; // a folder entry carries no data
    if (flags & 0x0001) throw new ZipFormatError(`The archive entry '${name}' is encrypted`);
    if (method !== 0 && method !== 8) {
      throw new ZipFormatError(
        `The archive entry '${name}' uses compression method ${method} (only stored and deflated are read)`,
      );
    }
    if (size > maxEntryBytes) {
      throw new ZipFormatError(
        `The archive entry '${name}' is too large (${size} bytes; at most ${maxEntryBytes})`,
      );
    }
    if (localOffset + 30 > centralOffset || view.getUint32(localOffset, true) !== LOCAL_SIGNATURE) {
      throw new ZipFormatError(`The archive is damaged: the entry '${name}' is not where its directory says`);
    }
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + packed > centralOffset) {
      throw new ZipFormatError(`The archive is cut short or damaged: the entry '${name}' runs past its end`);
    }
    const body = bytes.subarray(dataStart, dataStart + packed);
    let data: Uint8Array;
    if (method === 0) {
      data = body;
    } else {
      try {
        data = new Uint8Array(inflateRawSync(body, { maxOutputLength: Math.max(1, size) }));
      } catch (err) {
        throw new ZipFormatError(
          `The archive entry '${name}' cannot be decompressed (${(err as Error).message})`,
        );
      }
    }
    if (data.length !== size) {
      throw new ZipFormatError(
        `The archive entry '${name}' has ${data.length} bytes, not the ${size} its directory says`,
      );
    }
    if (crc32(data) !== crc)
      throw new ZipFormatError(`The archive entry '${name}' is damaged (CRC-32 mismatch)`);
    files.set(name, data);
  }
  return files;
}
