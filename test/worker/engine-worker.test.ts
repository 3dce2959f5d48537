import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { EngineEvent, RunResult } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { forkSpawner } from '../../src/worker/spawner.js';
import { createWorkerEngine } from '../../src/worker/worker-client.js';

function waitFor<T extends EngineEvent['type']>(
  engine: { onEvent(l: (e: EngineEvent) => void): () => void },
  types: T[],
): Promise<Extract<EngineEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = engine.onEvent((event) => {
      if ((types as string[]).includes(event.type)) {
        off();
        resolve(event as Extract<EngineEvent, { type: T }>);
      }
    });
  });
}

describe('the real engine worker', () => {
  const engine = createWorkerEngine(forkSpawner());
  const dir = mkdtempSync(join(tmpdir(), 'tl-worker-'));
  after(async () => {
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('opens the sample, trains, exports, and survives a crash with the data still loaded', async () => {
    const summary = await engine.openFile({ kind: 'sample' });
    assert.equal(summary.rows, 700);
    assert.equal(summary.genes, 765);
    assert.equal(summary.suggestedLabel, 'label');
    const labels = await engine.labelSummary('label');
    assert.equal(labels.classes.length, 10);
    assert.equal(labels.classes.reduce((n, c) => n + c.count, 0) + labels.unlabeled, 700);

    const progress: EngineEvent[] = [];
    const off = engine.onEvent((e) => progress.push(e));
    const finished = waitFor(engine, ['run-finished', 'run-failed']);
    const { runId } = await engine.startTraining({ labelColumn: 'label', epochs: 2, snapshotEvery: 1 });
    const outcome = await finished;
    off();
    assert.equal(outcome.type, 'run-finished', JSON.stringify(outcome));
    const result = (outcome as { result: RunResult }).result;
    assert.equal(result.runId, runId);
    assert.ok(
      result.coords.data instanceof Float32Array,
      'coordinates cross the process boundary as Float32Array',
    );
    assert.equal(result.coords.rows, 700);
    assert.equal(result.coords.cols, 3);
    assert.ok(result.coords.data.every(Number.isFinite));
    assert.ok(progress.some((e) => e.type === 'train-progress' && e.runId === runId));
    const snapshot = progress.find((e) => e.type === 'embedding-snapshot');
    assert.ok(snapshot?.type === 'embedding-snapshot', 'a snapshot arrived');
    assert.ok(snapshot.rows instanceof Int32Array);
    assert.equal(snapshot.rows.length, snapshot.coords.rows);
    assert.equal(snapshot.coords.rows, result.split.filter((s) => s !== 'holdout').length);

    const csv = await engine.exportCoordinates();
    const lines = csv.text.trim().split('\n');
    assert.equal(lines[0], 'id,label,split,x,y,z');
    assert.equal(lines.length, 701);

    // crash: the worker is killed; the next call gets a new worker with the sample open again
    const pid = engine.workerPid();
    const exit = waitFor(engine, ['worker-exit']);
    process.kill(pid ?? 0, 'SIGKILL');
    assert.match((await exit).message, /killed by SIGKILL/);
    const again = await engine.labelSummary('label');
    assert.deepEqual(again, labels);
    assert.notEqual(engine.workerPid(), pid);
    const state = await engine.getState();
    assert.equal(state.dataset?.rows, 700);
    assert.equal(state.lastRun, null, 'the model died with the worker');
  });

  test('a malformed file is a readable import error and the worker stays up', async () => {
    const bad = join(dir, 'bad.csv');
    // the bad value sits below the rows the importer profiles, so the column is known to be numeric
    const rows = Array.from(
      { length: 250 },
      (_, i) => `c${i},${i % 2 ? 'a' : 'b'},1,${i === 240 ? 'oops' : 2}`,
    );
    writeFileSync(bad, `id,label,g1,g2\n${rows.join('\n')}\n`);
    const pid = engine.workerPid();
    await assert.rejects(engine.openFile({ kind: 'path', path: bad }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'import');
      assert.match(err.message, /bad\.csv, line 242, column 4/);
      return true;
    });
    assert.equal(engine.workerPid(), pid);
    assert.equal((await engine.getState()).dataset?.rows, 700, 'the previous data stays loaded');
  });
});
