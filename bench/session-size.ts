/**
 * How large a `.tripletlens` session gets with the number of cells, and what of it grows: trains a map on a
 * synthetic table of `--cells` cells × `--genes` genes (10 classes) with a metadata file of three columns
 * joined (20, 4 and 1 000 categories), projects a second table of `--projected` cells (default as many) with
 * the same metadata columns, edits every tenth cell's label and selects every other cell, then saves the session in process
 * (`EngineSession.saveSession`, as the worker does) and reopens it from its path (`openSession`). Prints one
 * JSON line: the file's bytes, each entry's stored and inflated bytes (largest first), bytes a cell, the save's
 * and the reopen's wall and CPU seconds, and the load; each stage's end on stderr. One epoch of `--steps` steps
 * (default 2 500, where the validation plateau stops a default run of 10⁶ cells): a map trained much shorter is
 * not spread out, and the kNN predictions' one-axis sweep (since replaced by a k-d tree) then scanned most of the reference for every cell.
 * By hand, not in `npm run bench`:
 * `npx tsx bench/session-size.ts [--cells 100000] [--projected N] [--genes 50] [--steps 2500]`.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { EngineEvent } from '../src/api/engine-api.js';
import { EngineSession } from '../src/engine/session.js';
import { writeSyntheticCsv } from './lib/synthetic-csv.js';

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '100000' },
    genes: { type: 'string', default: '50' },
    steps: { type: 'string', default: '2500' },
    projected: { type: 'string' },
  },
});
const cells = Number(values.cells);
const genes = Number(values.genes);
const steps = Number(values.steps);
const projectedCells = Number(values.projected ?? values.cells);

/** A stage's end on stderr, with the CPU seconds so far: a long run shows where it is. */
function stage(name: string): void {
  const cpu = process.cpuUsage();
  console.error(`${new Date().toISOString()} ${name} (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
}

/** A metadata file for cells `cell1…cellN` (the synthetic table's ids): three columns. */
function writeMetadata(path: string, rows: number): void {
  const lines = ['id,cluster,batch,donor'];
  for (let r = 1; r <= rows; r++) lines.push(`cell${r},c${r % 20},b${r % 4},donor_${r % 1000}`);
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Every entry of a ZIP by its central directory: name, stored and inflated bytes. */
function zipEntries(zip: Uint8Array): { name: string; stored: number; inflated: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22; // no comment: the writer leaves none
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    out.push({ name, stored: view.getUint32(at + 20, true), inflated: view.getUint32(at + 24, true) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out.sort((a, b) => b.stored - a.stored);
}

/** Resolves with the run's end (listen before starting it). */
function finished(session: EngineSession): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = session.onEvent((event: EngineEvent) => {
      if (event.type === 'run-finished') resolve();
      else if (event.type === 'run-failed') reject(new Error(event.error.message));
      else return;
      off();
    });
  });
}

/** Wall and CPU seconds of `work` (this process: the engine runs in it). */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; wallS: number; cpuS: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const cpu = process.cpuUsage(cpu0);
  const round = (s: number) => Number(s.toFixed(2));
  return { value, wallS: round((performance.now() - t0) / 1000), cpuS: round((cpu.user + cpu.system) / 1e6) };
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-bench-session-size-'));
  const engine = new EngineSession();
  try {
    await writeSyntheticCsv(join(dir, 'data.csv'), { rows: cells, cols: genes, classes: 10, seed: 1 });
    await writeSyntheticCsv(join(dir, 'query.csv'), {
      rows: projectedCells,
      cols: genes,
      classes: 10,
      seed: 2,
    });
    writeMetadata(join(dir, 'meta.csv'), cells);
    writeMetadata(join(dir, 'query-meta.csv'), projectedCells);
    stage('tables written');
    await engine.openFile({ kind: 'path', path: join(dir, 'data.csv') });
    await engine.openMetadata({ kind: 'path', path: join(dir, 'meta.csv') });
    stage('opened');
    const done = finished(engine);
    await engine.startTraining({ labelColumn: 'label', epochs: 1, stepsPerEpoch: steps, snapshotEvery: 0 });
    await done;
    stage('trained');
    // the page asks for them after every run: not a cost of saving
    await engine.runPredictions();
    stage('predicted');
    const projected = await engine.embedFile(
      { kind: 'path', path: join(dir, 'query.csv') },
      {},
      { kind: 'path', path: join(dir, 'query-meta.csv') },
    );
    stage('projected');
    const categories = Array.from({ length: 10 }, (_, k) => `type${k}`);
    // every tenth cell relabelled, the others kept: edits are one int32 a cell whatever their number
    const codes = Int32Array.from({ length: cells }, (_, r) => (r % 10 === 0 ? (r / 10) % 10 : r % 10));
    const editedLabels = { column: 'label_edited', source: 'label', categories, codes };
    const selection = Int32Array.from({ length: cells >> 1 }, (_, i) => 2 * i);
    const load1 = Number(loadavg()[0].toFixed(2));
    const save = await timed(() =>
      engine.saveSession({
        editedLabels,
        selection,
        view: null,
        projected: { projectionId: projected.projectionId },
      }),
    );
    const file = join(dir, 'size.tripletlens');
    writeFileSync(file, save.value.bytes);
    const reopen = await timed(() => engine.openSession({ kind: 'path', path: file }));
    const bytes = statSync(file).size;
    const entries = zipEntries(save.value.bytes);
    console.log(
      JSON.stringify({
        cells,
        projectedCells,
        genes,
        steps,
        load1,
        sessionBytes: bytes,
        bytesPerCell: Number((bytes / cells).toFixed(1)),
        save: { wallS: save.wallS, cpuS: save.cpuS },
        reopen: { wallS: reopen.wallS, cpuS: reopen.cpuS, status: reopen.value.inputStatus },
        entries,
      }),
    );
  } finally {
    engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

void run().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
