/**
 * Whether an h5ad's raw/X holds counts, from a bounded sample of its stored values: some pipelines keep a
 * file's counts only there (no layers/counts), and a counts model given its log X is then told to read raw/X
 * (`engine/scale-mismatch.ts`) rather than where counts often are.
 */
import { stat } from 'node:fs/promises';
import { looksLikeCounts } from '../counts.js';
import { copyToFloat32, Hdf5File } from './h5-file.js';

/** At most this many stored values of raw/X are read: enough to tell counts from log values, cheap always. */
export const RAW_COUNTS_SAMPLE = 10_000;

/** The first stored values of raw/X (sparse: its data; dense: its first rows), at most `RAW_COUNTS_SAMPLE`. */
function rawSample(h5: Hdf5File): Float32Array | null {
  if (h5.isGroup('raw/X') && h5.isDataset('raw/X/data')) {
    const n = Math.min(h5.shape('raw/X/data')[0] ?? 0, RAW_COUNTS_SAMPLE);
    const out = new Float32Array(n);
    if (n > 0) copyToFloat32(h5.readRange('raw/X/data', 0, n), out, 0);
    return out;
  }
  if (!h5.isDataset('raw/X')) return null;
  const [rows = 0, cols = 0] = h5.shape('raw/X');
  if (rows === 0 || cols === 0) return null;
  const width = Math.min(cols, RAW_COUNTS_SAMPLE);
  const height = Math.max(1, Math.min(rows, Math.floor(RAW_COUNTS_SAMPLE / width)));
  const out = new Float32Array(width * height);
  copyToFloat32(h5.readBlock('raw/X', 0, height, 0, width), out, 0);
  return out;
}

/**
 * True when the h5ad at `path` has a raw/X whose sampled values look like counts (`looksLikeCounts`). False
 * when it has none, or it cannot be read: this only chooses a hint's words, and the file was read already.
 */
export async function rawXHoldsCounts(path: string): Promise<boolean> {
  let h5: Hdf5File | undefined;
  try {
    // a FIFO was read once already: opening it again would wait for a writer
    if (!(await stat(path)).isFile()) return false;
    h5 = await Hdf5File.open(path);
    const sample = rawSample(h5);
    return sample !== null && looksLikeCounts({ data: sample, rows: 1, cols: sample.length });
  } catch {
    // a damaged raw/X: the general hint stands (the matrix read was read without it)
    return false;
  } finally {
    await h5?.close();
  }
}
