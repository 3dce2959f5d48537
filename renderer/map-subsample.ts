/**
 * The cells the 3-D view draws when a map is too big for it: Plotly's scatter3d draws every point as a glyph
 * mesh, which software WebGL cannot redraw at interactive rates for hundreds of thousands of points. Above
 * SUBSAMPLE_3D_ABOVE cells the 3-D view shows a seeded, density-preserving subsample: stratified by class
 * (each class keeps its share, and at least one cell) and, within a class, by voxel of a 32³ grid over the
 * map's bounding box (cells are taken in voxel order at a fixed stride from a seeded offset, so every voxel
 * keeps its share of the class's cells to within one: dense regions stay dense, sparse ones are not emptied).
 * The result is dataset rows, so everything drawn still names its cell (customdata) and selections, colour
 * and hover map back to the full data. Pure.
 */

/** Above this many cells the 3-D view draws a subsample of this many cells. */
export const SUBSAMPLE_3D_ABOVE = 100_000;

/** Voxels per axis of the stratifying grid. */
export const VOXELS_PER_AXIS = 32;

export interface SubsampleOptions {
  /** How many cells to keep (about: each class's share rounds). Default SUBSAMPLE_3D_ABOVE. */
  limit?: number;
  /** Seed of the offsets. Default 1. */
  seed?: number;
  /**
   * Uniform numbers in [0, 1) (injectable for tests). Default: a mulberry32 generator seeded with `seed`
   * (src/util/random.ts has the same one, but the renderer may import only src/api).
   */
  random?: () => number;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The voxel of each row in a VOXELS_PER_AXIS-per-axis grid over the bounding box of the first 3 columns. */
export function voxelOf(coords: ArrayLike<number>, dims: number, rows: number): Int32Array {
  const axes = Math.min(3, dims);
  const lo = new Float64Array(axes).fill(Infinity);
  const hi = new Float64Array(axes).fill(-Infinity);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < axes; a++) {
      const v = coords[i * dims + a];
      if (v < lo[a]) lo[a] = v;
      if (v > hi[a]) hi[a] = v;
    }
  }
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let key = 0;
    for (let a = 0; a < axes; a++) {
      const span = hi[a] - lo[a];
      const v = coords[i * dims + a];
      // non-finite coordinates share voxel 0 of their axis rather than breaking the key
      const cell = span > 0 && Number.isFinite(v) ? Math.floor(((v - lo[a]) / span) * VOXELS_PER_AXIS) : 0;
      key = key * VOXELS_PER_AXIS + Math.min(VOXELS_PER_AXIS - 1, Math.max(0, cell));
    }
    out[i] = key;
  }
  return out;
}

/** `rows` ordered by voxel (counting sort: stable, so rows keep their order within a voxel). */
function byVoxel(rows: readonly number[], voxel: Int32Array): number[] {
  const buckets = VOXELS_PER_AXIS ** 3;
  const start = new Int32Array(buckets + 1);
  for (const r of rows) start[voxel[r] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const out = new Array<number>(rows.length);
  for (const r of rows) out[start[voxel[r]]++] = r;
  return out;
}

/**
 * The rows the 3-D view draws: all of them (0..n-1) when there are at most `limit`, else a stratified
 * subsample of about `limit` rows, ascending. `labels` are the classes (one per row; '' counts as a class).
 */
export function subsampleRows(
  coords: ArrayLike<number>,
  dims: number,
  labels: readonly string[],
  options: SubsampleOptions = {},
): Int32Array {
  const n = labels.length;
  const limit = options.limit ?? SUBSAMPLE_3D_ABOVE;
  if (n <= limit) return Int32Array.from({ length: n }, (_, i) => i);
  const random = options.random ?? mulberry32(options.seed ?? 1);
  const voxel = voxelOf(coords, dims, n);
  const byClass = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    let rows = byClass.get(labels[i]);
    if (!rows) byClass.set(labels[i], (rows = []));
    rows.push(i);
  }
  const fraction = limit / n;
  const kept: number[] = [];
  // classes in a fixed order, so the random offsets they draw do not depend on Map insertion quirks
  for (const name of [...byClass.keys()].sort()) {
    const ordered = byVoxel(byClass.get(name) ?? [], voxel);
    const share = Math.max(1, Math.round(ordered.length * fraction));
    const stride = ordered.length / share;
    const offset = random() * stride;
    for (let k = 0; k < share; k++)
      kept.push(ordered[Math.min(ordered.length - 1, Math.floor(offset + k * stride))]);
  }
  const out = Int32Array.from(kept);
  out.sort();
  return out;
}
