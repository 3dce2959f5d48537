/**
 * Save session with the cells of Project another file through `tripletlens serve`: how large the saveSession
 * request is and how long the call takes with `--cells` projected cells (and a metadata file of three columns
 * joined to them), when the page sends the projection back whole (`SaveSessionRequest.projected` an
 * `EmbedResult`, as before) and when it names the projection the engine holds (`{ projectionId }`). Trains a
 * small map on a synthetic table (2 000 cells × `--genes` genes, 8 classes), projects a synthetic table of
 * `--cells` cells by its path on the server, then saves `--repeats` times each way. Sizes are the HTTP frames
 * (request as encoded, reply as received); CPU is the client's and serve's with its engine worker (from
 * /proc). Then, unless `--reopen no`, reopens the last session saved (by its path under `--root`) and exports the
 * projected cells it holds: that call's CPU and the CSV's SHA-256 against the export before saving, and the
 * size of the session's `projected/cells.csv` entry (0 when it has none). Prints one JSON line. Run from a
 * built checkout: `npx tsx bench/projected-save.ts [--cells 100000] [--genes 50] [--repeats 2]
 * [--modes whole,id] [--reopen yes|no] [--package DIR]` (by hand, not in `npm run bench`, and not a timed test).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { snapshotPackage, startServe } from '../test/e2e/serve-process.js';
import { treeCpuSeconds } from './lib/proc-cpu.js';
import { serveCall, trainSmallMap, type ServeCall } from './lib/serve-api.js';
import { writeSyntheticCsv } from './lib/synthetic-csv.js';

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '100000' },
    genes: { type: 'string', default: '50' },
    repeats: { type: 'string', default: '2' },
    modes: { type: 'string', default: 'whole,id' },
    reopen: { type: 'string', default: 'yes' },
    package: { type: 'string' },
  },
});
const cells = Number(values.cells);
const genes = Number(values.genes);
const repeats = Number(values.repeats);
const modes = (values.modes ?? '').split(',').filter(Boolean);

/** A metadata file for the query's cells: three columns (20, 4 and 1 000 categories). */
function writeMetadata(path: string): void {
  const lines = ['id,cluster,batch,donor'];
  for (let r = 1; r <= cells; r++) lines.push(`cell${r},c${r % 20},b${r % 4},donor_${r % 1000}`);
  writeFileSync(path, lines.join('\n') + '\n');
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The stored size of a ZIP's entry `name` (its central directory's compressed size), or 0 when it has none. */
function entryBytes(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const wanted = new TextEncoder().encode(name);
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue; // a central directory header
    const nameLength = view.getUint16(at + 28, true);
    const own = zip.subarray(at + 46, at + 46 + nameLength);
    if (own.length === wanted.length && own.every((b, i) => b === wanted[i]))
      return view.getUint32(at + 20, true);
  }
  return 0;
}

/** Reopens `session` (written as `reopen.tripletlens` in `root`) and exports its projected cells. */
async function reopen(
  api: (method: string, args: unknown[]) => Promise<ServeCall>,
  root: string,
  session: Uint8Array,
  csvBefore: string,
  pid: number,
): Promise<Record<string, unknown>> {
  writeFileSync(join(root, 'reopen.tripletlens'), session);
  const load1 = Number(loadavg()[0].toFixed(2));
  const cpu0 = treeCpuSeconds(pid);
  const opened = await api('openSession', [{ kind: 'path', path: 'reopen.tripletlens' }]);
  const cpu1 = treeCpuSeconds(pid);
  const id = (opened.result as { projected: { projectionId: string } }).projected.projectionId;
  const exported = await api('exportProjected', [id]);
  const csv = (exported.result as { text: string }).text;
  const entry = {
    load1,
    csvEntryBytes: entryBytes(session, 'projected/cells.csv'),
    openMs: Math.round(opened.ms),
    openServeCpuS: Number((cpu1 - cpu0).toFixed(2)),
    exportMs: Math.round(exported.ms),
    exportServeCpuS: Number((treeCpuSeconds(pid) - cpu1).toFixed(2)),
    csvBytes: csv.length,
    csvSha: sha(csv),
    sameAsBefore: csv === csvBefore,
  };
  console.error(JSON.stringify({ reopen: entry }));
  return entry;
}

async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tl-bench-projected-save-'));
  const serve = await startServe(['--root', root], {}, values.package ?? snapshotPackage());
  const token = new URL(serve.url).searchParams.get('token') ?? '';
  const pid = serve.child.pid ?? 0;
  try {
    await writeSyntheticCsv(join(root, 'query.csv'), { rows: cells, cols: genes, classes: 8, seed: 2 });
    writeMetadata(join(root, 'query-meta.csv'));
    const api = (method: string, args: unknown[]) => serveCall(serve.origin, token, method, args);
    await trainSmallMap(api, root, genes);
    const cpu0 = treeCpuSeconds(pid);
    const embedded = await api('embedFile', [
      { kind: 'path', path: 'query.csv' },
      {},
      { kind: 'path', path: 'query-meta.csv' },
    ]);
    const embed = {
      replyBytes: embedded.bytes,
      ms: Math.round(embedded.ms),
      serveCpuS: Number((treeCpuSeconds(pid) - cpu0).toFixed(2)),
      load1: Number(loadavg()[0].toFixed(2)),
    };
    console.error(JSON.stringify({ embed }));
    const result = embedded.result as { projectionId: string };
    const before = await api('exportProjected', [result.projectionId]);
    const csvBefore = (before.result as { text: string }).text;
    let last: Uint8Array | null = null;
    const runs = [];
    for (let i = 0; i < repeats; i++) {
      for (const mode of modes) {
        const projected = mode === 'id' ? { projectionId: result.projectionId } : result;
        const load = loadavg()[0];
        const serve0 = treeCpuSeconds(pid);
        const client0 = process.cpuUsage();
        const saved = await api('saveSession', [
          { editedLabels: null, selection: new Int32Array(0), view: null, projected },
        ]);
        const client = process.cpuUsage(client0);
        if (saved.result) last = (saved.result as { bytes: Uint8Array }).bytes;
        const entry = {
          mode,
          load1: Number(load.toFixed(2)),
          requestBytes: saved.requestBytes,
          replyBytes: saved.bytes,
          ms: Math.round(saved.ms),
          serveCpuS: Number((treeCpuSeconds(pid) - serve0).toFixed(2)),
          sessionBytes: last?.byteLength ?? 0,
          clientCpuS: Number(((client.user + client.system) / 1e6).toFixed(2)),
          ...(saved.refused ? { refused: saved.refused } : {}),
        };
        runs.push(entry);
        console.error(JSON.stringify(entry));
      }
    }
    const reopened =
      values.reopen === 'no' || last === null ? null : await reopen(api, root, last, csvBefore, pid);
    console.log(JSON.stringify({ cells, genes, embed, runs, reopened }));
  } finally {
    await serve.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

void run().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
