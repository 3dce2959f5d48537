// The one stem of default output and download names (src/api/output-stem.ts): a file's name less its data
// extension; Cell Ranger output, whose folder and file names every sample shares, by its sample's name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inputShownName, inputStem, runStem } from '../../src/api/output-stem.js';

test('a file is its name less its data extension, the folders dropped', () => {
  assert.equal(inputStem('data/pbmc.csv.gz'), 'pbmc');
  assert.equal(inputStem('C:\\x\\cells.h5ad'), 'cells');
  assert.equal(inputStem('/srv/sample2.loom'), 'sample2');
  assert.equal(inputStem('my.data.tsv'), 'my.data');
  assert.equal(inputStem('cells.h5ad.backup'), 'cells.h5ad.backup');
  // names that are Cell Ranger's elsewhere are a file's own name here
  assert.equal(inputStem('/home/u/count.csv'), 'count');
  assert.equal(inputStem('/home/u/outs'), 'outs');
  assert.equal(inputStem('.csv'), '');
  assert.equal(inputStem(''), '');
});

// A walkthrough: two samples' runs both wrote filtered_feature_bc_matrix.coords.csv, the second over the first.
test('Cell Ranger output is named after its sample, above outs', () => {
  const cases: [string, string][] = [
    ['sampleA/outs/filtered_feature_bc_matrix', 'sampleA'],
    ['/data/sampleA/outs/filtered_feature_bc_matrix/', 'sampleA'],
    ['C:\\runs\\sampleB\\outs\\filtered_feature_bc_matrix', 'sampleB'],
    ['sampleA/outs/filtered_feature_bc_matrix.h5', 'sampleA'],
    ['sampleA/outs/filtered_feature_bc_matrix/matrix.mtx.gz', 'sampleA'],
    // Cell Ranger 2: a folder per genome
    ['s2/outs/filtered_gene_bc_matrices/GRCh38', 's2'],
    ['s2/outs/filtered_gene_bc_matrices_h5.h5', 's2'],
    // cellranger multi: outs/per_sample_outs/<sample>/count/
    ['run1/outs/per_sample_outs/B1/count/sample_filtered_feature_bc_matrix', 'B1'],
    // the raw matrix of a sample keeps its name apart from the filtered one's
    ['sampleA/outs/raw_feature_bc_matrix', 'sampleA_raw'],
    ['s2/outs/raw_gene_bc_matrices/mm10/', 's2_raw'],
    // a MatrixMarket folder's matrix file is named after its folder, as the folder is
    ['proj/mydata/matrix.mtx', 'mydata'],
    ['proj/mydata', 'mydata'],
  ];
  for (const [path, stem] of cases) assert.equal(inputStem(path), stem, path);
  // nothing above the folder: its own name (the CLI resolves a relative path first)
  assert.equal(inputStem('filtered_feature_bc_matrix'), 'filtered_feature_bc_matrix');
  assert.equal(inputStem('matrix.mtx.gz'), 'matrix');
});

test('a run after the first on the data takes its number in the stem; the first, or no number, none', () => {
  assert.equal(runStem('pbmc', 1), 'pbmc');
  assert.equal(runStem('pbmc', undefined), 'pbmc');
  assert.equal(runStem('pbmc', 2), 'pbmc_run2');
  assert.equal(runStem('sampleA_raw', 12), 'sampleA_raw_run12');
  // a damaged session's number is no part of a file name
  for (const bad of [0, -3, 2.5, Number.NaN, Infinity])
    assert.equal(runStem('pbmc', bad), 'pbmc', String(bad));
  assert.equal(runStem('pbmc', '2/../x' as unknown as number), 'pbmc');
});

test('the page shows a Cell Ranger matrix from its sample folder down, another file by its name', () => {
  // the Import summary named every sample's folder `filtered_feature_bc_matrix` while its exports took the
  // sample's name: the shown name starts with the part inputStem names them after
  const shown = (path: string) => [inputShownName(path), inputStem(path)];
  assert.deepEqual(shown('/data/pbmc3k/filtered_feature_bc_matrix/'), [
    'pbmc3k/filtered_feature_bc_matrix',
    'pbmc3k',
  ]);
  assert.deepEqual(shown('/data/sampleA/outs/filtered_feature_bc_matrix.h5'), [
    'sampleA/outs/filtered_feature_bc_matrix.h5',
    'sampleA',
  ]);
  assert.deepEqual(shown('C:\\runs\\s2\\outs\\raw_feature_bc_matrix\\matrix.mtx.gz'), [
    's2/outs/raw_feature_bc_matrix/matrix.mtx.gz',
    's2_raw',
  ]);
  assert.deepEqual(shown('/r/outs/per_sample_outs/B1/count/sample_filtered_feature_bc_matrix'), [
    'B1/count/sample_filtered_feature_bc_matrix',
    'B1',
  ]);
  // nothing above the shared name (an upload's name), and other data: the last part, as before
  assert.equal(inputShownName('filtered_feature_bc_matrix'), 'filtered_feature_bc_matrix');
  assert.equal(inputShownName('/srv/root/pbmc.csv'), 'pbmc.csv');
  assert.equal(inputShownName('pbmc.h5ad'), 'pbmc.h5ad');
});
