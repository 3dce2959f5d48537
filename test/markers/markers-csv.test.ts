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
  assert.equal(lines[1], `"'=HYPERLINK(""x"")",1,-2.5,1e-300,3e-299,0.5,0.25,1,0.5`);
  assert.equal(lines[2], '"HLA-A,B",1,-2.5,1e-300,3e-299,0.5,0.25,1,0.5');
});
