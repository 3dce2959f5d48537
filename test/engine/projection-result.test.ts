// What the engine keeps of a projected file (projection-result.ts): the reply without the CSV, the CSV's
// name, made from the projected file's name, and the CSV made from the reply's cells (`projectedCsv`, what a
// reopened session exports) as `embed`'s writer makes it from the table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embeddingCsv } from '../../src/engine/coordinates-csv.js';
import {
  projectedCsv,
  projectedCsvName,
  projectedLabelColumn,
  projectionResult,
  type ProjectionParts,
} from '../../src/engine/projection-result.js';

test('the projected cells’ CSV is named after the projected file, less its extension', () => {
  assert.equal(projectedCsvName('/srv/data/query.csv.gz'), 'query.projected.csv');
  assert.equal(projectedCsvName('sample2.h5ad'), 'sample2.projected.csv');
  assert.equal(projectedCsvName('C:\\data\\cells.loom'), 'cells.projected.csv');
  // a Cell Ranger folder by its sample (every sample's folder is filtered_feature_bc_matrix)
  assert.equal(projectedCsvName('/srv/data/run2/outs/filtered_feature_bc_matrix/'), 'run2.projected.csv');
  assert.equal(projectedCsvName('filtered_feature_bc_matrix/'), 'filtered_feature_bc_matrix.projected.csv');
  assert.equal(projectedCsvName('.csv'), 'projected.projected.csv');
  // projected onto a later run's map: named by that run, as the map's other exports
  assert.equal(projectedCsvName('/srv/data/query.csv.gz', 2), 'query_run2.projected.csv');
  assert.equal(projectedCsvName('/srv/data/query.csv.gz', 1), 'query.projected.csv');
});

test('projectedCsv makes from the cells the page was given the CSV embeddingCsv writes from the table', () => {
  // numbers as float32 holds them: tiny, huge, negative zero, a third; ids and values that need quoting
  const coords = Float32Array.from([1e-8, -0, 3.4028235e38, 0.1, -123456.789, 2 / 3]);
  const confidence = Float32Array.from([1 / 3, 1]);
  const cells = {
    ids: ['a,"b"', '=1+2'],
    coords: { data: coords, rows: 2, cols: 3 },
    predicted: ['T cell', 'B, naive'],
    confidence,
    labels: ['NK', ''],
    joinedMetadata: [
      { name: 'donor', values: ['', 'x\ny'] },
      { name: 'cell_type', values: ['NK', ''] },
      { name: 'batch', values: ['-3', '@b'] },
    ],
  };
  const table = {
    idColumn: 'cell id, "x"',
    ids: cells.ids,
    metadata: [
      { name: 'other', values: ['o', 'p'] },
      { name: 'donor', values: ['', 'x\ny'], joined: true as const },
      { name: 'cell_type', values: ['NK', ''], joined: true as const },
      { name: 'batch', values: ['-3', '@b'], joined: true as const },
    ],
  };
  const expected = embeddingCsv(table, cells, 'cell_type');
  assert.equal(projectedCsv(cells, { idColumn: 'cell id, "x"', labelColumn: 'cell_type' }), expected);
  assert.equal(
    expected,
    '"cell id, ""x""",cell_type,x,y,z,predicted_label,confidence,donor,batch\n' +
      '"a,""b""",NK,1e-8,0,3.402823e+38,T cell,0.3333333,,-3\n' +
      `'=1+2,,0.1,-123456.8,0.6666667,"B, naive",1,"x\ny",'@b\n`,
  );
  // without the file's own labels: no label column, and a joined column of that name is written as joined
  const bare = { ...cells, labels: null, joinedMetadata: cells.joinedMetadata.slice(0, 1) };
  const bareTable = { ...table, metadata: table.metadata.slice(0, 2) };
  assert.equal(
    projectedCsv(bare, { idColumn: 'cell id, "x"', labelColumn: 'cell_type' }),
    embeddingCsv(bareTable, bare, 'cell_type'),
  );
});

// A scanpy walkthrough: projecting annotated query cells (the run's label column among their obs) said only that
// they were shown; `embed` says how far the predictions agree with the file's labels, and so does the page.
test("a projected file with the run's label column is told how far the predictions agree with it, in its notes", () => {
  const table = {
    source: 'query.h5ad',
    idColumn: 'obs_names',
    ids: ['a', 'b', 'c', 'd'],
    genes: ['g'],
    values: { rows: 4, cols: 1, data: new Float32Array(4) },
    metadata: [{ name: 'cell_type', values: ['B', 'T', '', 'Mast'] }],
    warnings: [{ code: 'metadata-join', message: 'All 4 cells matched.', info: true as const }],
    format: { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] },
  };
  const parts: ProjectionParts = {
    source: 'query.h5ad',
    table,
    format: { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] },
    output: {
      coords: { rows: 4, cols: 2, data: new Float32Array(8) },
      predicted: ['B', 'B', 'T', 'T'],
      confidence: new Float32Array(4),
      missingGenes: [],
      notices: [],
    } as unknown as ProjectionParts['output'],
    labelColumn: 'cell_type',
    classes: ['B', 'T'],
    readNotes: [],
    scaleWarning: null,
    metadataSource: null,
    file: { name: 'query.h5ad', size: 1, sha256: '', path: '' } as unknown as ProjectionParts['file'],
  };
  assert.deepEqual(projectionResult(parts, 'p1').notes, [
    'All 4 cells matched.',
    "Predicted labels agree with the file's cell_type for 1 of 3 labelled cells (33.3 %); 1 of them of a class the model was not trained on, which it cannot predict.",
  ]);
  // a file without that column: no such note
  const other = { ...parts, table: { ...table, metadata: [] } };
  assert.deepEqual(projectionResult(other, 'p2').notes, ['All 4 cells matched.']);
});

test('a projected file’s own labels: the run’s column, else on a run on edited labels the column they started from', () => {
  const table = (...names: string[]) => ({ metadata: names.map((name) => ({ name, values: [] })) });
  assert.equal(projectedLabelColumn(table('cell_type'), 'cell_type'), 'cell_type');
  assert.equal(projectedLabelColumn(table('cell_type'), 'label_edited', 'cell_type'), 'cell_type');
  // a file that has the run's column keeps it; one with neither is named by the run's (it has no labels)
  assert.equal(
    projectedLabelColumn(table('cell_type', 'label_edited'), 'label_edited', 'cell_type'),
    'label_edited',
  );
  assert.equal(projectedLabelColumn(table('louvain'), 'label_edited', 'cell_type'), 'label_edited');
});
