// loom specifics: the row attributes other than the gene names (loompy's Accession…) are the genes'
// annotations, as anndata's read_loom puts them in var, so that a result h5ad carries them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importTable } from '../../../src/data/index.js';
import { packageRoot } from '../../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

test('cells.loom: genes from row_attrs/Gene, row_attrs/Accession as a string gene annotation', async () => {
  const table = await importTable(join(FORMATS, 'cells.loom'));
  assert.deepEqual(table.genes, (await importTable(join(FORMATS, 'cells.csv'))).genes);
  assert.deepEqual(
    table.geneAnnotations?.map((a) => [a.name, a.values, a.stored]),
    [
      [
        'Accession',
        Array.from({ length: 30 }, (_, g) => `ENSG${String(g).padStart(11, '0')}`),
        { kind: 'string' },
      ],
    ],
  );
});
