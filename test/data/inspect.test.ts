// inspect on the structured formats: its cost follows the stored values, never cells × genes, and it does
// not suggest --transpose for files whose axes are fixed by the format (where --transpose is refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectFile, inspectTable } from '../../src/data/index.js';
import type { ExpressionTable, SourceFormatKind } from '../../src/data/types.js';

test('inspect of a 200 000 × 200 000 MatrixMarket file with 10 entries fits in 4 MB (a dense copy would be 149 GB)', async () => {
  const n = 200_000;
  const entries = Array.from({ length: 10 }, (_, i) => `${i * 20_000 + 1} ${i * 7 + 1} ${i + 1}`);
  const text = `%%MatrixMarket matrix coordinate integer general\n${n} ${n} 10\n${entries.join('\n')}\n`;
  const facts = await inspectFile(
    { name: 'huge-sparse.mtx', bytes: new TextEncoder().encode(text) },
    { maxMemoryBytes: 4 * 2 ** 20 },
  );
  assert.equal(facts.rows, n);
  assert.equal(facts.genes, n);
  assert.equal(facts.nonZeroFraction, 10 / (n * n));
  assert.equal(facts.looksLikeCounts, true);
});

function geneNamedRows(kind: SourceFormatKind): ExpressionTable {
  const ids = ['CD3E', 'CD79A', 'MS4A1', 'NKG7', 'LYZ'];
  return {
    source: `x.${kind}`,
    idColumn: 'obs_names',
    ids,
    genes: ['c1', 'c2', 'c3'],
    values: { format: 'dense', rows: 5, cols: 3, data: new Float32Array(15).fill(1) },
    metadata: [],
    warnings: [],
    missingValues: 0,
    format: { kind, matrix: kind === 'text' ? '' : 'X', layers: [], obsm: [] },
  };
}

test('the --transpose hint is given for text and MatrixMarket tables, not for h5ad, loom or Cell Ranger .h5', () => {
  assert.match(inspectTable(geneNamedRows('text')).orientationHint ?? '', /--transpose/);
  assert.match(inspectTable(geneNamedRows('mtx')).orientationHint ?? '', /--transpose/);
  for (const kind of ['h5ad', 'loom', '10x-h5'] as const) {
    assert.equal(inspectTable(geneNamedRows(kind)).orientationHint, undefined, kind);
  }
});
