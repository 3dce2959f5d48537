// How embed finds a model's genes in a file: by name, then ignoring Ensembl versions, then through ids; one to
// one or not at all, whatever the order of the file's genes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GeneIdColumn } from '../../src/data/gene-ids.js';
import { matchGenes, namesForModel, type GeneMatch } from '../../src/engine/gene-matching.js';
import { geneMatchNotices, matchedById, matchingTried } from '../../src/engine/gene-match-notes.js';

const symbols = ['TP53', 'CD3E', 'MS4A1', 'TBCE', 'TBCE.1'];
const ensembl = [
  'ENSG00000141510',
  'ENSG00000198851',
  'ENSG00000156738',
  'ENSG00000284770',
  'ENSG00000285053',
];
const modelIds: GeneIdColumn[] = [{ name: 'gene_ids', ids: ensembl }];

/** Model gene → the file gene that feeds it ('' when none). */
function pairs(match: GeneMatch, fileGenes: readonly string[]): string[] {
  return Array.from(match.columns, (c) => (c < 0 ? '' : fileGenes[c]));
}

test("a file of Ensembl ids (with versions, any order) finds a symbol model's genes through its gene_ids", () => {
  const file = [ensembl[3], `${ensembl[0]}.17`, 'ENSG00000000001', ensembl[2], ensembl[4], ensembl[1]];
  const match = matchGenes(symbols, modelIds, { genes: file });
  assert.deepEqual(pairs(match, file), [`${ensembl[0]}.17`, ensembl[1], ensembl[2], ensembl[3], ensembl[4]]);
  assert.equal(match.counts['file-name-model-id'], 5);
  assert.equal(matchedById(match), 5);
  assert.deepEqual(match.ambiguous, []);
  const names = namesForModel(file, symbols, match);
  assert.deepEqual(names, ['TBCE', 'TP53', 'ENSG00000000001', 'MS4A1', 'TBCE.1', 'CD3E']);
  const [notice] = geneMatchNotices(match, symbols, file, 'new.h5ad');
  assert.match(notice, /^5 of the model's 5 genes were found in new\.h5ad by gene id, not by name/);
  assert.match(notice, /5 by the file's gene names against the model's "gene_ids"/);
});

test('names come first: a gene with its own name is not taken through an id', () => {
  const file = ['TP53', ensembl[1], 'MS4A1'];
  const match = matchGenes(symbols, modelIds, { genes: file });
  assert.deepEqual(pairs(match, file), ['TP53', ensembl[1], 'MS4A1', '', '']);
  assert.equal(match.counts.name, 2);
  assert.equal(match.counts['file-name-model-id'], 1);
});

test('a file of symbols with gene_ids finds an Ensembl model (no ids of its own) through its annotation', () => {
  const geneAnnotations = [{ name: 'gene_ids', values: ensembl.map((id) => `${id}.2`) }];
  const match = matchGenes(ensembl, [], { genes: symbols, geneAnnotations });
  assert.deepEqual(pairs(match, symbols), symbols);
  assert.equal(match.counts['file-id-model-name'], 5);
  assert.deepEqual(match.fileIdColumns, ['gene_ids']);
  assert.deepEqual(match.modelIdColumns, []);
});

test("ids on both sides: the file's annotation against the model's ids", () => {
  const geneAnnotations = [{ name: 'gene_ids', values: ensembl }];
  const file = ['p53', 'cd3e', 'ms4a1', 'tbce', 'tbce2'];
  const match = matchGenes(symbols, modelIds, { genes: file, geneAnnotations });
  assert.deepEqual(pairs(match, file), file);
  assert.equal(match.counts['file-id-model-id'], 5);
});

test('a name differing only by an Ensembl version suffix matches, both ways', () => {
  const model = [ensembl[0], `${ensembl[1]}.4`];
  const file = [`${ensembl[0]}.17`, ensembl[1]];
  const match = matchGenes(model, [], { genes: file });
  assert.deepEqual(pairs(match, file), file);
  assert.equal(match.counts.version, 2);
  assert.equal(matchedById(match), 0);
  const notices = geneMatchNotices(match, model, file, 'f.csv');
  assert.equal(notices.length, 1);
  assert.match(
    notices[0],
    /2 of the model's 2 genes were found in f\.csv by name ignoring the Ensembl version/,
  );
});

test('one id fitting two model genes matches neither, and says so; the others are unaffected', () => {
  const ids: GeneIdColumn[] = [
    { name: 'gene_ids', ids: [ensembl[0], ensembl[0], ensembl[2], ensembl[3], ''] },
  ];
  const file = [ensembl[2], ensembl[0], ensembl[3]];
  const match = matchGenes(symbols, ids, { genes: file });
  assert.deepEqual(pairs(match, file), ['', '', ensembl[2], ensembl[3], '']);
  assert.deepEqual(match.ambiguous, [{ modelGenes: ['TP53', 'CD3E'], fileGenes: [ensembl[0]] }]);
  assert.equal(match.ambiguousGenes, 2);
  const notices = geneMatchNotices(match, symbols, file, 'f.csv');
  assert.match(
    notices.at(-1)!,
    /2 of the model's genes were left unmatched in f\.csv .* TP53, CD3E ↔ ENSG00000141510\./,
  );
});

test('two file genes with one id (versions apart) match neither; the order of the columns does not matter', () => {
  const file = [`${ensembl[0]}.1`, ensembl[1], `${ensembl[0]}.2`];
  const reversed = file.slice().reverse();
  const a = matchGenes(symbols, modelIds, { genes: file });
  const b = matchGenes(symbols, modelIds, { genes: reversed });
  assert.deepEqual(pairs(a, file), ['', ensembl[1], '', '', '']);
  assert.deepEqual(pairs(b, reversed), pairs(a, file));
  assert.deepEqual(a.ambiguous, [
    { modelGenes: ['TP53'], fileGenes: [`${ensembl[0]}.1`, `${ensembl[0]}.2`] },
  ]);
  assert.deepEqual(b.ambiguous, [
    { modelGenes: ['TP53'], fileGenes: [`${ensembl[0]}.2`, `${ensembl[0]}.1`] },
  ]);
});

test('an ambiguity a later step resolves is not reported', () => {
  // the file's names fit two model genes through the model's ids; its own gene_ids pick one each
  const ids: GeneIdColumn[] = [{ name: 'alias', ids: ['X', 'X'] }];
  const geneAnnotations = [{ name: 'gene_ids', values: ['TP53', 'CD3E'] }];
  const match = matchGenes(['TP53', 'CD3E'], ids, { genes: ['X', 'Y'], geneAnnotations });
  assert.deepEqual(pairs(match, ['X', 'Y']), ['X', 'Y']);
  assert.deepEqual(match.ambiguous, []);
  assert.equal(match.ambiguousGenes, 0);
});

test('the refusal says whether ids were tried, and what would let them be', () => {
  const none = matchGenes(symbols, [], { genes: ensembl });
  assert.match(
    matchingTried(none, 'f.csv'),
    /^Genes were matched by name only.*neither f\.csv nor the model has gene ids/,
  );
  const modelOnly = matchGenes(symbols, modelIds, { genes: ['a'] });
  assert.match(matchingTried(modelOnly, 'f.csv'), /by gene id through the model's "gene_ids"/);
  const fileOnly = matchGenes(symbols, [], {
    genes: ['a'],
    geneAnnotations: [{ name: 'gene_ids', values: ['b'] }],
  });
  assert.match(matchingTried(fileOnly, 'f.csv'), /f\.csv's "gene_ids".*the model records no gene ids/);
});

// counts grouped as the app groups them: "1 200 of the model's 1 200 genes", not "1200 of the model's 1200"
test('the notices group the digits of their counts', () => {
  const model = Array.from({ length: 1200 }, (_, g) => `ENSG${String(g).padStart(11, '0')}`);
  const file = model.map((id) => `${id}.3`);
  const [notice] = geneMatchNotices(matchGenes(model, [], { genes: file }), model, file, 'f.csv');
  assert.match(notice, /^1\u202f200 of the model's 1\u202f200 genes were found in f\.csv by name ignoring/);
});
