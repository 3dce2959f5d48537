// A table that holds a map's or an embedding's coordinates, not expression, is told by what it is: its
// sparsity says nothing, so inspect and the Import summary leave that line out for it as for an h5ad's
// obsm entry read as the input (a walkthrough: a coordinates CSV opened again showed "100.0 % non-zero").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importTable } from '../../src/data/index.js';
import { holdsCoordinates, namesCoordinates } from '../../src/data/coordinates-table.js';
import { datasetSummary } from '../../src/engine/session-summary.js';
import { runCli, tempDir } from '../cli/helpers.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
/** A CSV of `rows` cells with a label column and the numeric `columns`, values from `value`. */
function csv(columns: string[], value: (row: number, column: number) => number, rows = 12): string {
  const lines = [['cell', 'cell_type', ...columns].join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push([`c${r}`, r % 2 ? 'T' : 'B', ...columns.map((_, c) => value(r, c).toString())].join(','));
  }
  return `${lines.join('\n')}\n`;
}
const load = (text: string) => importTable({ name: 'table.csv', bytes: bytesOf(text) });
const coordinate = (r: number, c: number) => Math.sin(r * 7 + c) * 3.25;

test('coordinates and embeddings are told apart from expression by what the table is', async () => {
  // TripletLens's own coordinates CSV: its split column is metadata, x and y the numbers
  assert.ok(holdsCoordinates(await load(csv(['x', 'y'], coordinate))));
  // a PCA or UMAP export: every column named as a component
  const pcs = Array.from({ length: 20 }, (_, i) => `PC_${i + 1}`);
  assert.ok(holdsCoordinates(await load(csv(pcs, coordinate))));
  assert.ok(holdsCoordinates(await load(csv(['UMAP1', 'UMAP2'], coordinate))));
  // a few columns of any name that are not counts: a map's coordinates
  assert.ok(holdsCoordinates(await load(csv(['a', 'b', 'c'], coordinate))));
  // expression: genes of log values, or counts however few and however named
  const genes = ['CD3E', 'MS4A1', 'LYZ', 'NKG7'];
  assert.ok(!holdsCoordinates(await load(csv(genes, (r, c) => ((r + c) % 3) * 0.75))));
  assert.ok(!holdsCoordinates(await load(csv(['x', 'y'], (r, c) => (r + c) % 4))));
});

test('inspect calls a table coordinates only when its columns are named so, not 3 columns of other names', async () => {
  assert.ok(namesCoordinates(await load(csv(['x', 'y', 'z'], coordinate))));
  assert.ok(namesCoordinates(await load(csv(['PC_1', 'PC_2', 'PC_3', 'PC_4'], coordinate))));
  // three columns of log values named as genes: dense as a map is, but maybe genes (GENE_A, GENE_B, GENE_C)
  const few = await load(csv(['GENE_A', 'GENE_B', 'GENE_C'], coordinate));
  assert.ok(holdsCoordinates(few));
  assert.ok(!namesCoordinates(few));
  assert.ok(!namesCoordinates(await load(csv(['x', 'y'], (r, c) => (r + c) % 4))));
});

test('the Import summary and inspect leave out the sparsity line of a coordinates CSV, not of genes', async () => {
  const preview = { columns: ['cell', 'cell_type'], rows: [], totalColumns: 2, delimiter: ',' as const };
  const ids = { datasetId: 'data-1', source: 'coords.csv', metadataSource: null };
  const coords = csv(['x', 'y', 'z'], coordinate);
  const genes = csv(['CD3E', 'MS4A1', 'LYZ', 'NKG7'], (r, c) => ((r + c) % 3) * 0.75);
  assert.equal(datasetSummary(await load(coords), preview, {}, ids).nonZeroFraction, undefined);
  assert.ok(datasetSummary(await load(genes), preview, {}, ids).nonZeroFraction !== undefined);
  const { dir, cleanup } = await tempDir();
  try {
    await writeFile(join(dir, 'coords.csv'), coords);
    await writeFile(join(dir, 'genes.csv'), genes);
    const shown = await runCli(['inspect', join(dir, 'coords.csv')]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.doesNotMatch(shown.stdout, /Non-zero values/);
    assert.match((await runCli(['inspect', join(dir, 'genes.csv')])).stdout, /\nNon-zero values: [\d.]+ %\n/);
  } finally {
    await cleanup();
  }
});
