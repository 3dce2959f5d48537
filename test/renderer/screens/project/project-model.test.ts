// Explore ▸ Project another file, the pure part: the Matrix field's choices (the trained matrix first, as the
// engine's default), its settings, and what the page says about a projected file — its name (a server path
// as its file name), the matrix read for an h5ad/loom, how many cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbedResult, FileFormatSummary } from '../../../../src/api/engine-api.js';
import { rowWords } from '../../../../src/api/file-format.js';
import {
  chosenMetadataText,
  matrixChoices,
  projectedButtonWords,
  projectedColourChoices,
  projectedNotice,
  projectedText,
  projectHints,
  projectingWords,
  projectSettings,
  decimalApplies,
  logNormaliseHint,
  PROJECT_DECIMALS,
  PROJECT_ORIENTATIONS,
  trainedMatrix,
} from '../../../../renderer/screens/project/project-model.js';

const h5ad = (matrix: string, layers: string[]): FileFormatSummary => ({
  kind: 'h5ad',
  matrix,
  layers,
  obsm: [],
});

function embedded(source: string, format: FileFormatSummary, missingGenes: string[] = []): EmbedResult {
  return {
    source,
    format,
    ids: ['x', 'y'],
    coords: { rows: 2, cols: 3, data: new Float32Array(6) },
    predicted: ['B', 'T'],
    confidence: new Float32Array(2),
    missingGenes,
    warnings: [],
    labels: null,
    notes: [],
    metadataSource: null,
    joinedMetadata: [],
    projectionId: 'projection-1',
    file: { kind: 'path', path: '', name: 'query.csv', size: -1, sha256: null },
  };
}

test('the matrix a run was trained on, from its report', () => {
  assert.equal(
    trainedMatrix({ report: { input: { format: { kind: 'h5ad', matrix: 'layers/counts' } } } }),
    'layers/counts',
  );
  assert.equal(trainedMatrix({ report: { input: {} } }), '', 'an older report or a text file');
  assert.equal(trainedMatrix({ report: {} }), '');
  assert.equal(trainedMatrix(null), '');
});

test('the Matrix field: the trained matrix first (the default), then X and the files’ matrices, once each', () => {
  const choices = matrixChoices(
    'layers/counts',
    { format: h5ad('layers/counts', ['X', 'raw/X']) },
    embedded('new.h5ad', h5ad('layers/counts', ['X', 'layers/spliced'])),
  );
  assert.deepEqual(choices, [
    { value: '', label: 'as trained (layers/counts)' },
    { value: 'X', label: 'X' },
    { value: 'layers/counts', label: 'layers/counts' },
    { value: 'raw/X', label: 'raw/X' },
    { value: 'layers/spliced', label: 'layers/spliced' },
  ]);
  // a map trained on a text table: the file's own by default; a one-matrix format offers no names
  assert.deepEqual(matrixChoices('', { format: { kind: 'text', matrix: '', layers: [], obsm: [] } }, null), [
    { value: '', label: 'the file’s own' },
    { value: 'X', label: 'X' },
  ]);
  // an embedding is read by default for a map trained on it, and nothing else is offered (the engine refuses it)
  assert.deepEqual(
    matrixChoices(
      'obsm/X_pca',
      { format: { kind: 'h5ad', matrix: 'obsm/X_pca', layers: ['X', 'layers/counts'], obsm: [] } },
      embedded('new.h5ad', h5ad('X', ['layers/counts'])),
    ).map((c) => c.value),
    [''],
  );
});

test('a loom’s main matrix is offered once: “matrix” for looms, “X” beside an h5ad (which reads both)', () => {
  const loom = (layers: string[]): FileFormatSummary => ({
    kind: 'loom',
    matrix: 'matrix',
    layers,
    obsm: [],
  });
  assert.deepEqual(matrixChoices('matrix', { format: loom(['spliced', 'unspliced']) }, null), [
    { value: '', label: 'as trained (matrix)' },
    { value: 'matrix', label: 'matrix' },
    { value: 'spliced', label: 'spliced' },
    { value: 'unspliced', label: 'unspliced' },
  ]);
  assert.deepEqual(
    matrixChoices('matrix', { format: loom([]) }, embedded('new.loom', loom(['ambiguous']))).map(
      (c) => c.value,
    ),
    ['', 'matrix', 'ambiguous'],
  );
  // a loom-trained map projecting an h5ad: X reads the h5ad's X and a loom's main matrix alike
  assert.deepEqual(
    matrixChoices(
      'matrix',
      { format: loom(['spliced']) },
      embedded('new.h5ad', h5ad('X', ['layers/counts'])),
    ).map((c) => c.value),
    ['', 'X', 'spliced', 'layers/counts'],
  );
});

