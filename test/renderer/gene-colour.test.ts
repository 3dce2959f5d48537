import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnRequest, ColumnValues } from '../../src/api/engine-api.js';
import { geneSetValues } from '../../renderer/gene-colour.js';

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
