import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetSummary, RunResult } from '../../../../src/api/engine-api.js';
import { INITIAL_STATE, type AppState } from '../../../../renderer/state.js';
import {
  annDataFileName,
  annDataSavedNotice,
  annDataTarget,
  downloadHref,
  exportDescriptions,
  exportEnabled,
  exportNote,
  exportWords,
  fileStem,
  htmlSubtitle,
  NEEDS_ENGINE,
} from '../../../../renderer/screens/export/export-model.js';

const dataset = { source: 'data/pbmc.csv' } as DatasetSummary;
const result = { runId: 'r1', labelColumn: 'louvain' } as RunResult;
const finished: AppState = { ...INITIAL_STATE, dataset, result };
const ALL = [
  'export-csv',
  'export-h5ad',
  'export-png',
  'export-svg',
  'export-html',
  'export-model',
  'export-report',
];

test('file stems drop the folder and a table or single-cell extension and keep only safe characters', () => {
  assert.equal(fileStem('data/pbmc.csv'), 'pbmc');
  assert.equal(fileStem('C:\\x\\my data.tsv.gz'), 'my_data');
  // the map of cells.h5ad is cells_map.png beside the engine's cells.coords.csv, not cells.h5ad_map.png
  assert.equal(fileStem('cells.h5ad'), 'cells');
  assert.equal(fileStem('/data/pbmc.loom'), 'pbmc');
  assert.equal(fileStem('filtered.h5'), 'filtered');
  assert.equal(fileStem('matrix.mtx.gz'), 'matrix');
  assert.equal(fileStem('cells.h5ad.backup'), 'cells.h5ad.backup');
  assert.equal(fileStem(undefined), 'tripletlens');
  assert.equal(fileStem('data/.csv'), 'tripletlens');
  // a Cell Ranger folder by its sample: two samples' downloads no longer share filtered_feature_bc_matrix.*
  assert.equal(fileStem('/srv/sample A/outs/filtered_feature_bc_matrix'), 'sample_A');
  assert.equal(
    annDataFileName('/srv/sampleB/outs/filtered_feature_bc_matrix.h5'),
    'sampleB.tripletlens.h5ad',
  );
});

// Reported: a retrain's PNG, SVG, HTML and h5ad were offered under the first run's names, so the desktop app
// saved them over the first run's files. The page names them as the engine names the run's CSV and report.
test('a later run on the data names the page’s exports with its number; the first run keeps the plain names', () => {
  assert.equal(fileStem('data/pbmc.csv', 1), 'pbmc');
  assert.equal(fileStem('data/pbmc.csv', 2), 'pbmc_run2');
  assert.equal(fileStem(undefined, 3), 'tripletlens_run3');
  assert.equal(annDataFileName('data/pbmc.csv', 2), 'pbmc_run2.tripletlens.h5ad');
  assert.equal(annDataFileName('data/pbmc.csv', undefined), 'pbmc.tripletlens.h5ad');
});

test('nothing is offered before a run or while the page is busy; everything after a run', () => {
  for (const id of ALL) assert.equal(exportEnabled(INITIAL_STATE, id), false, id);
  for (const id of ALL) assert.equal(exportEnabled(finished, id), true, id);
  const busy: AppState = {
    ...finished,
    busy: { kind: 'export', message: 'PNG image…', fraction: null, cancellable: false },
  };
  for (const id of ALL) assert.equal(exportEnabled(busy, id), false, id);
  assert.equal(exportNote(INITIAL_STATE), 'Train a model first; then everything here can be saved.');
  assert.equal(exportNote(finished), 'Exports describe the run on pbmc.csv (label “louvain”).');
});

// The note named the data by its whole path — a server's, or the installed package's for the sample — where
// every other line names it as the File line does: a Cell Ranger folder from its sample's folder down.
test('the note names the data as the File line names it', () => {
  const source = '/srv/root/data/s1/outs/filtered_feature_bc_matrix/';
  const folder = { ...finished, dataset: { source } as DatasetSummary };
  assert.equal(
    exportNote(folder),
    'Exports describe the run on s1/outs/filtered_feature_bc_matrix (label “louvain”).',
  );
});

test('the note names the embedding a run was trained on', () => {
  const dataset = finished.dataset;
  assert.ok(dataset);
  const onEmbedding: AppState = {
    ...finished,
    dataset: {
      ...dataset,
      source: 'scanpy.h5ad',
      format: { kind: 'h5ad', matrix: 'obsm/X_scVI', layers: ['X'], obsm: ['X_scVI'] },
    },
  };
  assert.equal(
    exportNote(onEmbedding),
    'Exports describe the run on scanpy.h5ad (its embedding obsm/X_scVI, label “louvain”).',
  );
});

test('a run retrained on edited labels is said to be on the user’s edits of the input’s own label column', () => {
  const edits = { column: 'label_edited', source: 'louvain', categories: ['a'], codes: Int32Array.of(0) };
  const retrained: AppState = {
    ...finished,
    result: { ...result, labelColumn: 'label_edited' },
    annotation: { ...finished.annotation, present: { ...finished.annotation.present, editedLabels: edits } },
  };
  assert.equal(
    exportNote(retrained),
    'Exports describe the run on pbmc.csv (label “label_edited”, your edits of “louvain”).',
  );
  // edits not yet retrained on: the run is still on its own column
  assert.equal(
    exportNote({ ...retrained, result }),
    'Exports describe the run on pbmc.csv (label “louvain”).',
  );
});