test('projecting a server or desktop path names the file, not its folders', () => {
  for (const path of ['/home/ana/data/sample2.h5ad', 'C:\\Users\\ana\\sample2.h5ad', 'sample2.h5ad']) {
    assert.deepEqual(projectingWords(path), {
      busy: 'Projecting sample2.h5ad…',
      failed: 'Could not project sample2.h5ad',
    });
  }
});

test('a choice as import settings: the default asks for nothing (the engine reads the trained matrix)', () => {
  assert.deepEqual(projectSettings(''), {});
  assert.deepEqual(projectSettings('layers/counts'), { layer: 'layers/counts' });
  // Orientation: the default asks for nothing; genes as rows turns a CSV/TSV round, as embed --transpose does
  assert.deepEqual(projectSettings('', 'auto'), {});
  assert.deepEqual(projectSettings('', 'genes-as-rows'), { orientation: 'genes-as-rows' });
  assert.deepEqual(
    PROJECT_ORIENTATIONS.map((o) => o.value),
    ['auto', 'genes-as-rows'],
  );
});

// A tab-separated query of decimal commas is never detected: the section's Decimal separator goes with a
// CSV/TSV, or with any file when a metadata file is joined (the engine refuses it for an h5ad without one).
test('a Decimal separator choice is sent when it applies: a text table, or a joined metadata file', () => {
  assert.deepEqual(projectSettings('', 'auto', ',', true), { decimal: ',' });
  assert.deepEqual(projectSettings('', 'auto', 'auto', true), {});
  assert.deepEqual(projectSettings('', 'auto', ',', false), {});
  assert.equal(decimalApplies('query_sv.tsv', false), true);
  assert.equal(decimalApplies('/data/query.CSV.gz', false), true);
  assert.equal(decimalApplies('query.h5ad', false), false);
  assert.equal(decimalApplies('query.h5ad', true), true);
  assert.deepEqual(
    PROJECT_DECIMALS.map((o) => o.value),
    ['auto', '.', ','],
  );
});

test('what the page says: cells, the file by its name, the matrix read for an h5ad or loom', () => {
  assert.equal(projectedText(null), '');
  assert.equal(
    projectedText(embedded('b.csv', { kind: 'text', matrix: '', layers: [], obsm: [] }, ['G1'])),
    '2 rows from b.csv shown as ✕; 1 gene missing (filled with their training average).',
  );
  assert.equal(
    projectedText(embedded('/srv/data/run2/sample2.h5ad', h5ad('layers/counts', ['X']))),
    '2 cells from sample2.h5ad (layers/counts) shown as ✕.',
  );
  assert.equal(
    projectedText(
      embedded('/srv/data/run2/filtered_feature_bc_matrix/', {
        kind: '10x-mtx',
        matrix: 'matrix.mtx.gz',
        layers: [],
        obsm: [],
      }),
    ),
    // a Cell Ranger folder by its sample's folder down, as the File line names one: every sample's has that name
    '2 cells from run2/filtered_feature_bc_matrix shown as ✕.',
  );
  assert.deepEqual(projectedNotice(embedded('/srv/data/sample2.h5ad', h5ad('X', []))), {
    title: 'Projected sample2.h5ad',
    message:
      '2 cells from sample2.h5ad (X) are shown on the map as ✕, with their predicted class. Remove them under Project another file.',
  });
});

test("a projected CSV/TSV's rows are rows (maybe a bulk panel's samples), a single-cell file's cells", () => {
  const csv = embedded('/srv/data/panel2.csv', { kind: 'text', matrix: '', layers: [], obsm: [] });
  assert.equal(projectedText(csv), '2 rows from panel2.csv shown as ✕.');
  assert.equal(
    projectedText({ ...csv, ids: ['x'], coords: { rows: 1, cols: 3, data: new Float32Array(3) } }),
    '1 row from panel2.csv shown as ✕.',
  );
  assert.match(projectedNotice(csv).message, /^2 rows from panel2\.csv are shown on the map as ✕, /);
  const loom = embedded('a.loom', { kind: 'loom', matrix: 'matrix', layers: [], obsm: [] });
  assert.match(projectedText(loom), /^2 cells from a\.loom/);
  // the buttons under that line and Export's status say the same
  assert.deepEqual(projectedButtonWords(csv), {
    remove: 'Remove projected rows',
    exportButton: 'Export projected rows (CSV)',
    exporting: 'Exporting the projected rows…',
  });
  for (const p of [loom, embedded('b.h5ad', h5ad('X', [])), null]) {
    assert.deepEqual(projectedButtonWords(p), {
      remove: 'Remove projected cells',
      exportButton: 'Export projected cells (CSV)',
      exporting: 'Exporting the projected cells…',
    });
  }
});

