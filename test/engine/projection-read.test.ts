// Which matrix a projected file is read with (src/engine/projection-read.ts): the one the map was trained on
// unless the page chooses, the file's own when it has no such layer (said in a note), and a map trained on an
// embedding refuses a file without it, saying why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImportSettings } from '../../src/api/engine-api.js';
import { CoreError } from '../../src/api/core-error.js';
import { EngineError } from '../../src/api/errors.js';
import {
  DataImportError,
  MissingEmbeddingError,
  type DataImportErrorKind,
  type ExpressionTable,
} from '../../src/data/index.js';
import { readProjectedFile, trainedMatrixSettings } from '../../src/engine/projection-read.js';

test('the trained matrix as import settings', () => {
  assert.deepEqual(trainedMatrixSettings('layers/counts'), { layer: 'layers/counts' });
  assert.deepEqual(trainedMatrixSettings('raw/X'), { layer: 'raw' });
  assert.deepEqual(trainedMatrixSettings('obsm/X_pca'), { input: 'obsm:X_pca' });
  for (const own of ['X', 'matrix', 'matrix.mtx.gz', '', undefined]) {
    assert.deepEqual(trainedMatrixSettings(own), {}, String(own));
  }
});

/** A table read from `matrix` ('' for a text table). */
function tableOf(matrix: string): ExpressionTable {
  return {
    ...(matrix ? { format: { kind: 'h5ad', matrix, layers: ['layers/counts'], obsm: [] } } : {}),
  } as ExpressionTable;
}

/** The session's import refusing an option (as importFailure reports it): `kind` is the importer's. */
function refused(message: string, kind: DataImportErrorKind = 'no-such-matrix'): EngineError {
  const cause = new DataImportError(kind, 'new.h5ad', message);
  return new EngineError({ kind: 'invalid-request', message: cause.message }, { cause });
}

/** A reader that refuses a layer the file lacks, as the session's import does, and records its calls. */
function reader(has: string[]): {
  read(s: ImportSettings): Promise<ExpressionTable>;
  calls: ImportSettings[];
} {
  const calls: ImportSettings[] = [];
  return {
    calls,
    async read(s) {
      calls.push(s);
      const wanted = s.input ? `obsm/${s.input.slice(5)}` : (s.layer ?? 'X');
      if (!has.includes(wanted)) {
        throw refused(`there is no matrix "${wanted}"`);
      }
      return tableOf(wanted);
    },
  };
}

test('read with the trained layer when the file has it, without a note', async () => {
  const r = reader(['X', 'layers/counts']);
  const got = await readProjectedFile(r.read, 'layers/counts', {}, 'new.h5ad');
  assert.equal(got.table.format?.matrix, 'layers/counts');
  assert.deepEqual(got.notes, []);
  assert.deepEqual(r.calls, [{ layer: 'layers/counts' }]);
});

test("the page's own choice is read as it is, without the trained layer", async () => {
  const r = reader(['X', 'layers/counts']);
  const got = await readProjectedFile(r.read, 'layers/counts', { layer: 'X' }, 'new.h5ad');
  assert.equal(got.table.format?.matrix, 'X');
  assert.deepEqual(r.calls, [{ layer: 'X' }]);
});

test('a file without the trained layer is read as it comes, and a note says so', async () => {
  const r = reader(['X']);
  const got = await readProjectedFile(r.read, 'layers/counts', {}, 'sample.h5');
  assert.equal(got.table.format?.matrix, 'X');
  assert.deepEqual(got.notes, [
    'sample.h5 has no layers/counts, the matrix the map was trained on, so its X was read instead.',
  ]);
  assert.deepEqual(r.calls, [{ layer: 'layers/counts' }, {}]);
  const text = await readProjectedFile(
    async (s) => {
      if (s.layer) throw refused('no layers in a text table');
      return tableOf('');
    },
    'raw/X',
    {},
    'cells.csv',
  );
  assert.deepEqual(text.notes, [
    'cells.csv has no raw/X, the matrix the map was trained on, so its table was read instead.',
  ]);
});

