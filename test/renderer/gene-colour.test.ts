import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnRequest, ColumnValues } from '../../src/api/engine-api.js';
import { geneSetValues } from '../../renderer/gene-colour.js';
import { columnColorBy, valuesName } from '../../renderer/screens/explore-model.js';

const COLUMNS: Record<string, number[]> = { CD79A: [0, 2, 4], MS4A1: [2, 2, 0] };
const asked: string[] = [];
const columnValues = async (r: ColumnRequest): Promise<ColumnValues> => {
  assert.equal(r.kind, 'gene');
  const gene = (r as { gene: string }).gene;
  asked.push(gene);
  const values = Float32Array.from(COLUMNS[gene]);
  return { kind: 'numeric', name: gene, values, min: Math.min(...values), max: Math.max(...values) };
};

test('one gene is its own column; several are the per-cell mean, named after the set', async () => {
  const one = await geneSetValues(columnValues, ['CD79A']);
  assert.equal(one.name, 'CD79A');
  const set = await geneSetValues(columnValues, ['CD79A', 'MS4A1']);
  assert.ok(set.kind === 'numeric');
  assert.equal(set.name, 'mean of CD79A, MS4A1');
  assert.deepEqual([...set.values], [1, 2, 2]);
  assert.deepEqual([set.min, set.max], [1, 2]);
  assert.deepEqual(asked, ['CD79A', 'CD79A', 'MS4A1']);
});

// A file of counts: the engine colours by log-normalised values (ColumnValues.scale); the colour bar, hover
// box and legend said only "CD79A", next to numbers that were not the file's counts.
test('log-normalised values say so in their name, for one gene and for a set’s mean', async () => {
  const normalised = async (r: ColumnRequest): Promise<ColumnValues> => {
    const v = await columnValues(r);
    assert.ok(v.kind === 'numeric');
    return { ...v, scale: 'log1p-normalised' };
  };
  const one = await geneSetValues(normalised, ['CD79A']);
  const set = await geneSetValues(normalised, ['CD79A', 'MS4A1']);
  assert.equal(valuesName(one), 'CD79A (normalised, log1p)');
  assert.equal(valuesName(set), 'mean of CD79A, MS4A1 (normalised, log1p)');
  assert.equal(valuesName(await geneSetValues(columnValues, ['CD79A'])), 'CD79A');
  const colorBy = columnColorBy(set, undefined, undefined);
  assert.ok(colorBy.kind === 'continuous');
  assert.equal(colorBy.name, 'mean of CD79A, MS4A1 (normalised, log1p)');
});
