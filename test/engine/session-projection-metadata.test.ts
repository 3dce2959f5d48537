// The app's "Project another file" with a metadata file joined to the projected cells
// (EngineSession.embedFile's `metadata`): a query file without labels gets its cell annotations by id, with
// the Import join's rules and messages — a file matching every cell is a note, not a warning; unmatched ids
// and unused rows are a warning; a file matching none, a repeated id or an expression file is refused naming
// the file (line, column) — and the joined columns come back per cell and in the projected cells' CSV
// (exportProjected).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EngineErrorInfo } from '../../src/api/engine-api.js';
import { isEngineError } from '../../src/api/errors.js';
import { UPLOAD_FOLDER_PREFIX } from '../../src/api/upload-folder.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures');
const FORMATS = join(FIXTURES, 'formats');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), UPLOAD_FOLDER_PREFIX));
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** cells.csv without its metadata columns: a query file of ids and genes only. */
const query = join(dir, 'query.csv');
const metaLines = readFileSync(join(FORMATS, 'cells_meta.csv'), 'utf8').trim().split('\n');

before(async () => {
  const rows = readFileSync(join(FORMATS, 'cells.csv'), 'utf8').trim().split('\n');
  const header = rows[0].split(',');
  const first = header.indexOf('GENE00');
  writeFileSync(
    query,
    rows
      .map((r) => {
        const f = r.split(',');
        return [f[0], ...f.slice(first)].join(',');
      })
      .join('\n'),
  );
  await session.openFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  await done;
});

/** The error `call` rejects with, as EngineErrorInfo (fails when it resolves). */
async function refusal(call: Promise<unknown>): Promise<EngineErrorInfo> {
  try {
    await call;
  } catch (err) {
    assert.ok(isEngineError(err), String(err));
    return err as unknown as EngineErrorInfo;
  }
  assert.fail('the call was not refused');
}

test('without a metadata file nothing is joined', async () => {
  const embedded = await session.embedFile({ kind: 'path', path: query });
  assert.equal(embedded.metadataSource, null);
  assert.deepEqual(embedded.joinedMetadata, []);
  assert.deepEqual(embedded.notes, []);
  assert.equal(embedded.labels, null);
  const csv = await session.exportProjected(embedded.projectionId);
  assert.equal(csv.text.split('\n')[0], 'cell_id,x,y,z,predicted_label,confidence');
});

test('a metadata file matching every cell joins its columns, with a note and no warning', async () => {
  const embedded = await session.embedFile(
    { kind: 'path', path: query },
    {},
    { kind: 'path', path: join(FORMATS, 'cells_meta.csv') },
  );
  assert.equal(embedded.metadataSource, 'cells_meta.csv');
  assert.deepEqual(
    embedded.joinedMetadata.map((c) => c.name),
    ['cell_type', 'donor', 'leiden_cluster', 'is_doublet'],
  );
  const expected = metaLines.slice(1).map((l) => l.split(','));
  assert.deepEqual(
    embedded.joinedMetadata[1].values,
    expected.map((f) => f[2]),
  );
  // the run's label column came with the file: the projected cells' own labels, beside the predicted ones
  assert.deepEqual(
    embedded.labels,
    expected.map((f) => f[1]),
  );
  assert.deepEqual(embedded.notes, [
    'Metadata file cells_meta.csv: 40 of 40 rows matched.',
    // the joined file gives the run's label column: the predictions' agreement with it is told
    "Predicted labels agree with the file's cell_type for 40 of 40 labelled rows (100.0 %).",
  ]);
  assert.ok(
    embedded.warnings.every((w) => !w.includes('cells_meta.csv')),
    embedded.warnings.join(' | '),
  );
  const csv = (await session.exportProjected(embedded.projectionId)).text.trim().split('\n');
  assert.equal(csv[0], 'cell_id,cell_type,x,y,z,predicted_label,confidence,donor,leiden_cluster,is_doublet');
  assert.equal(csv.length, 41);
  assert.match(csv[1], /^AAACCTG0000-1,B cell,.*,donor_A,c0,True$/);
});

test('a partial match is a warning counting the cells without metadata and the rows matching no cell', async () => {
  const partial = join(dir, 'partial.tsv');
  const tsv = [...metaLines.slice(0, 31), 'ZZZ-1,B cell,donor_X,c9,False'].map((l) =>
    l.split(',').join('\t'),
  );
  writeFileSync(partial, `${tsv.join('\n')}\n`);
  const embedded = await session.embedFile(
    { kind: 'path', path: query },
    {},
    { kind: 'path', path: partial },
  );
  // only the cells the file labels are counted (30 matched)
  assert.equal(embedded.notes.length, 1, JSON.stringify(embedded.notes));
  assert.match(
    embedded.notes[0],
    /^Predicted labels agree with the file's cell_type for \d+ of 30 labelled rows/,
  );
  assert.ok(
    embedded.warnings.includes(
      "Metadata file partial.tsv: 30 of 40 rows matched; 10 rows have no metadata, so their 'cell_type', 'donor', 'leiden_cluster' and 1 more column are empty; 1 of its rows match no data row. Rows without metadata: AAACCTG0030-1, AAACCTG0031-1, AAACCTG0032-1, …. Rows matching no data row: ZZZ-1.",
    ),
    embedded.warnings.join(' | '),
  );
  const donor = embedded.joinedMetadata.find((c) => c.name === 'donor');
  assert.deepEqual(donor?.values.slice(29), ['donor_B', ...Array<string>(10).fill('')]);
});