// A walkthrough: a Cell Ranger 2 .h5 (its matrix the genome's group) was "… so its GRCh38 was read instead."
test('a Cell Ranger .h5 without the trained layer names its matrix as a matrix, v2 and v3 alike', async () => {
  for (const [matrix, words] of [
    ['GRCh38', 'matrix (group /GRCh38)'],
    ['matrix', 'matrix'],
  ]) {
    const got = await readProjectedFile(
      async (s) => {
        if (s.layer) throw refused('a Cell Ranger .h5 file holds one count matrix');
        return { format: { kind: '10x-h5', matrix, layers: [], obsm: [] } } as unknown as ExpressionTable;
      },
      'layers/counts',
      {},
      'sample.h5',
    );
    assert.deepEqual(got.notes, [
      `sample.h5 has no layers/counts, the matrix the map was trained on, so its ${words} was read instead.`,
    ]);
  }
});

test('a map trained without a layer reads the file as it comes, once', async () => {
  const r = reader(['X']);
  const got = await readProjectedFile(r.read, 'X', {}, 'new.h5ad');
  assert.equal(got.table.format?.matrix, 'X');
  assert.deepEqual(r.calls, [{}]);
});

test('a map trained on an embedding refuses a file without it, naming the embedding', async () => {
  const r = reader(['X']);
  await assert.rejects(readProjectedFile(r.read, 'obsm/X_pca', {}, 'new.h5ad'), (err: unknown) => {
    assert.ok(err instanceof EngineError);
    assert.equal(err.kind, 'invalid-request');
    assert.match(
      err.message,
      /^The map was trained on obsm\/X_pca \(an embedding of its file, not genes\), so a projected file needs it too: new\.h5ad: there is no matrix "obsm\/X_pca"/,
    );
    return true;
  });
  assert.equal(r.calls.length, 1, 'not read again without the embedding');
});

test('a map trained on an embedding refuses X or a layer chosen by the page, before reading', async () => {
  for (const chosen of [
    { layer: 'X' },
    { layer: 'layers/counts' },
    { input: 'genes' },
    { input: 'obsm:X_umap' },
  ]) {
    const r = reader(['X', 'layers/counts', 'obsm/X_pca', 'obsm/X_umap']);
    await assert.rejects(readProjectedFile(r.read, 'obsm/X_pca', chosen, 'new.h5ad'), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'invalid-request');
      assert.match(
        err.message,
        /^The map was trained on obsm\/X_pca \(an embedding, not genes\): a projected file is read with that embedding/,
      );
      return true;
    });
    assert.deepEqual(r.calls, [], JSON.stringify(chosen));
  }
  const r = reader(['X', 'obsm/X_pca']);
  const got = await readProjectedFile(r.read, 'obsm/X_pca', { input: 'obsm:X_pca' }, 'new.h5ad');
  assert.equal(got.table.format?.matrix, 'obsm/X_pca');
});

test('a failure other than a missing layer (a cancelled or damaged read) is not retried', async () => {
  let calls = 0;
  const cancelled = new EngineError({ kind: 'import', message: 'import cancelled before it finished' });
  await assert.rejects(
    readProjectedFile(
      async () => {
        calls++;
        throw cancelled;
      },
      'layers/counts',
      {},
      'new.h5ad',
    ),
    (err) => err === cancelled,
  );
  assert.equal(calls, 1);
});

test("a bad option of the page's own (a delimiter, an id column) is not retried without the trained layer", async () => {
  let calls = 0;
  const badId = refused('--id "cell" is not a column of this file', 'unknown-column');
  await assert.rejects(
    readProjectedFile(
      async () => {
        calls++;
        throw badId;
      },
      'layers/counts',
      { idColumn: 'cell' },
      'new.h5ad',
    ),
    (err) => err === badId,
  );
  assert.equal(calls, 1);
});

