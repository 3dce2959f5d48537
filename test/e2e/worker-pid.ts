/** The engine worker of a `tripletlens serve` process, for e2e tests that kill it. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

/** The engine worker: the one child process of the serve process. */
export function workerPid(servePid: number): number {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(servePid)], { encoding: 'utf8' });
  const pids = out
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
  assert.equal(pids.length, 1, `one engine worker under serve: ${out}`);
  return pids[0];
}
