/**
 * Synthetic labelled expression tables for the scale benchmark: `classes` Gaussian clusters in `cols`
 * features, written as CSV (id, label, g1…gN) with two decimals. Values are formatted through a lookup
 * table of every two-decimal string in [-9.99, 9.99], so writing 200 million numbers takes seconds, not
 * minutes (Number#toFixed is the bottleneck otherwise). Written to a temporary sibling, then renamed.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomNormal, seededRandom } from '../../src/util/random.js';

export interface SyntheticSpec {
  rows: number;
  cols: number;
  /** Number of label classes. Default 10. */
  classes?: number;
  /** Seed of the generator. Default 0. */
  seed?: number;
}

const STEPS = 999; // values are clipped to ±9.99
const TABLE = Array.from({ length: 2 * STEPS + 1 }, (_, i) => ((i - STEPS) / 100).toFixed(2));

function format(value: number): string {
  const step = Math.round(value * 100);
  return TABLE[Math.max(-STEPS, Math.min(STEPS, step)) + STEPS];
}

/** Writes the table to `path` and returns its size in bytes. */
export async function writeSyntheticCsv(path: string, spec: SyntheticSpec): Promise<number> {
  const { rows, cols, classes = 10, seed = 0 } = spec;
  const random = seededRandom(seed);
  // cluster centres: 1.5 standard deviations apart on average per feature, so classes are separable but overlap
  const centres = Array.from({ length: classes }, () =>
    Float64Array.from({ length: cols }, () => randomNormal(random)),
  );
  // a pool of noise reused with a random offset per row: drawing 200 M normals would dominate the run
  const noise = Float64Array.from({ length: 1 << 20 }, () => randomNormal(random) * 1.5);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  let bytes = 0;
  try {
    const header = ['id', 'label', ...Array.from({ length: cols }, (_, c) => `g${c + 1}`)].join(',') + '\n';
    bytes += writeSync(fd, header);
    let chunk: string[] = [];
    for (let r = 0; r < rows; r++) {
      const label = Math.floor(random() * classes);
      const centre = centres[label];
      const offset = Math.floor(random() * (noise.length - cols));
      const fields = new Array<string>(cols + 2);
      fields[0] = `cell${r + 1}`;
      fields[1] = `type${label}`;
      for (let c = 0; c < cols; c++) fields[c + 2] = format(centre[c] + noise[offset + c]);
      chunk.push(fields.join(','));
      if (chunk.length === 512 || r === rows - 1) {
        bytes += writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  return bytes;
}
