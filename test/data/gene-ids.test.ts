// Which gene annotations a model keeps as its genes' other identifiers, and the version suffix every id match
// ignores.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { geneIdsOf, isEnsemblId, tableGeneIds, withoutVersion } from '../../src/data/gene-ids.js';
import type { MetadataColumn } from '../../src/data/types.js';

const genes = ['TP53', 'CD3E', 'MS4A1', 'AC000061.1'];
const ensembl = ['ENSG00000141510', 'ENSG00000198851', 'ENSG00000156738', 'ENSG00000283855'];
const column = (name: string, values: string[]): MetadataColumn => ({ name, values });

test('an Ensembl id loses its version suffix, any species; other names (clone-based symbols too) stay', () => {
  assert.equal(withoutVersion('ENSG00000141510.17'), 'ENSG00000141510');
  assert.equal(withoutVersion('ENSMUSG00000059552.9'), 'ENSMUSG00000059552');
  assert.equal(withoutVersion('ENSG00000141510'), 'ENSG00000141510');
  assert.equal(withoutVersion('AC000061.1'), 'AC000061.1', 'a symbol ending in .1 is not versioned');
  assert.equal(withoutVersion('RP11-34P13.7'), 'RP11-34P13.7');
  assert.equal(
    withoutVersion('ENSG00000002586.20_PAR_Y'),
    'ENSG00000002586.20_PAR_Y',
    'PAR_Y ids stay apart',
  );
  assert.ok(isEnsemblId('ENSG00000141510.17'));
  assert.ok(!isEnsemblId('TP53'));
});

test('identifier annotations are kept by name (gene_ids, Accession, feature_name…) or by Ensembl content', () => {
  const annotations = [
    column('gene_ids', ensembl),
    column('feature_types', ['Gene Expression', 'Gene Expression', 'Gene Expression', 'Gene Expression']),
    column('genome', ['GRCh38', 'GRCh38', 'GRCh38', 'GRCh38']),
    column('means', ['0.1', '0.2', '0.3', '0.4']),
    column(
      'ens',
      ensembl.map((id) => `${id}.3`),
    ),
    column('gene_symbols', genes), // a copy of the names adds nothing
    column('Accession-1', ['a1', 'a2', 'a3', '']), // concat's batch suffix, one id missing
  ];
  const ids = tableGeneIds({ genes, geneAnnotations: annotations });
  assert.deepEqual(
    ids.map((c) => c.name),
    ['gene_ids', 'ens', 'Accession-1'],
  );
  assert.deepEqual(tableGeneIds({ genes }), [], 'no annotations, no ids');
  assert.deepEqual(
    tableGeneIds({ genes, geneAnnotations: [column('gene_ids', ['x', 'x', 'x', 'y'])] }),
    [],
    'mostly repeated values are a category, not ids',
  );
});

test("a model's ids follow its kept genes, in their order", () => {
  const ids = geneIdsOf({ genes, geneAnnotations: [column('gene_ids', ensembl)] }, ['MS4A1', 'TP53']);
  assert.deepEqual(ids, [{ name: 'gene_ids', ids: [ensembl[2], ensembl[0]] }]);
});

test('a var column of row numbers or other numbers (id, ids, gene, genes) is no identifier', () => {
  const annotations = [
    column('id', ['0', '1', '2', '3']),
    column('ids', ['1', '2', '3', '4']),
    column('gene', ['17', '4', '', '230']),
    column('genes', ['100', '200', '300', '400']),
    column('gene_ids', ensembl),
  ];
  assert.deepEqual(
    tableGeneIds({ genes, geneAnnotations: annotations }).map((c) => c.name),
    ['gene_ids'],
  );
});

test('a column that says it holds NCBI Entrez ids is an identifier, though made of digits', () => {
  const annotations = [
    column('entrez_id', ['7157', '672', '1956', '3845']),
    column('gene_id', ['1', '2', '3', '4']),
  ];
  assert.deepEqual(
    tableGeneIds({ genes, geneAnnotations: annotations }).map((c) => c.name),
    ['entrez_id'],
  );
});