test('a run the engine lost keeps only the exports the page makes itself, and says why', () => {
  const lost: AppState = {
    ...finished,
    resultLost: 'Another page opened other data; train again to export.',
  };
  for (const id of ALL) assert.equal(exportEnabled(lost, id), !NEEDS_ENGINE.has(id), id);
  assert.deepEqual([...NEEDS_ENGINE].sort(), ['export-csv', 'export-h5ad', 'export-model', 'export-report']);
  assert.equal(
    exportNote(lost),
    "Another page opened other data; train again to export. The map's images and HTML can still be saved.",
  );
});

test('the standalone HTML says how many of the map’s cells it shows when it holds a subsample', () => {
  const made = new Date('2026-12-02T10:00:00Z');
  assert.equal(htmlSubtitle(made, undefined), 'Made with TripletLens on 2026-12-02');
  assert.equal(
    htmlSubtitle(made, { shown: 700, total: 700, how: null }),
    'Made with TripletLens on 2026-12-02',
  );
  assert.match(
    htmlSubtitle(made, { shown: 100_004, total: 200_000, how: 'subsample' }),
    /^Made with TripletLens on 2026-12-02\. Shows 100\D?004 of 200\D?000 cells: a density-preserving subsample/,
  );
});

test('the AnnData export goes to the save dialog’s path in the desktop app, else to a server download', () => {
  assert.deepEqual(annDataTarget('/home/me/cells.tripletlens.h5ad'), {
    kind: 'path',
    path: '/home/me/cells.tripletlens.h5ad',
  });
  assert.deepEqual(annDataTarget(null), { kind: 'download' });
  assert.deepEqual(annDataTarget(undefined), { kind: 'download' });
  // the dialog proposes the engine's own name for it
  assert.equal(annDataFileName('data/atlas.h5ad'), 'atlas.tripletlens.h5ad');
  assert.equal(annDataFileName(undefined), 'tripletlens.tripletlens.h5ad');
});

test('a server download is saved by following its address (streamed to disk), a written file is not', () => {
  const download = {
    kind: 'download' as const,
    downloadId: '0123456789abcdef0123456789abcdef',
    fileName: 'atlas.tripletlens.h5ad',
    mimeType: 'application/x-hdf5',
    bytes: 1_150_000_000,
  };
  assert.equal(downloadHref(download), '/api/download/0123456789abcdef0123456789abcdef');
  assert.equal(
    downloadHref({ ...download, downloadId: '../../etc/passwd' }),
    '/api/download/..%2F..%2Fetc%2Fpasswd',
  );
  assert.deepEqual(annDataSavedNotice(download), {
    level: 'info',
    message: 'atlas.tripletlens.h5ad (1.1 GB) is downloading: the browser saves it as it arrives.',
    // what the notice becomes once the server sent all of it (state.ts, 'download-ended')
    download: { id: download.downloadId, done: 'atlas.tripletlens.h5ad (1.1 GB) was downloaded.' },
  });
  assert.equal(
    annDataSavedNotice({ ...download, notes: ['No X.'] }).download?.done,
    'atlas.tripletlens.h5ad (1.1 GB) was downloaded. No X.',
    'the notes stay said',
  );
  // the engine's notes are worded for the CLI's 'warning: …' line, in lower case
  const log1p =
    "the input's uns 'log1p' is not copied: it says the input's X is log-transformed, but the result's X holds the input's layers/counts.";
  assert.equal(
    annDataSavedNotice({ ...download, notes: [log1p, "obs['x'] was a boolean column."] }).download?.done,
    "atlas.tripletlens.h5ad (1.1 GB) was downloaded. The input's uns 'log1p' is not copied: it says the input's X " +
      "is log-transformed, but the result's X holds the input's layers/counts. obs['x'] was a boolean column.",
    'each note a sentence; a key as spelt',
  );
  const written = {
    kind: 'path' as const,
    path: '/home/me/atlas.tripletlens.h5ad',
    fileName: 'atlas.tripletlens.h5ad',
    mimeType: 'application/x-hdf5',
    bytes: 5 * 1024 * 1024,
  };
  assert.equal(downloadHref(written), null);
  assert.deepEqual(annDataSavedNotice(written), {
    level: 'info',
    message: 'Saved /home/me/atlas.tripletlens.h5ad (5.0 MB).',
  });
  // the engine's notes about the file (an input without X) are said with it, as a warning
  assert.deepEqual(annDataSavedNotice({ ...written, notes: ['in.h5ad has no X (X is None), so …'] }), {
    level: 'warning',
    message: 'Saved /home/me/atlas.tripletlens.h5ad (5.0 MB). in.h5ad has no X (X is None), so …',
  });
});

test("what the CSV and the h5ad hold, in the run's words for its rows: a text table's are rows, maybe samples", () => {
  const textRun = { ...result, report: { input: { format: { kind: 'text', matrix: '' } } } } as RunResult;
  const h5adRun = { ...result, report: { input: { format: { kind: 'h5ad', matrix: 'X' } } } } as RunResult;
  const text = exportDescriptions(exportWords({ result: textRun, dataset }));
  assert.match(text.csv, /^One row per input row: /);
  assert.match(text.h5ad, /^For scanpy and cellxgene: the rows’ metadata with split/);
  const cells = exportDescriptions(exportWords({ result: h5adRun, dataset }));
  assert.match(cells.csv, /^One row per cell: /);
  assert.match(cells.h5ad, /the cells’ metadata/);
  // before a run, the open table's words; with nothing open, cells
  const csvTable = {
    ...dataset,
    format: { kind: 'text', matrix: '', layers: [], obsm: [] },
  } as DatasetSummary;
  assert.match(
    exportDescriptions(exportWords({ result: null, dataset: csvTable })).csv,
    /^One row per input row/,
  );
  assert.match(exportDescriptions(exportWords({ result: null, dataset: null })).csv, /^One row per cell/);
});
