import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { EngineEvent } from '../../src/api/engine-api.js';
import type { HostToWorker } from '../../src/api/messages.js';
import { utilityProcessSpawner, type UtilityProcessLike } from '../../src/worker/utility-process-spawner.js';
import { createWorkerEngine } from '../../src/worker/worker-client.js';

/** A stand-in for Electron's UtilityProcess that answers like the engine worker would. */
class FakeUtilityProcess extends EventEmitter implements UtilityProcessLike {
  static count = 0;
  pid = 1000 + ++FakeUtilityProcess.count;
  constructor() {
    super();
    setImmediate(() => this.emit('message', { type: 'ready', pid: this.pid }));
  }
  postMessage(message: unknown): void {
    const m = message as HostToWorker;
    if (m.type === 'shutdown') {
      setImmediate(() => this.emit('exit', 0));
      return;
    }
    if (m.type === 'configure') return;
    setImmediate(() => {
      if (m.method === 'labelSummary' && m.args[0] === 'crash') {
        this.emit('exit', 9);
        return;
      }
      this.emit('message', {
        type: 'response',
        id: m.id,
        ok: true,
        result: { pid: this.pid, method: m.method },
      });
    });
  }
  kill(): boolean {
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
}

test('the utilityProcess spawner drives the worker client, including crash and restart', async () => {
  const forks: string[] = [];
  const spawner = utilityProcessSpawner(
    {
      fork: (script) => {
        forks.push(script);
        return new FakeUtilityProcess();
      },
    },
    { script: '/app/dist/worker/engine-worker.js' },
  );
  const engine = createWorkerEngine(spawner, { stateFallbackMs: 60_000 }); // the fake's own answers
  const events: EngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  const first = (await engine.getState()) as unknown as { pid: number };
  await assert.rejects(engine.labelSummary('crash'), /exited with code 9 unexpectedly/);
  assert.equal(events[0]?.type, 'worker-exit');
  const second = (await engine.getState()) as unknown as { pid: number };
  assert.notEqual(second.pid, first.pid, 'a new utility process');
  assert.deepEqual(forks, ['/app/dist/worker/engine-worker.js', '/app/dist/worker/engine-worker.js']);
  await engine.dispose();
});
