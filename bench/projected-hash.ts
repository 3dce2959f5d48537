/**
 * Project another file on a large file, in process (EngineSession, as the engine worker runs it): how much of
 * `embedFile`'s time is the second read of the projected file that takes its SHA-256 (the session record,
 * `EmbedResult.file`), against the whole call. Trains a map on `--train` (a small file with the same genes,
 * label column `--label`), then `--repeats` times projects `--file` and, apart, hashes it as the call does
 * (sha256OfFile). Wall and CPU seconds of this process (its worker threads included); the file is read from the
 * page cache after the first call. Prints one JSON line. Make the files with
 * `bench/sparse/make_counts.py OUT.h5ad --cells 100000 --genes 5000` (and `--cells 2000` for the map), then
 * `npx tsx bench/projected-hash.ts --train t2k.h5ad --file q100k.h5ad` (by hand, not in `npm run bench`).
 */
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sha256OfFile } from '../src/engine/run-report.js';
import { EngineSession } from '../src/engine/session.js';
import { outcome } from '../test/engine/session-outcome.js';

const { values } = parseArgs({
  options: {
    train: { type: 'string' },
    file: { type: 'string' },
    label: { type: 'string', default: 'cell_type' },
    repeats: { type: 'string', default: '2' },
  },
});
if (!values.train || !values.file) throw new Error('--train and --file are needed');
const file = values.file;

/** Wall and CPU seconds of `run`. */
async function timed<T>(run: () => Promise<T>): Promise<{ wallS: number; cpuS: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const cpu = process.cpuUsage(cpu0);
  return {
    wallS: Number(((performance.now() - t0) / 1000).toFixed(2)),
    cpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    value,
  };
}

async function main(): Promise<void> {
  const session = new EngineSession();
  try {
    await session.openFile({ kind: 'path', path: values.train ?? '' });
    const done = outcome(session);
    await session.startTraining({ labelColumn: values.label, epochs: 2, snapshotEvery: 0 });
    await done;
    const runs = [];
    for (let i = 0; i < Number(values.repeats); i++) {
      const load1 = Number(loadavg()[0].toFixed(2));
      const embed = await timed(() => session.embedFile({ kind: 'path', path: file }));
      const hash = await timed(() => sha256OfFile(file));
      const entry = {
        load1,
        cells: embed.value.ids.length,
        embedWallS: embed.wallS,
        embedCpuS: embed.cpuS,
        hashWallS: hash.wallS,
        hashCpuS: hash.cpuS,
      };
      runs.push(entry);
      console.error(JSON.stringify(entry));
    }
    console.log(JSON.stringify({ file, bytes: statSync(file).size, runs }));
  } finally {
    session.dispose();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