test("the fields' hints before a file is projected, in the trained table's words for its rows", () => {
  assert.deepEqual(projectHints(rowWords('text')), {
    file: 'Rows are placed with the trained model; their class is predicted.',
    metadata:
      'Optional: a CSV/TSV of row ids and their annotations (classes, donor…), joined by id to the next file projected, as on the Import screen.',
  });
  assert.equal(
    projectHints(rowWords('h5ad')).file,
    'Cells are placed with the trained model; their class is predicted.',
  );
  assert.match(
    projectHints().metadata,
    /^Optional: a CSV\/TSV of cell ids and their annotations \(cell types, donor…\)/,
  );
});

test('a metadata file joined to the projected cells: the line names it and its columns, Colour ✕ by offers them', () => {
  const p: EmbedResult = {
    ...embedded('/srv/data/query.csv', { kind: 'text', matrix: '', layers: [], obsm: [] }),
    metadataSource: 'cells_meta.csv',
    joinedMetadata: [
      { name: 'cell_type', values: ['B', 'T'] },
      { name: 'donor', values: ['d1', 'd2'] },
    ],
  };
  assert.equal(
    projectedText(p),
    '2 rows from query.csv shown as ✕. Metadata from cells_meta.csv: cell_type, donor.',
  );
  assert.deepEqual(projectedColourChoices(p), [
    { value: '', label: 'predicted class' },
    { value: 'cell_type', label: 'cell_type' },
    { value: 'donor', label: 'donor' },
  ]);
  assert.deepEqual(projectedColourChoices(null), [{ value: '', label: 'predicted class' }]);
  const many = {
    ...p,
    joinedMetadata: Array.from({ length: 12 }, (_, i) => ({ name: `c${i}`, values: ['', ''] })),
  };
  assert.match(projectedText(many), /Metadata from cells_meta\.csv: c0, .*, c9, 2 more\.$/);
});

test('the chosen metadata file is said by its name', () => {
  assert.equal(
    chosenMetadataText('/home/u/annotations.tsv'),
    'annotations.tsv is joined by cell id to the next file projected.',
  );
  assert.equal(chosenMetadataText(null), '');
});

// A map trained on log-normalised values (scanpy's X) and a new sample of raw counts: the page offers
// Log-normalise counts, its hint naming the total each cell will be scaled to, and sends it with the settings.
test('Log-normalise counts is offered for a map of values it did not normalise, naming the total used', () => {
  const run = (recipe: Record<string, unknown>, matrix = 'X') => ({
    report: { input: { format: { kind: 'h5ad', matrix } }, recipe },
  });
  const logMap = { normalize: null, log1p: false };
  assert.match(
    logNormaliseHint(run({ ...logMap, logTotal: 10_000 })) ?? '',
    /scales each cell’s counts to 10\u202f000 in total — the total per cell of the map’s values, then log1p/,
  );
  assert.match(
    logNormaliseHint(run({ ...logMap, logTotal: 1_000_000 })) ?? '',
    /to 1\u202f000\u202f000 in total — the total per cell/,
  );
  assert.match(
    logNormaliseHint(run({ ...logMap, logTotal: null })) ?? '',
    /to 10\u202f000 in total — scanpy’s usual target_sum: the map’s values share no total per cell/,
  );
  assert.match(logNormaliseHint(run(logMap)) ?? '', /trained before TripletLens recorded/);
  // a map that normalises counts itself, one of an embedding, or none: nothing to offer
  assert.equal(logNormaliseHint(run({ normalize: { targetSum: 10_000 }, log1p: true })), null);
  assert.equal(logNormaliseHint(run(logMap, 'obsm/X_pca')), null);
  assert.equal(logNormaliseHint(null), null);
  assert.deepEqual(projectSettings('', 'auto', 'auto', false, true), { logNormalize: true });
  assert.deepEqual(projectSettings('', 'auto', 'auto', false, false), {});
});
