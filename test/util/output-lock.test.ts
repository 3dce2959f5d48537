import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  lockFileOf,
  lockOutputs,
  OutputLockedError,
  withOutputLock,
  type LockHolder,
  type LockRequest,
} from '../../src/util/output-lock.js';
import { withDir as withScratch, deadPid } from './scratch.js';

const withDir = (run: (dir: string) => Promise<void>) => withScratch('tl-lock-', run);

const request = (path: string, option = '--out'): LockRequest => ({
  path,
  what: `${option} ${path}`,
  advice: `give ${option} another path`,
});

test('a lock file holding pid, host, command and start time is made beside the output, and removed on release', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const lock = await lockOutputs([request(out)], { command: 'tripletlens train a.csv --out coords.csv' });
    const holder = JSON.parse(await readFile(lockFileOf(out), 'utf8')) as LockHolder;
    assert.equal(holder.pid, process.pid);
    assert.equal(holder.host, hostname());
    assert.equal(holder.command, 'tripletlens train a.csv --out coords.csv');
    assert.ok(!Number.isNaN(Date.parse(holder.started)), holder.started);
    assert.deepEqual(lock.notes, []);
    lock.release();
    assert.deepEqual(await readdir(dir), []);
  });
});

test('a second taker of a held output is refused, naming the output, the holder and what to do; its other locks are let go', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const report = join(dir, 'coords.run.json');
    const first = await lockOutputs([request(out)], { command: 'tripletlens train a.csv --out coords.csv' });
    try {
      const refused = await lockOutputs([request(report, '--report'), request(out)], {
        command: 'tripletlens train b.csv',
      }).then(
        () => assert.fail('the second run took a held lock'),
        (err: unknown) => err,
      );
      assert.ok(refused instanceof OutputLockedError);
      assert.equal(refused.destination, out);
      assert.match(refused.message, new RegExp(`^Cannot write --out ${out}: another TripletLens run`));
      assert.ok(refused.message.includes(`pid ${process.pid} on this machine`), refused.message);
      assert.ok(refused.message.includes('(tripletlens train a.csv --out coords.csv), started '));
      assert.match(refused.message, / started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\. /);
      assert.ok(refused.message.includes('wait for that run to finish, or give --out another path'));
      assert.ok(refused.message.includes(`delete its lock ${lockFileOf(out)}`));
      // the --report lock the refused run took first is not left behind
      assert.deepEqual((await readdir(dir)).sort(), ['.coords.csv.lock']);
    } finally {
      first.release();
    }
    const again = await lockOutputs([request(out)], { command: 'tripletlens train b.csv' });
    again.release();
  });
});

test('two spellings of one output share its lock: through a linked folder, a link to the file, and ..', async () => {
  await withDir(async (dir) => {
    await mkdir(join(dir, 'real'));
    await symlink(join(dir, 'real'), join(dir, 'linked'));
    await symlink(join(dir, 'real', 'coords.csv'), join(dir, 'alias.csv'));
    const first = await lockOutputs([request(join(dir, 'real', 'coords.csv'))], { command: 'first' });
    try {
      const spellings = [
        join(dir, 'linked', 'coords.csv'),
        join(dir, 'alias.csv'),
        join(dir, 'real', '..', 'real', 'coords.csv'),
      ];
      for (const path of spellings) {
        await assert.rejects(lockOutputs([request(path)], { command: 'second' }), OutputLockedError);
      }
    } finally {
      first.release();
    }
  });
});

test('a stale lock (its pid no longer runs on this machine) is taken over, said in a note', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const pid = deadPid();
    const stale: LockHolder = {
      pid,
      host: hostname(),
      command: 'tripletlens train old.csv',
      started: '2026-01-02T03:04:05.000Z',
      token: 'feed',
    };
    await writeFile(lockFileOf(out), JSON.stringify(stale));
    const lock = await lockOutputs([request(out)], { command: 'tripletlens train new.csv' });
    try {
      assert.equal(lock.notes.length, 1);
      assert.ok(lock.notes[0].startsWith(`--out ${out}: took over the lock`), lock.notes[0]);
      assert.ok(lock.notes[0].includes('no longer running'), lock.notes[0]);
      assert.ok(
        lock.notes[0].includes(
          `pid ${pid} on this machine (tripletlens train old.csv), started 2026-01-02 03:04:05 UTC`,
        ),
      );
      const holder = JSON.parse(await readFile(lockFileOf(out), 'utf8')) as LockHolder;
      assert.equal(holder.pid, process.pid);
    } finally {
      lock.release();
    }
    assert.deepEqual(await readdir(dir), []);
  });
});

test('a lock of a live pid, of another machine, or that cannot be read is not taken over', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const holders = [
      { pid: 1, host: hostname(), command: 'c', started: '2026-01-02T03:04:05.000Z', token: 'a' },
      {
        pid: deadPid(),
        host: `not-${hostname()}`,
        command: 'c',
        started: '2026-01-02T03:04:05.000Z',
        token: 'b',
      },
    ];
    for (const holder of holders) {
      await writeFile(lockFileOf(out), JSON.stringify(holder));
      await assert.rejects(
        lockOutputs([request(out)], { command: 'x', alive: (p) => p === 1 }),
        OutputLockedError,
      );
    }
    await writeFile(lockFileOf(out), '');
    await assert.rejects(lockOutputs([request(out)], { command: 'x' }), (err: Error) => {
      assert.ok(err.message.includes('which does not say which'), err.message);
      assert.ok(err.message.includes(`if no TripletLens run is writing it, delete ${lockFileOf(out)}`));
      return true;
    });
  });
});

test('the locks are released when the write fails, and the folders made for them are removed', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'run1', 'deeper', 'coords.csv');
    const report = join(dir, 'run1', 'deeper', 'coords.run.json');
    await assert.rejects(
      withOutputLock([request(out), request(report, '--report')], { command: 'x' }, async () => {
        assert.ok((await readdir(join(dir, 'run1', 'deeper'))).includes('.coords.csv.lock'));
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.deepEqual(await readdir(dir), []);
  });
});

test('a release leaves a lock another run took over alone, and a folder holding the outputs', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'run1', 'coords.csv');
    const lock = await lockOutputs([request(out)], { command: 'x' });
    await writeFile(out, 'written');
    const other = { pid: process.pid, host: hostname(), command: 'y', started: '', token: 'other' };
    await writeFile(lockFileOf(out), JSON.stringify(other));
    lock.release();
    assert.deepEqual((await readdir(join(dir, 'run1'))).sort(), ['.coords.csv.lock', 'coords.csv']);
  });
});
