// A named pipe given as train's or embed's input is refused at once, as the importer refuses it — not after
// the checks of the outputs opened it, which blocks until something writes to the pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataPath } from '../../src/util/paths.js';
import { runCli, tempDir } from './helpers.js';

const notWindows = process.platform === 'win32' ? 'FIFOs are POSIX' : false;

/** How long the test waits for the refusal before it gives the pipe a writer (a hang guard, not a measure). */
const GIVE_UP_MS = 30_000;

/** Opens `fifo` for writing when a reader waits on it (unblocking it), else does nothing. */
function unblock(fifo: string): boolean {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    return true;
  } catch {
    return false; // no reader waiting (ENXIO): nothing was blocked
  }
}

// A headless audit: `tripletlens train <(zcat counts.csv.gz) --label cell_type` with the writer gone, or a
// mkfifo'd path nobody writes to yet, sat silent for ever: the check that an output does not overwrite a
// MatrixMarket input's files sniffed the input by opening it. inspect refused the same pipe at once.
for (const command of ['train', 'embed'] as const) {
  test(`${command} refuses a FIFO input before anything writes to it`, { skip: notWindows }, async () => {
    const { dir, cleanup } = await tempDir();
    const fifo = join(dir, 'table.csv');
    execFileSync('mkfifo', [fifo]);
    let writerCame = false;
    const guard = setTimeout(() => (writerCame = unblock(fifo)), GIVE_UP_MS);
    try {
      if (command === 'embed') {
        // a model to embed with: embed checks its model folder before its input
        const model = ['--model', join(dir, 'model'), '--out', join(dir, 'iris.csv'), '--epochs', '1'];
        const trained = await runCli([
          'train',
          sharedDataPath('sklearn_iris.csv'),
          '--label',
          'label',
          ...model,
        ]);
        assert.equal(trained.code, 0, trained.stderr);
      }
      const argv =
        command === 'train'
          ? ['train', fifo, '--label', 'label', '--out', join(dir, 'coords.csv')]
          : ['embed', fifo, '--model', join(dir, 'model'), '--out', join(dir, 'coords.csv')];
      const { code, stderr } = await runCli(argv);
      assert.equal(writerCame, false, 'the command waited for a writer to open the pipe');
      assert.equal(code, 1, stderr);
      assert.match(stderr, /table\.csv: this is a named pipe \(FIFO\), not a regular file/);
    } finally {
      clearTimeout(guard);
      unblock(fifo);
      await cleanup();
    }
  });
}