test("importTable's own refusal (the CLI's reader) falls back too, and a missing embedding is a bad request", async () => {
  const calls: ImportSettings[] = [];
  const read = async (s: ImportSettings): Promise<ExpressionTable> => {
    calls.push(s);
    if (s.layer || s.input)
      throw new DataImportError('no-such-matrix', 'new.h5ad', 'there is no such matrix');
    return tableOf('X');
  };
  const got = await readProjectedFile(read, 'layers/counts', {}, 'new.h5ad');
  assert.equal(got.table.format?.matrix, 'X');
  assert.deepEqual(calls, [{ layer: 'layers/counts' }, {}]);
  await assert.rejects(readProjectedFile(read, 'obsm/X_pca', {}, 'new.h5ad'), (err: unknown) => {
    assert.ok(err instanceof CoreError);
    assert.equal(err.kind, 'bad-request');
    assert.match(err.message, /^The map was trained on obsm\/X_pca .*: new\.h5ad: there is no such matrix$/);
    return true;
  });
});

/** The importer's refusal of new.h5ad, read with --input obsm:X_pca: it has obsm X_umap only. */
function missingXPca(): MissingEmbeddingError {
  return new MissingEmbeddingError(
    'new.h5ad',
    '--input obsm:X_pca names no embedding of this file; it offers obsm:X_umap (or genes).',
    { dataset: '/obsm/X_pca' },
    'X_pca',
    ['X_umap'],
  );
}

// the importer's refusal offered "--input … (or genes)", which a model of an embedding cannot take: the file's
// embeddings in words of its own, on the page (the session's EngineError) as on the CLI (importTable's throw)
test('a map trained on an embedding names the embeddings a file without it has, not the --input option', async () => {
  const missing = missingXPca();
  const session = new EngineError({ kind: 'invalid-request', message: missing.message }, { cause: missing });
  for (const thrown of [session, missing]) {
    const read = () => Promise.reject(thrown);
    await assert.rejects(readProjectedFile(read, 'obsm/X_pca', {}, 'new.h5ad'), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.match(
        err.message,
        /needs it too: new\.h5ad has no obsm X_pca \(its embeddings are obsm X_umap\); project a file that has it\.$/,
      );
      assert.doesNotMatch(err.message, /--input|or genes/);
      return true;
    });
  }
});

// `embed` on a model of an embedding was refused in the page's words — "The map was trained on obsm/X_pca …, so
// a projected file needs it too: …; project a file that has it." — naming neither the model nor the flag it read
// the file with; and a file without the trained layer was "read instead" of "the matrix the map was trained on".
test("the CLI's words: the model, the file by name, the flags given and to give", async () => {
  const missing = missingXPca();
  const settings: { layer?: string; input?: string } = {};
  const lacking = readProjectedFile(() => Promise.reject(missing), 'obsm/X_pca', settings, 'new.h5ad', 'cli');
  await assert.rejects(lacking, (err: unknown) => {
    assert.ok(err instanceof Error);
    assert.equal(
      err.message,
      'The model was trained on obsm/X_pca (an embedding of its file, not genes), so new.h5ad needs it too ' +
        '(embed reads it as --input obsm:X_pca): new.h5ad has no obsm X_pca (its embeddings are obsm X_umap); ' +
        'give a file that has it.',
    );
    return true;
  });
  for (const [chosen, given] of [
    [{ layer: 'counts' }, '--layer counts'],
    [{ input: 'genes' }, '--input genes'],
    [{ input: 'obsm:X_umap' }, '--input obsm:X_umap'],
  ] as const) {
    const r = reader(['X', 'obsm/X_pca']);
    await assert.rejects(
      readProjectedFile(r.read, 'obsm/X_pca', chosen, 'new.h5ad', 'cli'),
      (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.equal(
          err.message,
          `The model was trained on obsm/X_pca (an embedding, not genes): give --input obsm:X_pca, not ${given}.`,
        );
        return true;
      },
    );
  }
  const r = reader(['X']);
  const got = await readProjectedFile(r.read, 'layers/counts', {}, 'sample.h5ad', 'cli');
  assert.deepEqual(got.notes, [
    'sample.h5ad has no layers/counts, the matrix the model was trained on, so its X was read instead.',
  ]);
});
