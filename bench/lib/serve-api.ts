/**
 * The by-hand serve benchmarks' shared steps (`projected-reply.ts`, `projected-save.ts`): one EngineApi call
 * over serve's HTTP frames with its sizes and wall time, and a small map trained on a synthetic table (the CPU
 * of serve with its engine worker: `treeCpuSeconds`, lib/proc-cpu.ts).
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeFrame, encodeFrame, FRAME_CONTENT_TYPE } from '../../src/api/wire.js';
import { writeSyntheticCsv } from './synthetic-csv.js';

/** One call's request and reply frame sizes, the wall time to the last byte and the decoded result. */
export interface ServeCall {
  requestBytes: number;
  bytes: number;
  ms: number;
  result: unknown;
  /** A refusal before the engine (a body over serve's limit): its status and text; result is then null. */
  refused?: string;
}

/**
 * One POST by node:http, which waits for the reply as long as it takes: fetch gives up after 300 s without
 * headers (undici's headersTimeout), and embedFile of 10⁶ cells under load takes longer (535 s at load 19).
 */
function post(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; contentType: string | undefined; body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    // a connection of its own (agent: false): a kept-alive one may be closed by serve as it is reused
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'Content-Length': body.byteLength },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          body: new Uint8Array(Buffer.concat(chunks)),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Calls `method` on serve at `origin`; an engine error throws, a refusal before the engine is returned. */
export async function serveCall(
  origin: string,
  token: string,
  method: string,
  args: unknown[],
): Promise<ServeCall> {
  const start = performance.now();
  const body = encodeFrame(args);
  const response = await post(`${origin}/api/${method}`, body, {
    'Content-Type': FRAME_CONTENT_TYPE,
    'x-tripletlens-token': token,
  });
  const reply = response.body;
  const ms = performance.now() - start;
  const sizes = { requestBytes: body.byteLength, bytes: reply.byteLength, ms };
  if (response.contentType !== FRAME_CONTENT_TYPE) {
    const text = new TextDecoder().decode(reply).slice(0, 300);
    return { ...sizes, result: null, refused: `${response.status} ${text}` };
  }
  const decoded = decodeFrame(reply) as { ok: boolean; result?: unknown; error?: { message: string } };
  if (!decoded.ok) throw new Error(`${method}: ${decoded.error?.message ?? 'failed'}`);
  return { ...sizes, result: decoded.result };
}

/**
 * Trains a small map (3 epochs) on a synthetic table of 2 000 cells × `genes` genes, 8 classes, written as
 * `train.csv` in serve's root, and waits for the run to end.
 */
export async function trainSmallMap(
  api: (method: string, args: unknown[]) => Promise<ServeCall>,
  root: string,
  genes: number,
): Promise<void> {
  await writeSyntheticCsv(join(root, 'train.csv'), { rows: 2000, cols: genes, classes: 8, seed: 1 });
  await api('openFile', [{ kind: 'path', path: 'train.csv' }]);
  await api('startTraining', [{ labelColumn: 'label', epochs: 3 }]);
  for (;;) {
    const state = (await api('getState', [])).result as { lastRun: unknown; activeRunId: unknown };
    if (state.lastRun !== null && state.activeRunId === null) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}
