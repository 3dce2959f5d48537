// A loom's integer cluster ids (a col_attr such as ClusterID, int64 or int32, or float64 as some writers
// store them) used as labels or a colouring: the legend lists them by number (0, 1, 2, … 10), as scanpy
// lists an h5ad's leiden categories — not '0', '1', '10', '2', nor largest first. The loom has no stored
// category order (DatasetSummary.categoryOrder), so the order is the renderer's cluster-code rule
// (plot-model.ts orderClasses); this holds the pieces together: values read as integer text ('3', not
// '3.0'), not flagged continuous, no stored order, and the legend in numeric order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Group } from 'h5wasm/node';
import { EngineSession } from '../../src/engine/session.js';
import { loadH5wasm } from '../../src/engine/h5ad/h5wasm-module.js';
import { buildMapFigure, DEFAULT_MAP_VIEW, isLegendOnly } from '../../renderer/plot-model.js';
import { columnColorBy } from '../../renderer/screens/explore-model.js';
import { writeTinyLoom } from '../data/formats/tiny-hdf5.js';

test('loom integer cluster ids (int64, int32, float64) colour the map with a legend in numeric order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-loom-clusters-'));
  const session = new EngineSession();
  try {
    const path = join(dir, 'clusters.loom');
    // 33 cells, ids 10, 9, … 0 repeated: largest-first or text order would differ from 0 … 10
    const ids = Array.from({ length: 33 }, (_, i) => `c${i}`);
    const codes = ids.map((_, i) => 10 - (i % 11));
    await writeTinyLoom(path, ids);
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(path, 'a');
    try {
      const cols = f.get('col_attrs') as Group;
      cols.create_dataset({ name: 'ClusterID', data: BigInt64Array.from(codes, BigInt) });
      cols.create_dataset({ name: 'Louvain', data: Int32Array.from(codes) });
      cols.create_dataset({ name: 'ClusterFloat', data: Float64Array.from(codes) });
    } finally {
      f.close();
    }
    const summary = await session.openFile({ kind: 'path', path });
    assert.equal(summary.categoryOrder, undefined, 'a loom stores no category order');
    const numeric = Array.from({ length: 11 }, (_, i) => String(i));
    for (const name of ['ClusterID', 'Louvain', 'ClusterFloat']) {
      const meta = summary.metadata.find((m) => m.name === name);
      assert.ok(meta, name);
      const values = await session.columnValues({ kind: 'metadata', column: name });
      assert.equal(values.kind, 'text', name);
      assert.deepEqual(values.values.slice(0, 3), ['10', '9', '8'], name);
      const colorBy = columnColorBy(values, meta, undefined);
      assert.equal(colorBy.kind, 'category', `${name} colours by value, not on the scale`);
      const points = {
        coords: new Float32Array(ids.length * 2),
        dims: 2,
        ids,
        labels: values.kind === 'text' ? values.values : [],
        split: ids.map(() => 'train' as const),
      };
      const legend = buildMapFigure(points, { ...DEFAULT_MAP_VIEW, show3d: false, colorBy })
        .data.filter(isLegendOnly)
        .map((t) => (t as { name: string }).name);
      assert.deepEqual(legend, numeric, name);
      // as the run's labels (colour by label): the same order
      const byLabel = buildMapFigure(points, { ...DEFAULT_MAP_VIEW, show3d: false })
        .data.filter(isLegendOnly)
        .map((t) => (t as { name: string }).name);
      assert.deepEqual(byLabel, numeric, `${name} as labels`);
    }
  } finally {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
