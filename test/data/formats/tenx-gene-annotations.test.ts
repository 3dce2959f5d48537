// Cell Ranger .h5 gene annotations: the var columns scanpy's read_10x_h5 gives (gene_ids, feature_types,
// genome…; probe_ids for a probe-barcode matrix), for the Gene Expression features kept, so that a result
// h5ad carries them (a user trial found them dropped).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTable, type ExpressionTable } from '../../../src/data/index.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { packageRoot } from '../../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
/** cells.py's gene ids, by gene index (ENSG00000000000…). */
const GENE_IDS = Array.from({ length: 30 }, (_, g) => `ENSG${String(g).padStart(11, '0')}`);

function annotations(table: ExpressionTable): Record<string, string[]> {
  return Object.fromEntries((table.geneAnnotations ?? []).map((a) => [a.name, a.values]));
}

test('v3 .h5: gene_ids, feature_types and genome of the 30 genes (the 2 antibody features left out)', async () => {
  const table = await importTable(join(FORMATS, 'tenx-v3.h5'));
  assert.equal(table.genes.length, 30);
  assert.deepEqual(annotations(table), {
    gene_ids: GENE_IDS,
    feature_types: new Array(30).fill('Gene Expression'),
    genome: new Array(30).fill('GRCh38'),
  });
  for (const a of table.geneAnnotations ?? []) assert.deepEqual(a.stored, { kind: 'string' }, a.name);
});

test('v2 .h5: gene_ids from the genome group genes', async () => {
  const table = await importTable(join(FORMATS, 'tenx-v2.h5'));
  assert.deepEqual(annotations(table), { gene_ids: GENE_IDS });
});

/**
 * A 2 cells × 3 features v3 probe-barcode file (features/gene_id beside the probe ids), the last feature
 * an antibody, with a boolean feature annotation and one whose length is wrong.
 */
async function writeProbeFile(path: string): Promise<void> {
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(path, 'w');
  try {
    const m = file.create_group('matrix');
    m.create_dataset({ name: 'barcodes', data: ['AAA-1', 'CCC-1'] });
    m.create_dataset({ name: 'data', data: new Int32Array([1, 2, 3]) });
    m.create_dataset({ name: 'indices', data: new BigInt64Array([0n, 2n, 1n]) });
    m.create_dataset({ name: 'indptr', data: new BigInt64Array([0n, 2n, 3n]) });
    m.create_dataset({ name: 'shape', data: new Int32Array([3, 2]) });
    const f = m.create_group('features');
    f.create_dataset({ name: 'name', data: ['CD3E', 'MS4A1', 'CD3_TotalSeqB'] });
    f.create_dataset({ name: 'id', data: ['CD3E|probe1', 'MS4A1|probe2', 'CD3'] });
    f.create_dataset({ name: 'gene_id', data: ['ENSG1', 'ENSG2', 'CD3'] });
    f.create_dataset({
      name: 'feature_type',
      data: ['Gene Expression', 'Gene Expression', 'Antibody Capture'],
    });
    f.create_dataset({ name: 'genome', data: ['GRCh38', 'GRCh38', ''] });
    f.create_dataset({ name: 'probe_region', data: new Int32Array([5, 7, 0]) });
    f.create_dataset({ name: 'broken', data: ['only', 'two'] });
    f.create_dataset({ name: '_all_tag_keys', data: ['genome'] });
  } finally {
    file.close();
  }
}

test('v3 probe matrix: gene_ids from gene_id, probe_ids from id, other annotations by name; a bad one skipped with a warning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-tenx-'));
  try {
    const path = join(dir, 'probes.h5');
    await writeProbeFile(path);
    const table = await importTable(path);
    assert.deepEqual(table.genes, ['CD3E', 'MS4A1']);
    assert.deepEqual(annotations(table), {
      gene_ids: ['ENSG1', 'ENSG2'],
      probe_ids: ['CD3E|probe1', 'MS4A1|probe2'],
      feature_types: ['Gene Expression', 'Gene Expression'],
      genome: ['GRCh38', 'GRCh38'],
      probe_region: ['5', '7'],
    });
    const warning = table.warnings.find((w) => w.code === 'var-column-skipped');
    assert.ok(warning);
    assert.match(warning.message, /\/matrix\/features\/broken does not hold one value per feature/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
