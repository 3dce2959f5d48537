// A session on a Cell Ranger folder keeps the folder's fingerprint (its barcodes and features as read, its
// matrix's shape and count of values): the same folder — moved, re-gzipped, unzipped — re-attaches; a folder
// of other cells, other genes or another count of values is refused as a changed file is, naming it and what
// differs; a session saved before folders had a fingerprint keeps the cell-count check.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { RunResult } from '../../src/api/engine-api.js';
import type { BinaryExport } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { folderPrintOf } from '../../src/data/formats/folder-print.js';
import { EngineSession } from '../../src/engine/session.js';
import { trainAndSave } from './session-outcome.js';
import { parseSession, sessionBytes } from '../../src/engine/session-file.js';
import { packageRoot } from '../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const V3 = join(FORMATS, 'tenx_v3');
const FILES = ['barcodes.tsv.gz', 'features.tsv.gz', 'matrix.mtx.gz'] as const;

const text = (file: string): string => gunzipSync(readFileSync(join(V3, file))).toString('utf8');
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The fixture's files at `folder`, their text changed by `change` (gzipped again at the default level). */
function writeVariant(folder: string, change: (file: string, text: string) => string): string {
  mkdirSync(folder, { recursive: true });
  for (const file of FILES) writeFileSync(join(folder, file), gzipSync(change(file, text(file))));
  return folder;
}

/** The fixture without its last cell: 39 barcodes, the matrix's column 40 left out. */
function withoutLastCell(file: string, t: string): string {
  const lines = t.trimEnd().split('\n');
  if (file.startsWith('barcodes')) return `${lines.slice(0, -1).join('\n')}\n`;
  if (!file.startsWith('matrix')) return t;
  const entries = lines.slice(3).filter((l) => l.split(' ')[1] !== '40');
  return `${lines[0]}\n${lines[1]}\n31 39 ${entries.length}\n${entries.join('\n')}\n`;
}

/** Folders that are not the session's, the words that say how each differs, and how each is made from the fixture's. */
const VARIANTS: [string, (file: string, t: string) => string, string][] = [
  [
    'other_barcodes',
    (f, t) => (f.startsWith('barcodes') ? t.replace('AAACCTG0007-1', 'AAACCTG0007-2') : t),
    'it holds other cells (its barcodes differ)',
  ],
  [
    'other_genes',
    (f, t) => (f.startsWith('features') ? t.replace('\tCD3E\t', '\tCD3D\t') : t),
    'it holds other genes (its features differ)',
  ],
  [
    'other_values',
    (f, t) => (f.startsWith('matrix') ? t.replace(' 629\n', ' 628\n').replace(/\n[^\n]+\n$/, '\n') : t),
    'it holds the same cells and genes but another count of values (628 stored in its matrix, not 629)',
  ],
  [
    'fewer_cells',
    withoutLastCell,
    'it holds other cells (39 barcodes, not 40) and another count of values (',
  ],
];

