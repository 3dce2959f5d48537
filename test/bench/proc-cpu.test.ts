import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseProcStat, treeCpuSeconds } from '../../bench/lib/proc-cpu.js';

const dir = mkdtempSync(join(tmpdir(), 'tl-proc-cpu-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A /proc/PID/stat line: `comm` in parentheses, then state, ppid, … utime (field 14) and stime (15). */
function statLine(pid: number, comm: string, ppid: number, utime: number, stime: number): string {
  const after = ['S', ppid, 1, 1, 0, -1, 4194304, 0, 0, 0, 0, utime, stime, 0, 0, 20, 0, 1, 0];
  return `${pid} (${comm}) ${after.join(' ')}\n`;
}

/** A folder laid out as /proc: one PID/stat a process (`[pid, comm, ppid, utime, stime]`), plus other entries. */
function fakeProc(name: string, processes: [number, string, number, number, number][]): string {
  const root = join(dir, name);
  for (const [pid, comm, ppid, utime, stime] of processes) {
    mkdirSync(join(root, String(pid)), { recursive: true });
    writeFileSync(join(root, String(pid), 'stat'), statLine(pid, comm, ppid, utime, stime));
  }
  // what /proc also holds: no process, and a process gone before its stat is read
  mkdirSync(join(root, 'self'), { recursive: true });
  mkdirSync(join(root, '999'), { recursive: true });
  return root;
}

test('a stat line is read after the command, which may hold spaces and parentheses', () => {
  assert.deepEqual(parseProcStat(statLine(42, 'node (worker) 1', 7, 250, 50)), { ppid: 7, ticks: 300 });
  assert.equal(parseProcStat('garbage'), null);
});

test('the tree is found by parent pid, grandchildren included, with or without the root', () => {
  const procDir = fakeProc('tree', [
    [1, 'init', 0, 1000, 1000],
    [100, 'node', 1, 300, 100], // the root: 4 s
    [101, 'serve worker', 100, 150, 50], // its child: 2 s
    // a grandchild forked from a thread of the child (not in the main thread's children list): 1 s
    [102, 'chrome (renderer)', 101, 80, 20],
    [200, 'other', 1, 500, 0], // not in the tree
  ]);
  assert.equal(treeCpuSeconds(100, { procDir }), 7);
  assert.equal(treeCpuSeconds(100, { procDir, withRoot: false }), 3);
  assert.equal(treeCpuSeconds(101, { procDir }), 3);
  assert.equal(treeCpuSeconds(300, { procDir }), 0, 'a root that has ended: nothing');
});

test('without /proc the CPU is unknown (NaN), not zero', () => {
  assert.ok(Number.isNaN(treeCpuSeconds(1, { procDir: join(dir, 'absent') })));
});
