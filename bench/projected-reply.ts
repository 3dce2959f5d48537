/**
 * Explore ▸ Project another file through `tripletlens serve`: how large the embedFile reply is and how long
 * the call takes with `--cells` projected cells, and — where the engine has it — how large and how long the
 * projected cells' CSV is when asked for on its own (exportProjected). Trains a small map on a synthetic
 * table (2 000 cells × `--genes` genes, 8 classes), then projects a synthetic table of `--cells` cells with the
 * same genes by its path on the server, `--repeats` times. The reply's size is the HTTP frame as sent (the
 * Content-Length); its structured-clone size (what the desktop app's IPC copies) is v8.serialize's of the
 * decoded reply. Prints one JSON line. Run from a built checkout (it starts a copy of that checkout's
 * bin/ and dist/; `--package DIR` starts another built checkout's, say the commit before, as it is):
 * `npx tsx bench/projected-reply.ts [--cells 100000] [--genes 50] [--repeats 3] [--package DIR]` (by hand, not
 * in `npm run bench`, and not a timed test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { snapshotPackage, startServe } from '../test/e2e/serve-process.js';
import { serveCall, trainSmallMap, type ServeCall } from './lib/serve-api.js';
import { writeSyntheticCsv } from './lib/synthetic-csv.js';

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '100000' },
    genes: { type: 'string', default: '50' },
    repeats: { type: 'string', default: '3' },
    package: { type: 'string' },
  },
});
const cells = Number(values.cells);
const genes = Number(values.genes);
const repeats = Number(values.repeats);

/** One API call through serve; a refusal before the engine ends the bench. */
async function call(origin: string, token: string, method: string, args: unknown[]): Promise<ServeCall> {
  const answer = await serveCall(origin, token, method, args);
  if (answer.refused !== undefined) throw new Error(`${method}: ${answer.refused}`);
  return answer;
}

async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tl-bench-projected-'));
  // a copy of the built package (this checkout's, or --package's): a rebuild meanwhile does not touch it
  const serve = await startServe(['--root', root], {}, values.package ?? snapshotPackage());
  const token = new URL(serve.url).searchParams.get('token') ?? '';
  try {
    await writeSyntheticCsv(join(root, 'query.csv'), { rows: cells, cols: genes, classes: 8, seed: 2 });
    const api = (method: string, args: unknown[]) => call(serve.origin, token, method, args);
    await trainSmallMap(api, root, genes);
    const runs = [];
    for (let i = 0; i < repeats; i++) {
      const load = loadavg()[0];
      const cpu0 = process.cpuUsage();
      const embedded = await api('embedFile', [{ kind: 'path', path: 'query.csv' }]);
      const result = embedded.result as { projectionId?: string; csv?: string; ids: string[] };
      const entry: Record<string, number | null> = {
        load1: Number(load.toFixed(2)),
        embedReplyBytes: embedded.bytes,
        embedReplyCloneBytes: serialize(result).byteLength,
        embedMs: Math.round(embedded.ms),
        csvBytesInReply: result.csv === undefined ? null : Buffer.byteLength(result.csv),
        exportReplyBytes: null,
        exportMs: null,
      };
      if (typeof result.projectionId === 'string') {
        const exported = await api('exportProjected', [result.projectionId]);
        entry.exportReplyBytes = exported.bytes;
        entry.exportMs = Math.round(exported.ms);
      }
      const used = process.cpuUsage(cpu0);
      entry.clientCpuMs = Math.round((used.user + used.system) / 1000);
      runs.push(entry);
      console.error(JSON.stringify(entry));
    }
    console.log(JSON.stringify({ cells, genes, runs }));
  } finally {
    await serve.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

void run().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
