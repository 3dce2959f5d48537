// A session's input file found again with the same bytes (the same SHA-256) that reads as another number of
// cells is not called changed: the message names the file, both counts and why that happens — a MatrixMarket
// file takes its cells from the barcodes and genes files beside it (which of its axes holds the cells is told
// by their line counts; an upload has none), any other file is read otherwise by another TripletLens version.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { BinaryExport, RunResult } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';
import { parseSession, sessionBytes } from '../../src/engine/session-file.js';
import { packageRoot } from '../../src/util/paths.js';
import { trainAndSave } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const V3 = join(FORMATS, 'tenx_v3');
const text = (file: string): string => gunzipSync(readFileSync(join(V3, file))).toString('utf8');

describe('EngineSession: an input with the same SHA-256 that reads as another number of cells', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-same-content-'));
  // a plain MatrixMarket file stored genes × cells (31 × 40): its name files beside it say that the
  // columns are the cells; without them, rows are cells, as scanpy's read_mtx reads it
  const matrix = join(dir, 'counts.mtx');
  const barcodes = join(dir, 'counts.barcodes.tsv');
  const genes = join(dir, 'counts.genes.tsv');
  let trained: RunResult;
  let saved: BinaryExport;
  const open = (session: EngineSession, bytes = saved.bytes) =>
    session.openSession({ kind: 'upload', name: 'counts.tripletlens', bytes });

  before(async () => {
    writeFileSync(matrix, text('matrix.mtx.gz'));
    writeFileSync(barcodes, text('barcodes.tsv.gz'));
    writeFileSync(genes, text('features.tsv.gz'));
    ({ trained, saved } = await trainAndSave(matrix));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a MatrixMarket file without its name files: the counts and the name files, not "its SHA-256 differs"', async () => {
    assert.equal(trained.ids.length, 40);
    assert.equal(parseSession(saved.bytes, saved.fileName).input.sha256 !== null, true);
    const away = join(dir, 'away');
    mkdirSync(away);
    writeFileSync(join(away, 'counts.barcodes.tsv'), readFileSync(barcodes));
    writeFileSync(join(away, 'counts.genes.tsv'), readFileSync(genes));
    rmSync(barcodes);
    rmSync(genes);
    const fresh = new EngineSession();
    try {
      const reopened = await open(fresh);
      assert.equal(reopened.inputStatus, 'changed');
      assert.doesNotMatch(reopened.inputMessage, /SHA-256 differs|has changed/);
      assert.ok(
        reopened.inputMessage.startsWith(
          `The input file ${matrix} now reads as 31 cells, not the 40 of the session, though its content is ` +
            'unchanged (the same SHA-256) — a MatrixMarket file’s cells, and which of its axes holds them, come ' +
            'from the barcodes and genes files found beside it, and these are not as they were when the session ' +
            'was saved (an upload has none): open it again beside the files it had then: the map and labels ' +
            'are shown as saved',
        ),
        reopened.inputMessage,
      );
      assert.deepEqual(reopened.result.ids, trained.ids, 'the map as saved');
      // the same bytes uploaded come without name files: refused with the same words, naming the upload
      const bytes = new Uint8Array(readFileSync(matrix));
      await assert.rejects(
        fresh.attachSessionInput({ kind: 'upload', name: 'counts_copy.mtx', bytes }),
        (err: unknown) => {
          assert.ok(err instanceof EngineError);
          assert.equal(err.kind, 'import');
          assert.equal(
            err.message,
            'counts_copy.mtx now reads as 31 cells, not the 40 of the session, though its content is unchanged ' +
              '(the same SHA-256) — a MatrixMarket file’s cells, and which of its axes holds them, come from the ' +
              'barcodes and genes files found beside it, and these are not as they were when the session was ' +
              'saved (an upload has none): open it again beside the files it had then',
          );
          return true;
        },
      );
      // beside its name files again, the file re-attaches
      writeFileSync(barcodes, readFileSync(join(away, 'counts.barcodes.tsv')));
      writeFileSync(genes, readFileSync(join(away, 'counts.genes.tsv')));
      const attached = await fresh.attachSessionInput({ kind: 'path', path: matrix });
      assert.equal(attached.inputStatus, 'attached');
      assert.deepEqual(attached.result.coords.data, trained.coords.data);
    } finally {
      fresh.dispose();
    }
  });

  test('another file read otherwise than when saved: the counts, and that this version reads it otherwise', async () => {
    // A CSV reads as another number of cells only when this version reads it otherwise than the one that saved
    // the session; the session's import settings turned round stand in for that here.
    const csv = join(dir, 'cells.csv');
    writeFileSync(csv, readFileSync(join(FORMATS, 'cells.csv')));
    const session = (await trainAndSave(csv)).saved;
    const contents = parseSession(session.bytes, session.fileName);
    const turned = sessionBytes({
      ...contents,
      settings: { ...contents.settings, importSettings: { orientation: 'genes-as-rows' } },
    });
    const fresh = new EngineSession();
    try {
      const reopened = await open(fresh, turned);
      assert.equal(reopened.inputStatus, 'changed');
      assert.match(
        reopened.inputMessage,
        new RegExp(
          `^The input file ${csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} now reads as \\d+ cells, not the 40 of ` +
            'the session, though its content is unchanged \\(the same SHA-256\\) — this version of TripletLens ' +
            'reads it otherwise than the one that saved the session \\(open it from Import to train a new map ' +
            'on it\\): the map and labels are shown as saved',
        ),
      );
    } finally {
      fresh.dispose();
    }
  });
});
