// TripletLens's own coordinates files opened again as data: embed's numeric `confidence` (and any other
// column but the axes) is an annotation, never a gene, so the file reads as the map it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTable, inspectTable } from '../../src/data/index.js';
import { ownCoordinateAxes } from '../../src/data/own-coordinates.js';
import { axisNames, embeddingCsv } from '../../src/engine/coordinates-csv.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const load = (name: string, text: string) => importTable({ name, bytes: bytesOf(text) });

/** embed's CSV of `n` cells in `dims` dimensions, with a joined numeric metadata column (n_counts). */
function embedCsv(n: number, dims: number): string {
  const ids = Array.from({ length: n }, (_, i) => `c${i}`);
  const coords = Float32Array.from({ length: n * dims }, (_, i) => Math.sin(i) * 10);
  return embeddingCsv(
    {
      idColumn: 'id',
      ids,
      metadata: [
        { name: 'cell_type', values: ids.map((_, i) => (i % 3 === 0 ? 'B' : 'T')) },
        { name: 'n_counts', values: ids.map((_, i) => String(1000 + 37 * i)), joined: true },
      ],
    },
    {
      coords: { data: coords, rows: n, cols: dims },
      predicted: ids.map((_, i) => (i % 3 === 0 ? 'B' : 'T')),
      confidence: Float32Array.from(ids, (_, i) => [1, 0.8, 0.6][i % 3]),
    },
    'cell_type',
  );
}

test("embed's CSV opened as data is its map: confidence and joined columns are metadata", async () => {
  const table = await load('embed.csv', embedCsv(40, 3));
  assert.deepEqual(table.genes, ['x', 'y', 'z']);
  assert.deepEqual(
    table.metadata.map((m) => m.name),
    ['cell_type', 'predicted_label', 'confidence', 'n_counts'],
  );
  const note = table.warnings.find((w) => w.code === 'own-coordinates-file');
  assert.equal(note?.info, true);
  assert.match(note?.message ?? '', /\(x, y, z\).*not genes: confidence, n_counts\./);
  // inspect: three columns of coordinates, confidence a measurement, not a label
  const facts = inspectTable(table);
  assert.equal(facts.genes, 3);
  assert.equal(facts.metadataColumns.find((m) => m.name === 'confidence')?.continuous, true);
});

test("train's CSV keeps a label column of integer codes as metadata, in any number of dimensions", async () => {
  const rows = Array.from({ length: 30 }, (_, i) => `c${i},${i % 4},train,${i},${-i},${i * 2},${i / 3},`);
  const table = await load(
    'train.csv',
    `id,type_code,split,${axisNames(4).join(',')},predicted_label\n${rows.join('\n')}\n`,
  );
  assert.deepEqual(table.genes, ['x', 'y', 'z', 'd4']);
  assert.deepEqual(
    table.metadata.map((m) => m.name),
    ['type_code', 'split', 'predicted_label'],
  );
});

test('a table that only has x and y columns, or x, y and confidence, is read by the usual rules', async () => {
  const spatial = Array.from({ length: 30 }, (_, i) => `c${i},${i},${i + 1},${i % 5},${(i * 7) % 11}`);
  const genes = await load('spatial.csv', `id,x,y,GeneA,GeneB\n${spatial.join('\n')}\n`);
  assert.deepEqual(genes.genes, ['x', 'y', 'GeneA', 'GeneB']);
  const rows = Array.from({ length: 30 }, (_, i) => `c${i},${i},${i + 1},0.5`);
  const noPrediction = await load('map.csv', `id,x,y,confidence\n${rows.join('\n')}\n`);
  assert.deepEqual(noPrediction.genes, ['x', 'y', 'confidence']);
});

test('ownCoordinateAxes: the axes in order, then predicted_label (renamed by a clash too)', () => {
  assert.deepEqual(ownCoordinateAxes(['id', 'label', 'split', 'x', 'y', 'predicted_label']), [3, 4]);
  assert.deepEqual(
    ownCoordinateAxes(['id', 'x', 'y', 'z', 'd4', 'predicted_label.1', 'confidence']),
    [1, 2, 3, 4],
  );
  assert.equal(ownCoordinateAxes(['id', 'x', 'predicted_label']), null);
  assert.equal(ownCoordinateAxes(['id', 'x', 'z', 'predicted_label']), null);
  assert.equal(ownCoordinateAxes(['id', 'x', 'y', 'GeneA', 'predicted_label']), null);
  assert.equal(ownCoordinateAxes(['id', 'y', 'x', 'predicted_label']), null);
});
