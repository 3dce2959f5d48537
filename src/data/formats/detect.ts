/**
 * Which reader a source needs, decided by its content (HDF5 signature, MatrixMarket banner) or, for a
 * path to a folder, by being a folder (a Cell Ranger output directory). Extensions are never trusted alone.
 */
import { open, stat } from 'node:fs/promises';
import type { DataSource } from '../options.js';

/** The reader families: delimited text, HDF5 (h5ad, loom, Cell Ranger .h5), MatrixMarket, a 10x folder. */
export type ReaderKind = 'text' | 'hdf5' | 'mtx' | '10x-dir';

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const MTX_BANNER = '%%MatrixMarket';

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

async function head(source: DataSource, length: number): Promise<Uint8Array> {
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

/** The reader a source needs. A path that cannot be read is 'text': the text reader reports why. */
export async function detectReader(source: DataSource): Promise<ReaderKind> {
  try {
    if (typeof source === 'string' && (await stat(source)).isDirectory()) return '10x-dir';
    // HDF5 puts its signature at 0, or at 512, 1024, 2048… after a user block.
    const bytes = await head(source, 2048 + HDF5_SIGNATURE.length);
    for (const at of [0, 512, 1024, 2048]) if (startsWith(bytes, HDF5_SIGNATURE, at)) return 'hdf5';
    const text = new TextDecoder('latin1').decode(bytes.subarray(0, MTX_BANNER.length));
    if (text === MTX_BANNER) return 'mtx';
  } catch {
    return 'text';
  }
  return 'text';
}
