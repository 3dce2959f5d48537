/**
 * Synthetic labelled expression tables for the scale benchmark: `classes` Gaussian clusters in `cols`
 * features, written as CSV (id, label, g1…gN) with two decimals. Values are formatted through a lookup
 * table of every two-decimal string in [-9.99, 9.99], so writing 200 million numbers takes seconds, not
 * minutes (Number#toFixed is the bottleneck otherwise). Written to a temporary sibling, then renamed.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomNormal, seededRandom, type Random } from '../../src/util/random.js';

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

/** The draws behind every synthetic row: one centre a class and a pool of noise. */
export interface SyntheticClasses {
  /** One centre a class, N(0, centreScale²) a feature. */
  centres: Float64Array[];
  /** Normal noise, standard deviation 1.5, read from a random offset for each row. */
  noise: Float64Array;
}

/**
 * The centres, then the noise pool, drawn from `random`. With `centreScale` 1 the centres are 1.5 noise
 * standard deviations apart on average per feature, so classes are separable but overlap.
 */
export function syntheticClasses(
  random: Random,
  classes: number,
  cols: number,
  centreScale = 1,
): SyntheticClasses {
  const centres = Array.from({ length: classes }, () =>
    Float64Array.from({ length: cols }, () => centreScale * randomNormal(random)),
  );
  // a pool of noise reused with a random offset per row: drawing 200 M normals would dominate the run
  const noise = Float64Array.from({ length: 1 << 20 }, () => randomNormal(random) * 1.5);
  return { centres, noise };
}

/** Where a row's noise starts in the pool (one draw from `random`): value c is centre[c] + noise[offset + c]. */
export function noiseOffset(classes: SyntheticClasses, random: Random, cols: number): number {
  return Math.floor(random() * (classes.noise.length - cols));
}

/** Writes the table to `path` and returns its size in bytes. */
export async function writeSyntheticCsv(path: string, spec: SyntheticSpec): Promise<number> {
  const { rows, cols, classes = 10, seed = 0 } = spec;
  const random = seededRandom(seed);
  const drawn = syntheticClasses(random, classes, cols);
  const { centres, noise } = drawn;
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
      const offset = noiseOffset(drawn, random, cols);
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
