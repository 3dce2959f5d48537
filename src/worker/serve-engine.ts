/**
 * Runs an EngineApi behind a ParentPort: answers each request with exactly one response, forwards events,
 * and turns every failure into a readable error response (the worker never dies of a bad request).
 *
 * Requests that change or read the loaded data run one at a time in arrival order, so a labelSummary sent
 * after an openFile sees the new file. Control requests (stop, cancel, state, backend) answer at once, even
 * while a long import is in the queue.
 */
import type { EngineApi, EngineRequestMethod } from '../api/engine-api.js';
import { ENGINE_REQUEST_METHODS } from '../api/engine-api.js';
import { EngineError, toErrorInfo } from '../api/errors.js';
import type { RequestMessage, ResponseMessage, ReusedIds } from '../api/messages.js';
import type { ParentPort } from './parent-port.js';

const IMMEDIATE: ReadonlySet<EngineRequestMethod> = new Set([
  'stopTraining',
  'cancelImport',
  'getState',
  'backendInfo',
]);

/**
 * Connects `engine` to `port`; returns a function that disconnects the event forwarding. `reuseIds` hands the
 * engine a request's `ids` just before the call runs, and null once it has answered (a request without ids
 * is not passed on). Default: ids are ignored (an engine that always hands out new ones).
 */
export function serveEngine(
  engine: EngineApi,
  port: ParentPort,
  reuseIds: (ids: ReusedIds | null) => void = () => undefined,
): () => void {
  const unsubscribe = engine.onEvent((event) => port.send({ type: 'event', event }));
  let queue: Promise<void> = Promise.resolve();

  const answer = async (request: RequestMessage): Promise<void> => {
    let response: ResponseMessage;
    try {
      if (!(ENGINE_REQUEST_METHODS as readonly string[]).includes(request.method)) {
        throw new EngineError({
          kind: 'invalid-request',
          message: `Unknown engine method '${request.method}'`,
        });
      }
      // The method name was checked against the list above; the argument tuple is the caller's contract.
      const method = engine[request.method] as (...args: unknown[]) => Promise<unknown>;
      // the calls that take ids (the loading ones) run in the queue, one at a time: no other call takes them
      if (request.ids) reuseIds(request.ids);
      const result = await method.apply(engine, request.args as unknown[]);
      response = { type: 'response', id: request.id, ok: true, result } as ResponseMessage;
    } catch (err) {
      response = { type: 'response', id: request.id, ok: false, error: toErrorInfo(err) };
    } finally {
      if (request.ids) reuseIds(null);
    }
    port.send(response);
  };

  port.onMessage((message) => {
    if (message.type !== 'request') return;
    if (IMMEDIATE.has(message.method)) {
      void answer(message);
    } else {
      queue = queue.then(() => answer(message));
    }
  });
  return unsubscribe;
}