test('a metadata file matching no cell is refused naming it and its id column', async () => {
  const error = await refusal(
    session.embedFile(
      { kind: 'path', path: query },
      {},
      { kind: 'path', path: join(FIXTURES, 'bad', 'metadata-no-match.csv') },
    ),
  );
  assert.equal(error.kind, 'import');
  // both files by their names, as every sentence about a projected file names it
  assert.equal(
    error.message,
    'metadata-no-match.csv, column 1: none of its ids (column "id", e.g. "x1") match the row ids of query.csv (e.g. "AAACCTG0000-1").',
  );
  assert.equal(error.file, 'metadata-no-match.csv');
  assert.equal(error.column, 1);
});

test('a repeated id is refused with its file, line and column', async () => {
  const error = await refusal(
    session.embedFile(
      { kind: 'path', path: query },
      {},
      { kind: 'path', path: join(FIXTURES, 'bad', 'metadata-duplicate-id.csv') },
    ),
  );
  assert.equal(error.kind, 'import');
  assert.equal(error.file, 'metadata-duplicate-id.csv');
  assert.equal(error.line, 4);
  assert.equal(error.column, 1);
  assert.match(error.message, /the id "c1" already appeared on line 2/);
});

test('an expression file given as the metadata file is refused naming its format', async () => {
  const error = await refusal(
    session.embedFile(
      { kind: 'path', path: query },
      {},
      { kind: 'path', path: join(FORMATS, 'lognorm.h5ad') },
    ),
  );
  assert.match(error.message, /a metadata file must be delimited text.*this is an AnnData \.h5ad file/);
});

test('an uploaded metadata file is named by its own name, never by the server’s temporary path', async () => {
  // serve's upload layout: <tripletlens-uploads-…>/<id>/<name>
  mkdirSync(join(dir, 'u1'));
  const path = join(dir, 'u1', 'annotations.csv');
  writeFileSync(path, `${metaLines.slice(0, 11).join('\n')}\n`);
  const embedded = await session.embedFile(
    { kind: 'path', path: query },
    {},
    { kind: 'uploaded', uploadId: 'u1', name: 'annotations.csv', path },
  );
  assert.equal(embedded.metadataSource, 'annotations.csv');
  const joined = embedded.warnings.filter((w) => w.startsWith('Metadata file'));
  assert.deepEqual(joined, [
    "Metadata file annotations.csv: 10 of 40 rows matched; 30 rows have no metadata, so their 'cell_type', 'donor', 'leiden_cluster' and 1 more column are empty. Rows without metadata: AAACCTG0010-1, AAACCTG0011-1, AAACCTG0012-1, ….",
  ]);
  writeFileSync(path, 'id,cell_type\nx1,T\n');
  const error = await refusal(
    session.embedFile(
      { kind: 'path', path: query },
      {},
      { kind: 'uploaded', uploadId: 'u1', name: 'annotations.csv', path },
    ),
  );
  assert.ok(!error.message.includes(dir), error.message);
  assert.match(error.message, /^annotations\.csv, column 1: none of its ids .* query\.csv/);
  assert.equal(error.file, 'annotations.csv');
});

// Project another file has its own Orientation field: a projected genes × cells table's metadata file keyed by
// its cells is told that field, not Import settings ▸ Orientation, which does not reach the projection.
test("a projected table's metadata file keyed by its column names is told Project another file's Orientation", async () => {
  const rows = readFileSync(query, 'utf8')
    .trim()
    .split('\n')
    .map((r) => r.split(','));
  const turned = join(dir, 'query_genes_by_cells.csv');
  const columns = rows[0].map((_, c) => rows.map((r) => r[c]).join(','));
  writeFileSync(turned, `gene${columns.join('\n').slice(rows[0][0].length)}\n`);
  const error = await refusal(
    session.embedFile(
      { kind: 'path', path: turned },
      {},
      { kind: 'path', path: join(FORMATS, 'cells_meta.csv') },
    ),
  );
  assert.match(
    error.message,
    /They are its column names: the file has its cells or samples as columns — choose Project another file ▸ Orientation: genes are rows \(transpose\)\.$/,
  );
  // query.csv (cells as rows) turned round by mistake: the field's other choice, as Project another file names it
  const back = await refusal(
    session.embedFile(
      { kind: 'path', path: query },
      { orientation: 'genes-as-rows' },
      { kind: 'path', path: join(FORMATS, 'cells_meta.csv') },
    ),
  );
  assert.match(
    back.message,
    /turned round, the file has its cells or samples as columns — choose Project another file ▸ Orientation: cells or samples are rows\.$/,
  );
});
