/**
 * The small dataset summary, run result and projected file the renderer's model tests start from (3 cells,
 * classes x/y; one projected cell).
 */
import type { ReopenedSession } from '../../src/api/annotate.js';
import type { DatasetSummary, EmbedResult, EngineState, RunResult } from '../../src/api/engine-api.js';

/** A summary of a 3-cell, 2-gene CSV with one label column; `over` replaces fields. */
export function datasetFixture(over: Partial<DatasetSummary> = {}): DatasetSummary {
  return {
    datasetId: 'd1',
    source: 'pbmc.csv',
    rows: 3,
    genes: 2,
    geneNames: ['g1', 'g2'],
    idColumn: 'id',
    metadata: [{ name: 'label', distinct: 2, missing: 0, topValues: [] }],
    suggestedLabel: 'label',
    valueKind: 'log',
    orientation: { applied: 'cells-as-rows', reason: 'more rows than columns' },
    preview: { header: [], rows: [], totalColumns: 4, delimiter: ',' },
    recommendedPreprocess: {},
    warnings: [],
    metadataSource: null,
    ...over,
  };
}

/** A finished 3-D run on `datasetFixture`'s cells; `over` replaces fields. */
export function runResultFixture(runId: string, over: Partial<RunResult> = {}): RunResult {
  return {
    runId,
    datasetId: 'd1',
    labelColumn: 'label',
    coords: { data: new Float32Array(9), rows: 3, cols: 3 },
    ids: ['a', 'b', 'c'],
    labels: ['x', 'y', 'x'],
    split: ['train', 'train', 'holdout'],
    metrics: {
      knn_holdout: 1,
      knn_train: 1,
      knn_holdout_pca: 0.5,
      knn_holdout_input: 0.5,
      silhouette: 0.4,
      trustworthiness: 0.9,
    },
    stoppedReason: 'completed',
    history: [],
    report: {},
    ...over,
  };
}

/** One cell of query.csv projected onto the map (predicted B), with meta.csv's donor joined; `over` replaces fields. */
export function projectedFixture(over: Partial<EmbedResult> = {}): EmbedResult {
  return {
    source: 'query.csv',
    format: { kind: 'text', matrix: '', layers: [], obsm: [] },
    ids: ['x'],
    coords: { rows: 1, cols: 2, data: new Float32Array(2) },
    predicted: ['B'],
    confidence: new Float32Array([1]),
    missingGenes: [],
    warnings: [],
    labels: null,
    notes: [],
    metadataSource: 'meta.csv',
    joinedMetadata: [{ name: 'donor', values: ['d1'] }],
    projectionId: 'projection-1',
    file: { kind: 'path', path: '', name: 'query.csv', size: -1, sha256: null },
    ...over,
  };
}

/** What a session reopened without its input says of it: /d/cells.csv is gone. */
export const SESSION_INPUT_MISSING = 'The input file /d/cells.csv was not found: the map is shown as saved.';

/** What the engine holds once cells.tripletlens was reopened without its input (run-9, cell 1 selected). */
export function heldSessionWithoutInput(): EngineState {
  const reopenedSession: ReopenedSession = {
    summary: datasetFixture({ datasetId: 'data-9', source: '/d/cells.csv' }),
    predictions: { runId: 'run-9', predicted: ['', '', ''], confidence: new Float32Array(3) },
    editedLabels: null,
    selection: Int32Array.of(1),
    view: null,
    input: { kind: 'path', path: '/d/cells.csv', name: 'cells.csv', size: 1, sha256: 'x' },
    inputStatus: 'missing',
    inputMessage: SESSION_INPUT_MISSING,
    projected: null,
    projectedMessage: '',
  };
  return {
    dataset: null,
    activeRunId: null,
    lastRun: runResultFixture('run-9', { datasetId: 'data-9' }),
    reopenedSession,
  };
}
