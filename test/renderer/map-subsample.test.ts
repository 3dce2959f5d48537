import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subsampleRows, voxelOf, VOXELS_PER_AXIS } from '../../renderer/map-subsample.js';

/** A map with a dense blob and a sparse halo per class, and one rare class: deterministic, no randomness. */
function clusteredMap(n: number) {
  const coords = new Float32Array(n * 3);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 97 === 0 ? 'rare' : i % 3 === 0 ? 'A' : 'B';
    labels.push(cls);
    const centre = cls === 'A' ? -10 : cls === 'B' ? 10 : 0;
    // 80 % of a class near its centre, 20 % spread widely: two very different densities
    const spread = i % 5 === 0 ? 20 : 1;
    const t = (i * 0.618034) % 1;
    const u = (i * 0.414214) % 1;
    const v = (i * 0.732051) % 1;
    coords[i * 3] = centre + spread * (t - 0.5);
    coords[i * 3 + 1] = spread * (u - 0.5);
    coords[i * 3 + 2] = spread * (v - 0.5);
  }
  return { coords, labels };
}

test('small maps are drawn whole', () => {
  const { coords, labels } = clusteredMap(500);
  assert.deepEqual(
    Array.from(subsampleRows(coords, 3, labels, { limit: 500 })),
    Array.from({ length: 500 }, (_, i) => i),
  );
});

test('the subsample is seeded: the same seed gives the same rows, another seed other rows', () => {
  const { coords, labels } = clusteredMap(20_000);
  const a = subsampleRows(coords, 3, labels, { limit: 2_000, seed: 3 });
  const b = subsampleRows(coords, 3, labels, { limit: 2_000, seed: 3 });
  const c = subsampleRows(coords, 3, labels, { limit: 2_000, seed: 4 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('rows are distinct dataset rows, ascending, about the limit, and map back to their cells', () => {
  const { coords, labels } = clusteredMap(20_000);
  const ids = labels.map((_, i) => `cell_${i}`);
  const rows = subsampleRows(coords, 3, labels, { limit: 2_000 });
  assert.ok(Math.abs(rows.length - 2_000) <= 3, `${rows.length} rows`);
  for (let k = 1; k < rows.length; k++) assert.ok(rows[k] > rows[k - 1]);
  for (const r of rows) {
    assert.ok(r >= 0 && r < 20_000);
    assert.equal(ids[r], `cell_${r}`);
  }
});

test('density is preserved: every class and every voxel keeps its share to within one cell', () => {
  const n = 30_000;
  const { coords, labels } = clusteredMap(n);
  const limit = 3_000;
  const rows = subsampleRows(coords, 3, labels, { limit, seed: 9 });
  const fraction = limit / n;
  const voxel = voxelOf(coords, 3, n);
  const count = (keys: Iterable<string>) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const allClasses = count(labels);
  const keptClasses = count(Array.from(rows, (r) => labels[r]));
  for (const [cls, total] of allClasses) {
    const kept = keptClasses.get(cls) ?? 0;
    assert.ok(kept >= 1, `class ${cls} kept`);
    assert.ok(Math.abs(kept - total * fraction) <= 1, `class ${cls}: ${kept} of ${total}`);
  }
  const key = (r: number) => `${labels[r]}/${voxel[r]}`;
  const all = count(labels.map((_, r) => key(r)));
  const kept = count(Array.from(rows, key));
  for (const [k, total] of all) {
    const got = kept.get(k) ?? 0;
    assert.ok(Math.abs(got - total * fraction) <= 1.0001, `voxel ${k}: ${got} of ${total}`);
  }
  // the dense blobs keep their density relative to the halo: a uniform pick by region, not by class alone
  const dense = (r: number) => Math.abs(coords[r * 3 + 1]) <= 0.5 && Math.abs(coords[r * 3 + 2]) <= 0.5;
  const denseAll = labels.filter((_, r) => dense(r)).length / n;
  const denseKept = Array.from(rows).filter(dense).length / rows.length;
  assert.ok(Math.abs(denseAll - denseKept) < 0.01, `${denseAll} vs ${denseKept}`);
});

test('voxels cover the grid and tolerate non-finite coordinates', () => {
  const coords = Float32Array.from([0, 0, 0, 1, 1, 1, Number.NaN, 0.5, 0.5]);
  const v = voxelOf(coords, 3, 3);
  assert.equal(v[0], 0);
  assert.equal(v[1], VOXELS_PER_AXIS ** 3 - 1);
  assert.ok(v[2] >= 0 && v[2] < VOXELS_PER_AXIS ** 3);
});
