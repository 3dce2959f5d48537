/**
 * EngineApi over HTTP, for the page served by `tripletlens serve` (src/server). Each call is a POST of the
 * argument list to /api/<method> as a binary frame (src/api/wire.ts: uploads and coordinates travel as raw
 * bytes); events arrive through one EventSource on /api/events. The token travels in the HttpOnly cookie
 * the server set when the page was first opened, so this module never sees it.
 */
import type {
  EngineApi,
  EngineEvent,
  EngineEventListener,
  EngineRequestMethod,
} from '../../src/api/engine-api.js';
import { ENGINE_REQUEST_METHODS } from '../../src/api/engine-api.js';
import { EngineError, errorFromWire } from '../../src/api/errors.js';
import { FRAME_CONTENT_TYPE, decodeFrame, decodeJson, encodeFrame } from '../../src/api/wire.js';

export interface HttpEngineOptions {
  /** The server's origin and path prefix. Default: '' (the page's own origin). */
  baseUrl?: string;
  /** The fetch to use. Default: the page's fetch. */
  fetch?: typeof fetch;
  /** How to open the event stream. Default: the page's EventSource. */
  openEvents?: (url: string) => EventSource;
}

/** The HTTP status of a refused call as an engine error kind. */
function statusKind(status: number): EngineError['kind'] {
  if (status === 401 || status === 403) return 'forbidden';
  if (status >= 400 && status < 500) return 'invalid-request';
  return 'internal';
}

/** Creates the transport. Nothing is requested until the first call or onEvent. */
export function createHttpEngine(options: HttpEngineOptions = {}): EngineApi {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const openEvents = options.openEvents ?? ((url: string) => new EventSource(url));
  const listeners = new Set<EngineEventListener>();
  let source: EventSource | null = null;
  let lostReported = false;
  /**
   * Settles once the event stream first opened (or failed to): getState waits for it, so the events after
   * the state it answers reach the page — a page that joined a run asked the state before the server had its
   * stream, and the epochs that ended in between never reached its loss chart.
   */
  let firstOpen: Promise<void> = Promise.resolve();
  let opened: () => void = () => undefined;

  const emit = (event: EngineEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        console.error('TripletLens event listener failed', err);
      }
    }
  };

  const connect = () => {
    if (source) return;
    firstOpen = new Promise((resolve) => (opened = resolve));
    source = openEvents(`${base}/api/events`);
    source.onopen = () => {
      lostReported = false;
      opened();
    };
    // typed by its data alone, so the node tests (whose MessageEvent is not generic) can load this module too
    source.onmessage = (message: { data: unknown }) => {
      let event: EngineEvent;
      try {
        if (typeof message.data !== 'string') return;
        event = decodeJson(message.data) as EngineEvent;
      } catch {
        return; // not ours (a proxy's keep-alive, say)
      }
      emit(event);
    };
    source.onerror = () => {
      // a server that cannot be reached is said by the call's own failure
      opened();
      // EventSource reconnects by itself; say so once, not on every retry.
      if (lostReported) return;
      lostReported = true;
      emit({
        type: 'error',
        error: {
          kind: 'internal',
          message:
            'Lost the live connection to the TripletLens server; reconnecting. If it does not come back, check that `tripletlens serve` is still running.',
        },
      });
    };
  };

  const call = async (method: EngineRequestMethod, args: unknown[]): Promise<unknown> => {
    if (method === 'getState') await firstOpen;
    let response: Response;
    try {
      response = await doFetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': FRAME_CONTENT_TYPE },
        credentials: 'same-origin',
        body: encodeFrame(args),
      });
    } catch (err) {
      throw new EngineError({
        kind: 'internal',
        message: `Cannot reach the TripletLens server (${err instanceof Error ? err.message : String(err)}). Is \`tripletlens serve\` still running?`,
      });
    }
    if (response.status !== 200) {
      const text = (await response.text().catch(() => '')).trim();
      throw new EngineError({
        kind: statusKind(response.status),
        message: text || `HTTP ${response.status}`,
      });
    }
    const reply = decodeFrame(await response.arrayBuffer()) as
      { ok: true; result: unknown } | { ok: false; error: unknown };
    if (reply.ok) return reply.result;
    throw errorFromWire(reply.error);
  };

  const methods = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as Omit<EngineApi, 'onEvent'>;

  return {
    ...methods,
    onEvent(listener) {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