describe('EngineSession: a Cell Ranger folder is re-attached by its fingerprint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-folder-print-'));
  const folder = join(dir, 'sample_A');
  const moved = join(dir, 'elsewhere', 'sample_A_moved');
  const intact = join(dir, 'sample_A_copy');
  let trained: RunResult;
  let saved: BinaryExport;
  const open = (session: EngineSession, bytes = saved.bytes) =>
    session.openSession({ kind: 'upload', name: 'sample_A.tripletlens', bytes });

  before(async () => {
    cpSync(V3, folder, { recursive: true });
    cpSync(V3, intact, { recursive: true });
    for (const [name, change] of VARIANTS) writeVariant(join(dir, name), change);
    ({ trained, saved } = await trainAndSave(folder));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the session keeps the fingerprint; the folder re-gzipped, unzipped or moved re-attaches', async () => {
    const input = parseSession(saved.bytes, saved.fileName).input;
    assert.equal(input.sha256, null);
    assert.deepEqual(input.folder, {
      cells: 40,
      barcodes: sha(text('barcodes.tsv.gz')),
      genes: 31,
      features: sha(text('features.tsv.gz')),
      values: 629,
    });
    // the same names and matrix in other bytes: barcodes unzipped with CRLF ends, the rest gzipped again
    rmSync(join(folder, 'barcodes.tsv.gz'));
    writeFileSync(join(folder, 'barcodes.tsv'), text('barcodes.tsv.gz').replace(/\n/g, '\r\n'));
    writeFileSync(join(folder, 'features.tsv.gz'), gzipSync(text('features.tsv.gz'), { level: 1 }));
    writeFileSync(join(folder, 'matrix.mtx.gz'), gzipSync(text('matrix.mtx.gz'), { level: 9 }));
    assert.notDeepEqual(
      readFileSync(join(folder, 'features.tsv.gz')),
      readFileSync(join(V3, 'features.tsv.gz')),
    );
    const fresh = new EngineSession();
    try {
      const reopened = await open(fresh);
      assert.equal(reopened.inputStatus, 'attached', reopened.inputMessage);
      assert.deepEqual(reopened.result.coords.data, trained.coords.data);
      mkdirSync(join(dir, 'elsewhere'));
      renameSync(folder, moved);
      assert.equal((await open(fresh)).inputStatus, 'missing');
      const attached = await fresh.attachSessionInput({ kind: 'path', path: moved });
      assert.equal(attached.inputStatus, 'attached');
      assert.deepEqual(attached.result.coords.data, trained.coords.data);
      // the folder given as its matrix file, which is read as the folder
      assert.equal((await open(fresh)).inputStatus, 'missing');
      const byMatrix = await fresh.attachSessionInput({ kind: 'path', path: join(moved, 'matrix.mtx.gz') });
      assert.equal(byMatrix.inputStatus, 'attached');
      assert.deepEqual(byMatrix.result.coords.data, trained.coords.data);
    } finally {
      fresh.dispose();
    }
  });

  test('a folder of other cells, genes or values count is refused, naming it and what differs', async () => {
    const fresh = new EngineSession();
    try {
      rmSync(folder, { recursive: true, force: true }); // not where the session says (the test before moves it)
      assert.equal((await open(fresh)).inputStatus, 'missing');
      for (const [name, , differs] of VARIANTS) {
        const path = join(dir, name);
        await assert.rejects(fresh.attachSessionInput({ kind: 'path', path }), (err: unknown) => {
          assert.ok(err instanceof EngineError);
          assert.equal(err.kind, 'invalid-request');
          assert.ok(
            err.message.startsWith(`${name} is not the session's input sample_A: ${differs}`),
            err.message,
          );
          assert.ok(err.message.endsWith(', so the saved map does not belong to it'), err.message);
          return true;
        });
      }
      // found where the session says its input is: shown as a changed file is, the map without the data
      cpSync(join(dir, 'other_barcodes'), folder, { recursive: true });
      const reopened = await open(fresh);
      assert.equal(reopened.inputStatus, 'changed');
      assert.ok(
        reopened.inputMessage.startsWith(
          `The input folder ${folder} has changed since the session was saved — it holds other cells ` +
            `(its barcodes differ): the map and labels are shown as saved, but retraining`,
        ),
        reopened.inputMessage,
      );
      // a folder is re-attached by its path (no file input takes one): the choosers that do, in both faces
      assert.match(
        reopened.inputMessage,
        /need the original 10x folder — re-attach it by its path under “Open the input file again” in Explore's Edit labels panel: “Choose its 10x folder…” in the desktop app, “Find it in the server’s folder” in a browser/,
      );
      assert.deepEqual(reopened.result.coords.data, trained.coords.data);
      // the refusals left the session waiting for its input: the right folder still attaches
      assert.equal((await fresh.attachSessionInput({ kind: 'path', path: intact })).inputStatus, 'attached');
    } finally {
      fresh.dispose();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a session saved before folders had a fingerprint keeps the cell-count check', async () => {
    const contents = parseSession(saved.bytes, saved.fileName);
    assert.ok(contents.input.folder, 'a new session has the fingerprint');
    const { folder: _print, ...olderInput } = contents.input;
    const older = sessionBytes({ ...contents, input: olderInput });
    assert.equal(parseSession(older, 'older.tripletlens').input.folder, undefined);
    const fresh = new EngineSession();
    try {
      rmSync(folder, { recursive: true, force: true });
      assert.equal((await open(fresh, older)).inputStatus, 'missing');
      await assert.rejects(
        fresh.attachSessionInput({ kind: 'path', path: join(dir, 'fewer_cells') }),
        /fewer_cells now reads as 39 cells, not the 40 of the session/,
      );
      // as many cells is all an older session can check: other barcodes attach, as they did
      const otherCells = join(dir, 'other_barcodes');
      assert.equal(
        (await fresh.attachSessionInput({ kind: 'path', path: otherCells })).inputStatus,
        'attached',
      );
      // saved again, the session gets the fingerprint of the folder now attached
      const resaved = await fresh.saveSession({ editedLabels: null, selection: new Int32Array(0) });
      assert.deepEqual(
        parseSession(resaved.bytes, resaved.fileName).input.folder,
        await folderPrintOf(otherCells),
      );
    } finally {
      fresh.dispose();
    }
  });

  test('an older session whose folder now reads as other cells opens as changed, naming the folder and the counts', async () => {
    const { folder: _print, ...olderInput } = parseSession(saved.bytes, saved.fileName).input;
    const older = sessionBytes({ ...parseSession(saved.bytes, saved.fileName), input: olderInput });
    const fresh = new EngineSession();
    try {
      rmSync(folder, { recursive: true, force: true });
      cpSync(join(dir, 'fewer_cells'), folder, { recursive: true }); // where the session says, one cell short
      const reopened = await open(fresh, older);
      assert.equal(reopened.inputStatus, 'changed');
      assert.ok(
        reopened.inputMessage.startsWith(
          `The input folder ${folder} has changed since the session was saved — it now reads as 39 cells, ` +
            'not the 40 of the session: the map and labels are shown as saved',
        ),
        reopened.inputMessage,
      );
      assert.deepEqual(reopened.result.ids, trained.ids, 'the map as saved');
      assert.deepEqual(reopened.result.labels, trained.labels, 'the labels as saved');
      // a metadata file cannot be joined to cells the engine does not hold: it says which input to open
      await assert.rejects(
        fresh.openMetadata({ kind: 'path', path: join(FORMATS, 'cells_meta.csv') }),
        /^EngineError: cells_meta\.csv is joined to the cells of the session's input sample_A, which is not open: open it again with “Open the input file again”/,
      );
      // the session waits for its input: the right folder attaches
      assert.equal((await fresh.attachSessionInput({ kind: 'path', path: intact })).inputStatus, 'attached');
    } finally {
      fresh.dispose();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a damaged fingerprint is one message naming the session file and the entry', () => {
    const contents = parseSession(saved.bytes, saved.fileName);
    const damaged = sessionBytes({
      ...contents,
      input: { ...contents.input, folder: { ...contents.input.folder!, barcodes: 'x' } },
    });
    assert.throws(
      () => parseSession(damaged, 'bad.tripletlens'),
      /^SessionFileError: bad\.tripletlens cannot be opened as a TripletLens session: it is damaged \(the input folder's fingerprint \(input\.folder\) is damaged\)$/,
    );
  });
});

// A Cell Ranger matrix opened as its matrix.mtx.gz path is read as its folder, and a session treats it so: it
// keeps the folder's fingerprint (and the file's SHA-256, for versions before), and the folder or its matrix
// file — moved, re-gzipped or unzipped — re-attaches.
describe('EngineSession: a Cell Ranger matrix file is re-attached as its folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-matrix-print-'));
  const folder = join(dir, 'sample_B');
  const matrix = join(folder, 'matrix.mtx.gz');
  let trained: RunResult;
  let saved: BinaryExport;
  const open = (session: EngineSession, bytes = saved.bytes) =>
    session.openSession({ kind: 'upload', name: 'sample_B.tripletlens', bytes });

  before(async () => {
    cpSync(V3, folder, { recursive: true });
    for (const [name, change] of VARIANTS) writeVariant(join(dir, name), change);
    ({ trained, saved } = await trainAndSave(matrix));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("the session keeps the folder's fingerprint; re-gzipped, unzipped or moved, folder or matrix file, it re-attaches", async () => {
    const input = parseSession(saved.bytes, saved.fileName).input;
    assert.equal(input.path, matrix);
    assert.equal(
      input.sha256,
      createHash('sha256')
        .update(readFileSync(join(V3, 'matrix.mtx.gz')))
        .digest('hex'),
    );
    assert.deepEqual(input.folder, await folderPrintOf(V3));
    const fresh = new EngineSession();
    try {
      // re-gzipped where it was: other bytes, the same matrix
      writeFileSync(matrix, gzipSync(text('matrix.mtx.gz'), { level: 9 }));
      const regzipped = await open(fresh);
      assert.equal(regzipped.inputStatus, 'attached', regzipped.inputMessage);
      assert.deepEqual(regzipped.result.coords.data, trained.coords.data);
      // saved again, it keeps the SHA-256 of the matrix file now, not the one the run was trained on
      const resaved = await fresh.saveSession({ editedLabels: null, selection: new Int32Array(0) });
      assert.equal(
        parseSession(resaved.bytes, resaved.fileName).input.sha256,
        createHash('sha256').update(readFileSync(matrix)).digest('hex'),
      );
      // unzipped where it was: found as matrix.mtx
      rmSync(matrix);
      writeFileSync(join(folder, 'matrix.mtx'), text('matrix.mtx.gz'));
      const unzipped = await open(fresh);
      assert.equal(unzipped.inputStatus, 'attached', unzipped.inputMessage);
      assert.deepEqual(unzipped.result.coords.data, trained.coords.data);
      // moved: found by hand, as the folder or as its matrix file
      const moved = join(dir, 'elsewhere');
      renameSync(folder, moved);
      assert.equal((await open(fresh)).inputStatus, 'missing');
      assert.equal((await fresh.attachSessionInput({ kind: 'path', path: moved })).inputStatus, 'attached');
      assert.equal((await open(fresh)).inputStatus, 'missing');
      const byMatrix = await fresh.attachSessionInput({ kind: 'path', path: join(moved, 'matrix.mtx') });
      assert.equal(byMatrix.inputStatus, 'attached');
      assert.deepEqual(byMatrix.result.coords.data, trained.coords.data);
      renameSync(moved, folder);
      rmSync(join(folder, 'matrix.mtx'));
      cpSync(join(V3, 'matrix.mtx.gz'), matrix);
    } finally {
      fresh.dispose();
    }
  });

  test("another folder's matrix file is refused, naming what differs; the matrix alone is no Cell Ranger matrix", async () => {
    const fresh = new EngineSession();
    const away = join(dir, 'away');
    try {
      renameSync(folder, away);
      assert.equal((await open(fresh)).inputStatus, 'missing');
      for (const [name, , differs] of VARIANTS) {
        const path = join(dir, name, 'matrix.mtx.gz');
        await assert.rejects(fresh.attachSessionInput({ kind: 'path', path }), (err: unknown) => {
          assert.ok(err instanceof EngineError);
          assert.equal(err.kind, 'invalid-request');
          assert.ok(
            err.message.startsWith(
              `${name}/matrix.mtx.gz is not the session's input sample_B/matrix.mtx.gz: ${differs}`,
            ),
            err.message,
          );
          return true;
        });
      }
      // the session's own matrix without its barcodes and features beside it
      const alone = join(dir, 'alone');
      mkdirSync(alone);
      cpSync(join(V3, 'matrix.mtx.gz'), join(alone, 'matrix.mtx.gz'));
      await assert.rejects(
        fresh.attachSessionInput({ kind: 'path', path: join(alone, 'matrix.mtx.gz') }),
        /^EngineError: alone\/matrix\.mtx\.gz is not the session's input sample_B\/matrix\.mtx\.gz: it does not read as a Cell Ranger folder \(.*matrix\.mtx\.gz: this is not a Cell Ranger folder nor the matrix file of one \(matrix\.mtx\.gz with barcodes\.tsv\.gz and features\.tsv\.gz beside it\)\), so the saved map does not belong to it$/,
      );
      // found where the session says: shown as changed, naming the folder it was opened as
      cpSync(join(dir, 'other_barcodes'), folder, { recursive: true });
      const reopened = await open(fresh);
      assert.equal(reopened.inputStatus, 'changed');
      assert.ok(
        reopened.inputMessage.startsWith(
          `The input folder ${folder} (opened as its matrix.mtx.gz) has changed since the session was saved — ` +
            'it holds other cells (its barcodes differ): the map and labels are shown as saved',
        ),
        reopened.inputMessage,
      );
      // the right one still attaches
      const attached = await fresh.attachSessionInput({ kind: 'path', path: join(away, 'matrix.mtx.gz') });
      assert.equal(attached.inputStatus, 'attached');
    } finally {
      fresh.dispose();
      rmSync(folder, { recursive: true, force: true });
      renameSync(away, folder);
    }
  });

  test('a matrix session saved before keeps the SHA-256 check; attached by its folder it is saved as the folder', async () => {
    const fresh = new EngineSession();
    try {
      const { folder: _print, ...olderInput } = parseSession(saved.bytes, saved.fileName).input;
      const older = sessionBytes({ ...parseSession(saved.bytes, saved.fileName), input: olderInput });
      writeFileSync(matrix, gzipSync(text('matrix.mtx.gz'), { level: 1 }));
      const changed = await open(fresh, older);
      assert.equal(changed.inputStatus, 'changed');
      assert.ok(
        changed.inputMessage.startsWith(
          `The input file ${matrix} has changed since the session was saved (its SHA-256 differs)`,
        ),
        changed.inputMessage,
      );
      // this version's session of the same matrix file takes its folder
      assert.equal((await open(fresh)).inputStatus, 'attached');
      rmSync(join(dir, 'moved_folder'), { recursive: true, force: true });
      renameSync(folder, join(dir, 'moved_folder'));
      assert.equal((await open(fresh)).inputStatus, 'missing');
      const byFolder = await fresh.attachSessionInput({ kind: 'path', path: join(dir, 'moved_folder') });
      assert.equal(byFolder.inputStatus, 'attached');
      const resaved = await fresh.saveSession({ editedLabels: null, selection: new Int32Array(0) });
      const input = parseSession(resaved.bytes, resaved.fileName).input;
      assert.equal(input.path, join(dir, 'moved_folder'));
      assert.equal(input.sha256, null, 'attached by its folder, saved as the folder');
      assert.deepEqual(input.folder, await folderPrintOf(V3));
      renameSync(join(dir, 'moved_folder'), folder);
      assert.equal((await open(fresh, resaved.bytes)).inputStatus, 'missing');
      const byMatrix = await fresh.attachSessionInput({ kind: 'path', path: matrix });
      assert.equal(byMatrix.inputStatus, 'attached');
      assert.deepEqual(byMatrix.result.coords.data, trained.coords.data);
    } finally {
      fresh.dispose();
    }
  });
});
