/**
 * The worker side of thread-pool.ts's rounds, shared by every worker entry (the forest's, the rank index's):
 * each message is handled to the end, then answered 'done', or 'error' with the message of what it threw, so
 * the pool can reject the round naming the job. Imports only node:worker_threads: worker bundles stay small.
 */
import { parentPort } from 'node:worker_threads';

/** A worker's answer to one message. */
export type ThreadReply = { type: 'done' } | { type: 'error'; message: string };

/** Answers every message from the parent with `handle`'s outcome. */
export function serveRounds<M>(handle: (message: M) => void): void {
  parentPort?.on('message', (message: M) => {
    let reply: ThreadReply;
    try {
      handle(message);
      reply = { type: 'done' };
    } catch (err) {
      reply = { type: 'error', message: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply);
  });
}
