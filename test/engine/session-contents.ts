// A small valid session's contents for the session-file tests (session-file and session-file-corrupt), and
// projected cells to add to it.
import type { DatasetSummary, RunResult } from '../../src/api/engine-api.js';
import type { SessionContents } from '../../src/engine/session-file.js';

/** A run of three cells with predictions, edited labels, a selection and a model's files. */
export function sessionContents(): SessionContents {
  const modelFiles = new Map<string, Uint8Array>();
  for (const name of ['model.json', 'recipe.json', 'reference.json', 'run.json', 'encoder/model.json']) {
    modelFiles.set(name, new TextEncoder().encode(`{"name":"${name}"}`));
  }
  modelFiles.set('encoder/weights.bin', Uint8Array.of(1, 2, 3, 4));
  return {
    createdAt: '2026-11-29T00:00:00.000Z',
    input: { kind: 'path', path: '/data/cells.csv', name: 'cells.csv', size: 123, sha256: 'ab'.repeat(32) },
    settings: { importSettings: { delimiter: ',' }, labelColumn: 'label' },
    summary: { source: '/data/cells.csv', idColumn: 'id' } as DatasetSummary,
    result: {
      runId: 'run-1',
      datasetId: 'data-1',
      labelColumn: 'label',
      coords: { data: Float32Array.of(0, 1, 2, 3, 4, 5), rows: 3, cols: 2 },
      ids: ['a', 'b', 'c'],
      labels: ['T', '', 'B'],
      split: ['train', 'unlabeled', 'holdout'],
      metrics: {} as RunResult['metrics'],
      stoppedReason: 'completed',
      history: [{ epoch: 1, loss: 0.5, activeFraction: 0.2 }],
      report: { seed: 0 },
    },
    predictions: { runId: 'run-1', predicted: ['', 'T', 'B'], confidence: Float32Array.of(NaN, 0.8, 1) },
    editedLabels: {
      column: 'label_edited',
      source: 'label',
      categories: ['B', 'T'],
      codes: Int32Array.of(1, -1, 0),
    },
    selection: Int32Array.of(0, 2),
    view: { explore: { dims: '2' } },
    modelFiles,
  };
}

/**
 * Two cells projected from a CSV/TSV (Project another file), as a session keeps them; `source` names the file
 * and `ids` its rows, `joinedMetadata` the columns a metadata file joined to them. Default: none joined.
 */
export function projectedCells(
  source: string,
  ids: [string, string],
  joinedMetadata: { name: string; values: string[] }[] = [],
): SessionContents['projected'] {
  return {
    source,
    file: { name: source, size: 10, sha256: 'cd'.repeat(32) },
    format: { kind: 'text' },
    ids,
    coords: { data: Float32Array.of(0.5, 0.5, 1, 1), rows: 2, cols: 2 },
    predicted: ['T', 'B'],
    confidence: Float32Array.of(0.9, 0.7),
    missingGenes: [],
    warnings: [],
    labels: null,
    notes: [],
    metadataSource: null,
    joinedMetadata,
    csv: { idColumn: 'id', labelColumn: 'label' },
  } as unknown as SessionContents['projected'];
}
