// The app's exports that the engine writes to a path (the desktop's Export ▸ AnnData .h5ad, a model folder)
// take the output lock a CLI run takes: an export into the file `tripletlens train --out` is writing was
// renamed over it, and the user's results/ mixed the two runs' files without a word.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lockFileOf, lockOutputs } from '../../src/util/output-lock.js';
import { trainedCellsSession } from './trained-cells-session.js';

const { session, dir } = trainedCellsSession('tl-export-lock-');

/** Holds `path`'s lock as a CLI run writing it does, while `check` runs. */
async function whileTrainWrites(path: string, check: () => Promise<void>): Promise<void> {
  const lock = await lockOutputs([{ path, what: `--out ${path}`, advice: 'give --out another path' }], {
    command: `tripletlens train data.csv --out ${path}`,
  });
  try {
    await check();
  } finally {
    lock.release();
  }
}

test('Export ▸ AnnData .h5ad into a file a CLI run is writing is refused in the page’s words, naming that run', async () => {
  const path = join(dir, 'result.h5ad');
  await whileTrainWrites(path, async () => {
    await assert.rejects(session.exportAnnData(null, { kind: 'path', path }), (err: Error) => {
      assert.ok(
        err.message.startsWith(
          `Cannot write ${path}: another TripletLens run is writing it now: pid ${process.pid} on this machine (tripletlens train data.csv --out ${path}), started `,
        ),
        err.message,
      );
      assert.ok(err.message.includes('export again and choose another file in the save dialog'), err.message);
      assert.ok(!err.message.includes('--out another'), err.message);
      return true;
    });
    assert.equal(existsSync(path), false);
  });
  // free again: the export writes, and leaves no lock behind
  await session.exportAnnData(null, { kind: 'path', path });
  assert.deepEqual(readdirSync(dir), ['result.h5ad']);
  assert.equal(existsSync(lockFileOf(path)), false);
});

test('a model folder exported to a path a CLI run is writing is refused too', async () => {
  const model = join(dir, 'model');
  await whileTrainWrites(model, async () => {
    await assert.rejects(
      session.exportModel({ kind: 'path', dir: model }),
      /another TripletLens run is writing it now.*export the model to another folder/s,
    );
    assert.equal(existsSync(model), false);
  });
});
