/**
 * Which reader a source needs, decided by its content (HDF5 signature, MatrixMarket banner, also inside
 * gzip) or, for a path to a folder, by being a folder (a Cell Ranger output directory). Extensions are never
 * trusted alone: a MatrixMarket file named .txt is read as MatrixMarket, a CSV named .mtx as CSV.
 */
import { open, stat } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import type { DataSource } from '../options.js';
import { isGzip } from '../sniff.js';
import { sourceName } from '../source-text.js';

/** The reader families: delimited text, HDF5 (h5ad, loom, Cell Ranger .h5), MatrixMarket, a 10x folder. */
export type ReaderKind = 'text' | 'hdf5' | 'mtx' | '10x-dir';

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const MTX_BANNER = '%%MatrixMarket';
/** Compressed bytes inflated to see the start of a gzip member: plenty for a banner line. */
const GZIP_PEEK = 4096;

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** The first `length` bytes of a source (fewer when it is shorter). */
export async function headBytes(source: DataSource, length: number): Promise<Uint8Array> {
  if (typeof source !== 'string') return source.bytes.subarray(0, length);
  const handle = await open(source, 'r');
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The start of the decompressed text of a gzip member (empty when it cannot be inflated). */
function inflatedStart(bytes: Uint8Array): Uint8Array {
  try {
    // Z_SYNC_FLUSH: return what the partial input inflates to instead of failing on its missing end.
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}

/** True for a name ending in .mtx or .mtx.gz. */
export function hasMtxName(name: string): boolean {
  return /\.mtx(\.gz)?$/i.test(name);
}

/** The first line of some text bytes. */
function firstLine(bytes: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return text.split('\n', 1)[0];
}

/** The reader a source needs. A path that cannot be read is 'text': the text reader reports why. */
export async function detectReader(source: DataSource): Promise<ReaderKind> {
  try {
    if (typeof source === 'string') {
      const info = await stat(source);
      if (info.isDirectory()) return '10x-dir';
      // a FIFO, socket or device is not opened here: opening a FIFO blocks until something writes to it (train
      // on one hung, silent, for ever); the text reader refuses it by name before opening it
      if (!info.isFile()) return 'text';
    }
    // HDF5 puts its signature at 0, or at 512, 1024, 2048… after a user block.
    const bytes = await headBytes(source, Math.max(2048 + HDF5_SIGNATURE.length, GZIP_PEEK));
    for (const at of [0, 512, 1024, 2048]) if (startsWith(bytes, HDF5_SIGNATURE, at)) return 'hdf5';
    const text = isGzip(bytes) ? inflatedStart(bytes.subarray(0, GZIP_PEEK)) : bytes;
    const line = firstLine(text);
    if (line.replace(/^\uFEFF/, '').startsWith(MTX_BANNER)) return 'mtx';
    // Named .mtx without the banner: a table read by its content when its first line is delimited,
    // otherwise the MatrixMarket reader says the banner is missing (not a misleading delimiter message).
    if (hasMtxName(sourceName(source)) && !/[,;\t]/.test(line)) return 'mtx';
  } catch {
    return 'text';
  }
  return 'text';
}
