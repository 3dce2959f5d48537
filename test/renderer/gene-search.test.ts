import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findCells,
  geneQueryWords,
  geneSetName,
  matchGenes,
  matricesWithMoreGenes,
  meanOfColumns,
  missingGenesSentence,
  genesStartingWith,
  STARTING_WITH_LIMIT,
} from '../../renderer/gene-search.js';

const GENES = ['CD79A', 'MS4A1', 'HLA-DRA', 'Gm1', 'GM1', 'RP11-782C8.1'];

test('a gene is found whatever its case', () => {
  assert.deepEqual(matchGenes('cd79a', GENES), { found: ['CD79A'], missing: [] });
  assert.deepEqual(matchGenes('  hla-dra ', GENES), { found: ['HLA-DRA'], missing: [] });
  assert.deepEqual(matchGenes('rp11-782c8.1', GENES), { found: ['RP11-782C8.1'], missing: [] });
});

test('several genes, by commas, semicolons or spaces, once each, in query order; the rest reported', () => {
  assert.deepEqual(geneQueryWords('CD79A, MS4A1;x  y'), ['CD79A', 'MS4A1', 'x', 'y']);
  assert.deepEqual(matchGenes('ms4a1 CD79A, cd79a nope', GENES), {
    found: ['MS4A1', 'CD79A'],
    missing: ['nope'],
  });
});

test('genes differing only by case must be typed exactly', () => {
  assert.deepEqual(matchGenes('gm1', GENES), { found: [], missing: ['gm1'] });
  assert.deepEqual(matchGenes('Gm1 GM1', GENES), { found: ['Gm1', 'GM1'], missing: [] });
});

test('the set colours by the mean per cell, named after its genes; missing words get one sentence', () => {
  assert.deepEqual([...meanOfColumns([Float32Array.of(1, 2), Float32Array.of(3, 6)])], [2, 4]);
  assert.equal(geneSetName(['CD79A']), 'CD79A');
  assert.equal(geneSetName(['CD79A', 'MS4A1']), 'mean of CD79A, MS4A1');
  assert.equal(missingGenesSentence({ found: ['CD79A'], missing: [] }), '');
  assert.equal(
    missingGenesSentence({ found: ['CD79A'], missing: ['xyz'] }),
    'Not in this file: “xyz” (coloured by CD79A).',
  );
  assert.equal(missingGenesSentence({ found: [], missing: ['xyz'] }), 'No gene “xyz” in this file.');
  // a Cell Ranger folder is called a folder ("in this file" before)
  assert.equal(
    missingGenesSentence({ found: [], missing: ['xyz'] }, [], 'folder'),
    'No gene “xyz” in this folder.',
  );
  assert.equal(
    missingGenesSentence({ found: ['CD79A'], missing: ['xyz'] }, [], 'folder'),
    'Not in this folder: “xyz” (coloured by CD79A).',
  );
});

// A scanpy walkthrough typed CD3 (the complex, as flow cytometry names it) and read only “No gene “CD3” in
// this file.”: the note now names the file's genes that start with the word.
test('a word that is no gene lists the genes starting with it, whatever the case, a few and how many more', () => {
  const names = ['CD3D', 'CD3E', 'CD3G', 'CD34', 'HLA-DRA', 'HLA-DRB1', 'HLA-DRB5', 'MS4A1'];
  const words = (q: string) => missingGenesSentence(matchGenes(q, names), names);
  assert.equal(words('cd3'), 'No gene “cd3” in this file. Genes starting with cd3: CD3D, CD3E, CD3G, CD34.');
  assert.equal(
    words('MS4A1 HLA-DR'),
    'Not in this file: “HLA-DR” (coloured by MS4A1). Genes starting with HLA-DR: HLA-DRA, HLA-DRB1, HLA-DRB5.',
  );
  assert.equal(words('xyz'), 'No gene “xyz” in this file.', 'nothing starts with it: the sentence alone');
  const many = Array.from({ length: STARTING_WITH_LIMIT + 2 }, (_, i) => `RPL${i + 1}`);
  const listed = genesStartingWith('rpl', many);
  assert.deepEqual(listed, { genes: many.slice(0, STARTING_WITH_LIMIT), total: many.length });
  assert.match(
    missingGenesSentence(matchGenes('RPL', many), many),
    new RegExp(
      `: ${many.slice(0, STARTING_WITH_LIMIT).join(', ')} and ${many.length - STARTING_WITH_LIMIT} more\\.$`,
    ),
  );
});

