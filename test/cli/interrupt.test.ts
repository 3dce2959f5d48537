// Ctrl-C during a long CLI step: the first aborts it cleanly, a second force-quits (no listener of ours stays).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { withInterrupt } from '../../src/cli/interrupt.js';
import { exitCodeFor, main } from '../../src/cli/main.js';
import { WriteError } from '../../src/util/write-error.js';
import { tempDir } from './helpers.js';

test('withInterrupt aborts on the first Ctrl-C and leaves no SIGINT listener behind', async () => {
  const before = process.listenerCount('SIGINT');
  const seen = await withInterrupt(async (signal) => {
    assert.equal(process.listenerCount('SIGINT'), before + 1);
    process.emit('SIGINT', 'SIGINT');
    return { aborted: signal.aborted, listeners: process.listenerCount('SIGINT') };
  });
  assert.deepEqual(seen, { aborted: true, listeners: before });
  assert.equal(process.listenerCount('SIGINT'), before);
});

test('withInterrupt removes its listener when the step ends or fails without a Ctrl-C', async () => {
  const before = process.listenerCount('SIGINT');
  assert.equal(await withInterrupt(async (signal) => signal.aborted), false);
  await assert.rejects(
    withInterrupt(async () => {
      throw new RangeError('step failed');
    }),
    /step failed/,
  );
  assert.equal(process.listenerCount('SIGINT'), before);
});

/**
 * `train --sample` with `signal` sent at its first epoch line (training under way), into an empty folder: the
 * exit code, what it printed on stderr, and what the folder holds afterwards.
 */
async function trainStoppedBy(
  signal: 'SIGINT' | 'SIGTERM',
): Promise<{ code: number; stderr: string; files: string[] }> {
  const { dir, cleanup } = await tempDir();
  try {
    let sent = false;
    let stderr = '';
    const io = {
      stderrIsTty: false,
      stdout: () => undefined,
      stderr: (t: string) => {
        stderr += t;
        if (!sent && /^epoch /m.test(t)) {
          sent = true;
          process.emit(signal, signal);
        }
      },
    };
    const out = join(dir, 'coords.csv');
    const code = await main(
      ['train', '--sample', '--epochs', '200', '--patience', '0', '--out', out, '--model', join(dir, 'm')],
      io,
    );
    assert.ok(sent, 'training reached its first epoch line');
    return { code, stderr, files: await readdir(dir) };
  } finally {
    await cleanup();
  }
}

// A user audit: Ctrl-C in the middle of `train` printed "tripletlens train: Training was cancelled" and exited
// with 1, the code of a data or training error, so a script could not tell a user's stop from a failure.
test('Ctrl-C during training: exit 130, a message saying nothing was written, and no output on disk', async () => {
  const { code, stderr, files } = await trainStoppedBy('SIGINT');
  assert.equal(code, 130, stderr);
  assert.match(stderr, /^tripletlens train: cancelled \(Ctrl-C\); nothing was written$/m);
  assert.deepEqual(files, []);
});

// A headless audit: a run stopped by SIGTERM (kill, timeout, Slurm, docker stop) died at once with exit 143
// and no word; it is now stopped as Ctrl-C stops it, saying so, with the exit code a shell gives SIGTERM.
test('SIGTERM during training: exit 143, a message naming it, and no output on disk', async () => {
  const { code, stderr, files } = await trainStoppedBy('SIGTERM');
  assert.equal(code, 143, stderr);
  assert.match(stderr, /^tripletlens train: cancelled \(SIGTERM\); nothing was written$/m);
  assert.deepEqual(files, []);
});

test('withInterrupt stops listening to both signals after the first', async () => {
  const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
  const after = await withInterrupt(async (signal) => {
    process.emit('SIGTERM', 'SIGTERM');
    return {
      aborted: signal.aborted,
      counts: [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')],
    };
  });
  assert.deepEqual(after, { aborted: true, counts: before });
});

test('a commit cancelled by Ctrl-C exits with 130 too; another write error with 1', () => {
  assert.equal(exitCodeFor(new WriteError('cancelled (Ctrl-C)', '/x/coords.csv', 'ECANCELED', '--out')), 130);
  assert.equal(exitCodeFor(new WriteError('disk full', '/x/coords.csv', 'ENOSPC', '--out')), 1);
});
