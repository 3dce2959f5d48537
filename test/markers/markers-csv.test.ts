import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markersCsv } from '../../src/markers/markers-csv.js';

test('gene names are escaped by the one CSV writer (quotes, formula starts); numbers keep full precision', () => {
  const gene = {
    score: 1,
    logFoldChange: -2.5,
    pValue: 1e-300,
    pAdjusted: 3e-299,
    fractionGroup: 0.5,
    fractionReference: 0.25,
    meanGroup: 1,
    meanReference: 0.5,
  };
  const text = markersCsv([
    { ...gene, gene: '=HYPERLINK("x")' },
    { ...gene, gene: 'HLA-A,B' },
  ]);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[1], `"'=HYPERLINK(""x"")",1,-2.5,1e-300,3e-299,0.5,0.25,1,0.5,e`);
  assert.equal(lines[2], '"HLA-A,B",1,-2.5,1e-300,3e-299,0.5,0.25,1,0.5,e');
});

test("the last column says the log base the fold change took the values' log1p in: e, or the file's", () => {
  const gene = {
    gene: 'CD79A',
    score: 1,
    logFoldChange: 2,
    pValue: 0.5,
    pAdjusted: 0.5,
    fractionGroup: 1,
    fractionReference: 0,
    meanGroup: 1,
    meanReference: 0,
  };
  const natural = markersCsv([gene]).trimEnd().split('\n');
  assert.match(natural[0], /,mean_reference,logfoldchange_log1p_base$/);
  assert.match(natural[1], /,e$/);
  assert.match(markersCsv([gene], 2).trimEnd().split('\n')[1], /,0,2$/);
});

test('log2 values (valueLog log2) had no log1p base: the last column says so', () => {
  const gene = {
    gene: 'CD79A',
    score: 1,
    logFoldChange: 2,
    pValue: 0.5,
    pAdjusted: 0.5,
    fractionGroup: 1,
    fractionReference: 0,
    meanGroup: 2,
    meanReference: 0,
  };
  assert.match(markersCsv([gene], undefined, true).trimEnd().split('\n')[1], /,0,none \(log2 values\)$/);
});
