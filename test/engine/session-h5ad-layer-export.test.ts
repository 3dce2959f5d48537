// The page's AnnData export of a run on an h5ad's layers/counts of every gene (EngineSession.exportAnnData):
// the result is the user's file plus the map — its log-normalised X, its layers and varm as stored — not the
// counts in X with the rest dropped (the CLI's `train --layer counts --out` writes through the same writer).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importTable } from '../../src/data/index.js';
import { EngineSession } from '../../src/engine/session.js';
import { writeFullAnnData } from './h5ad/full-anndata.js';
import { readBack } from './h5ad/read-back.js';
import { nextOutcome } from './session-outcome.js';

describe("the export of a run on an h5ad's layers/counts, in the engine session", () => {
  const session = new EngineSession();
  const dir = mkdtempSync(join(tmpdir(), 'tl-session-h5ad-layer-'));
  const file = join(dir, 'lognorm-full.h5ad');
  before(async () => {
    await writeFullAnnData(file, false);
    await session.openFile({ kind: 'path', path: file }, { layer: 'counts' });
    const outcome = nextOutcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
    assert.equal((await outcome).type, 'run-finished');
  });
  after(() => {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the run's genes are the file's: X, layers and varm are the input's, and no note says otherwise", async () => {
    const path = join(dir, 'result.h5ad');
    const written = await session.exportAnnData(null, { kind: 'path', path });
    assert.ok(!(written.notes ?? []).some((n) => /X holds/.test(n)), JSON.stringify(written.notes));
    const [input, result] = [await importTable(file), await importTable(path)];
    assert.deepEqual(result.genes, input.genes);
    assert.deepEqual(result.values, input.values, "X is the input's X, not its counts");
    for (const layer of ['counts', 'scaled']) {
      const [a, b] = [await importTable(file, { layer }), await importTable(path, { layer })];
      assert.deepEqual(b.values, a.values, layer);
    }
    const back = await readBack(path);
    assert.ok(back.encodings.has('varm/PCs'), [...back.encodings.keys()].join(', '));
  });
});
