/** Scratch folders and ended processes for the file-writing tests of src/util. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../../src/util/output-leftovers.js';

/** Runs `run` in a new temporary folder named from `prefix`, removed after, whatever `run` does. */
export async function withDir(prefix: string, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The pid of a process that ran and ended: what a killed run's or crashed writer's pid is. */
export function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  assert.ok(pid && !processAlive(pid), 'the child has ended');
  return pid;
}
