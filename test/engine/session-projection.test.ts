// The app's "Project another file" (EngineSession.embedFile) on a map trained on an h5ad's layers/counts (the
// format fixtures' lognorm.h5ad: X log-normalised, counts in a layer and raw/X): a projected h5ad is read with
// the same layer by default (a user audit: its log-normalised X was read, and every cell placed wrongly without
// a word), a file without that layer is read as it comes with a note, values on the wrong scale are warned
// about as `embed` warns, and the result says which matrix was read.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UPLOAD_FOLDER_PREFIX } from '../../src/api/upload-folder.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { nextOutcome } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), UPLOAD_FOLDER_PREFIX));
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

before(async () => {
  const opened = await session.openFile(
    { kind: 'path', path: join(FORMATS, 'lognorm.h5ad') },
    { layer: 'counts' },
  );
  assert.equal(opened.format?.matrix, 'layers/counts');
  const outcome = nextOutcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  const event = await outcome;
  assert.equal(event.type, 'run-finished', JSON.stringify(event));
});

/**
 * cells.csv with its genes headed by Ensembl ids (GENE00 → ENSG00000000000, …), written as
 * `<folder>/ensembl.csv` under the test's folder: its genes are found only through the model's gene_ids.
 */
function writeEnsemblCsv(folder: string): string {
  const lines = readFileSync(join(FORMATS, 'cells.csv'), 'utf8').split('\n');
  const header = lines[0].split(',');
  const first = header.indexOf('GENE00');
  lines[0] = header.map((h, i) => (i < first ? h : `ENSG${String(i - first).padStart(11, '0')}`)).join(',');
  mkdirSync(join(dir, folder));
  const path = join(dir, folder, 'ensembl.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

/**
 * The gene matching's warning (genes found by id) names ensembl.csv, and no warning names the folders it was
 * read from (the test's folder, serve's upload folder).
 */
function assertWarningsNameTheFile(warnings: string[]): void {
  assert.ok(
    warnings.some((w) => w.includes('found in ensembl.csv by gene id')),
    warnings.join(' | '),
  );
  assert.ok(
    warnings.every((w) => !w.includes(dir)),
    warnings.join(' | '),
  );
}

const scaleWarning = /the model was trained on raw counts .* holds log or normalised data/i;

test('an h5ad projected onto a map trained on its layers/counts is read with layers/counts', async () => {
  const embedded = await session.embedFile({ kind: 'path', path: join(FORMATS, 'lognorm.h5ad') });
  assert.deepEqual(embedded.format, {
    kind: 'h5ad',
    matrix: 'layers/counts',
    layers: ['X', 'raw/X'],
    layerGenes: { X: 25, 'raw/X': 30 },
    obsm: [],
    embeddings: [],
  });
  assert.equal(embedded.ids.length, 40);
  assert.deepEqual(embedded.missingGenes, []);
  assert.ok(!embedded.warnings.some((w) => scaleWarning.test(w)), embedded.warnings.join(' | '));
});

test('the page may choose another matrix; log values onto a counts model are warned about', async () => {
  const embedded = await session.embedFile(
    { kind: 'path', path: join(FORMATS, 'lognorm.h5ad') },
    { layer: 'X' },
  );
  assert.equal(embedded.format.matrix, 'X');
  const warning = embedded.warnings.find((w) => scaleWarning.test(w));
  assert.ok(warning, embedded.warnings.join(' | '));
  assert.match(warning, /^The model was trained on raw counts/);
  assert.match(
    warning,
    /lognorm\.h5ad has layers\/counts: choose layers\/counts under Project another file ▸ Matrix/,
  );
  assert.doesNotMatch(warning, /--layer/);
});

// some pipelines keep the counts only in raw/X: the warning names it, in the page's words
test('log values onto a counts model, the counts only in raw/X: the warning names raw/X under Matrix', async () => {
  const embedded = await session.embedFile({ kind: 'path', path: join(FORMATS, 'raw-counts.h5ad') });
  assert.equal(embedded.format.matrix, 'X');
  const warning = embedded.warnings.find((w) => scaleWarning.test(w));
  assert.ok(warning, embedded.warnings.join(' | '));
  assert.match(
    warning,
    /raw-counts\.h5ad has counts in raw\/X: choose raw\/X under Project another file ▸ Matrix\)\.$/,
  );
  assert.doesNotMatch(warning, /--layer/);
});

test('a file without the trained layer (a 10x .h5, a CSV) is read as it comes, with a note', async () => {
  const h5 = await session.embedFile({ kind: 'path', path: join(FORMATS, 'tenx-v3.h5') });
  assert.equal(h5.format.kind, '10x-h5');
  assert.equal(h5.ids.length, 40);
  assert.ok(
    h5.warnings.includes(
      `tenx-v3.h5 has no layers/counts, the matrix the map was trained on, so its ${h5.format.matrix} was read instead.`,
    ),
    h5.warnings.join(' | '),
  );
  assert.ok(!h5.warnings.some((w) => scaleWarning.test(w)), 'counts: the scale fits');
  const csv = await session.embedFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  assert.deepEqual(csv.format, { kind: 'text', matrix: '', layers: [], obsm: [], embeddings: [] });
  assert.ok(
    csv.warnings.includes(
      'cells.csv has no layers/counts, the matrix the map was trained on, so its table was read instead.',
    ),
    csv.warnings.join(' | '),
  );
});

test('a file projected by its path is named in every warning by its file name, not its folders', async () => {
  // the gene matching's warning (genes found by id) named the full path the importer read
  const path = writeEnsemblCsv('by-path');
  const embedded = await session.embedFile({ kind: 'path', path });
  assertWarningsNameTheFile(embedded.warnings);
});

test("a file streamed to serve (an 'uploaded' source) is named in the warnings by its own name", async () => {
  // cells.csv headed by Ensembl ids: the genes are found through the model's gene_ids, which a warning says,
  // naming the file — the user's file, not serve's temporary copy of it
  const path = writeEnsemblCsv('upload1');
  const embedded = await session.embedFile({
    kind: 'uploaded',
    uploadId: 'upload1',
    name: 'ensembl.csv',
    path,
  });
  assert.equal(embedded.source, 'ensembl.csv');
  assertWarningsNameTheFile(embedded.warnings);
});