// A scanpy walkthrough: an h5ad of 300 highly variable genes in X (sc.pp.scale'd) and all 765 in raw/X. Typed
// PARK7, a gene of raw/X, which scanpy's sc.pl.umap(color='PARK7') colours by: the note said “No gene “PARK7”
// in this file.”, untrue, and did not say where the gene was or how to colour by it.
test('a gene missing from the matrix read is said missing from it, and the file’s matrices of more genes named', () => {
  const names = ['CD3D', 'CD3E', 'MS4A1'];
  const layerGenes = { 'layers/counts': 3, 'raw/X': 765 };
  const read = matricesWithMoreGenes('X', names.length, layerGenes);
  assert.deepEqual(read, { matrix: 'X', genes: 3, more: [{ name: 'raw/X', genes: 765 }] });
  assert.equal(
    missingGenesSentence(matchGenes('PARK7', names), names, 'file', read),
    'No gene “PARK7” in X, the matrix read (3 genes). ' +
      'raw/X holds 765 genes: a map trained on it (Import settings ▸ Matrix) is coloured by them.',
  );
  assert.equal(
    missingGenesSentence(matchGenes('ms4a1 cd3', names), names, 'file', read),
    'Not in X, the matrix read (3 genes): “cd3” (coloured by MS4A1). Genes starting with cd3: CD3D, CD3E. ' +
      'raw/X holds 765 genes: a map trained on it (Import settings ▸ Matrix) is coloured by them.',
  );
  assert.equal(
    missingGenesSentence(matchGenes('CD3D', names), names, 'file', read),
    '',
    'found: nothing to say',
  );
  // no matrix of more genes — raw/X read, a text file, a loom, an embedding read — is the file's sentence
  assert.equal(matricesWithMoreGenes('raw/X', 765, { X: 300, 'layers/counts': 300 }), null);
  assert.equal(matricesWithMoreGenes('', 3, undefined), null);
  assert.equal(matricesWithMoreGenes('matrix', 3, undefined), null);
  assert.equal(matricesWithMoreGenes('obsm/X_pca', 30, { X: 765 }), null);
  assert.equal(
    missingGenesSentence(matchGenes('PARK7', names), names, 'file', null),
    'No gene “PARK7” in this file.',
  );
});

const IDS = ['AAACATACAACCAC-1', 'AAACATTGAGCTAC-1', 'AAACATTGATCAGC-1', 'TTTGCATGAGAGGC-1'];

test('Find: an exact id, or the only one containing the text (any case), is picked', () => {
  assert.deepEqual(findCells(IDS, 'AAACATTGAGCTAC-1'), { kind: 'one', id: 'AAACATTGAGCTAC-1', row: 1 });
  assert.deepEqual(findCells(IDS, 'tttg'), { kind: 'one', id: 'TTTGCATGAGAGGC-1', row: 3 });
});

test('Find: several partial matches are listed (first ones, in file order) with the total; nothing found is said', () => {
  const m = findCells(IDS, 'aaacatt');
  assert.deepEqual(m, {
    kind: 'several',
    matches: [
      { id: 'AAACATTGAGCTAC-1', row: 1 },
      { id: 'AAACATTGATCAGC-1', row: 2 },
    ],
    total: 2,
  });
  const limited = findCells(IDS, '-1', 3);
  assert.ok(limited.kind === 'several' && limited.matches.length === 3 && limited.total === 4);
  assert.deepEqual(findCells(IDS, 'zzz'), { kind: 'none' });
  assert.deepEqual(findCells(IDS, '   '), { kind: 'none' });
});
