/**
 * What the fsync of OutputSet's commit costs: `--repeats` commits of a copy of the model folder `--model`
 * (what `train --model DIR` writes) through OutputSet as it is (every file and folder fsynced before the
 * rename), against the same commits with each handle's sync made a no-op. Wall and CPU milliseconds per
 * commit of this process, alternating the two twice; the folder is written under `--dir` (default the
 * system's temporary folder: give a folder on the disk you care about). By hand:
 * `npx tsx bench/output-sync.ts --model model` (not in `npm run bench`).
 */
import * as fs from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { OutputSet, type OutputFs } from '../src/util/output-set.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    dir: { type: 'string', default: tmpdir() },
    repeats: { type: 'string', default: '20' },
  },
});
if (!values.model)
  throw new Error('--model DIR (a model folder saved by tripletlens train --model) is required');
const source = values.model;
const repeats = Number(values.repeats);
const files = readdirSync(source, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => {
    const path = join(e.parentPath, e.name);
    return { rel: path.slice(source.length + 1), data: readFileSync(path) };
  });

/** node:fs/promises with every file handle's sync a no-op: the commit as it was before the fsync. */
const noSync: OutputFs = {
  ...fs,
  open: (async (path: string, flags?: string) => {
    const handle = await fs.open(path, flags);
    handle.sync = async () => undefined;
    return handle;
  }) as OutputFs['open'],
};

async function commit(calls: OutputFs | undefined, dest: string): Promise<void> {
  const outputs = new OutputSet(calls);
  outputs.declare('--model', dest, 'folder');
  outputs.stage(dest, async (temp) => {
    for (const { rel, data } of files) {
      await fs.mkdir(join(temp, rel, '..'), { recursive: true });
      await fs.writeFile(join(temp, rel), data);
    }
  });
  await outputs.commit();
}

const dir = await fs.mkdtemp(join(values.dir, 'tl-output-sync-'));
try {
  const bytes = files.reduce((sum, f) => sum + f.data.length, 0);
  const order: [string, OutputFs | undefined][] = [
    ['fsync', undefined],
    ['no fsync', noSync],
    ['fsync', undefined],
    ['no fsync', noSync],
  ];
  for (const [name, calls] of order) {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < repeats; i++) await commit(calls, join(dir, 'model'));
    const used = process.cpuUsage(cpu);
    console.log(
      JSON.stringify({
        commit: name,
        files: files.length,
        bytes,
        wallMs: +((performance.now() - wall) / repeats).toFixed(1),
        cpuMs: +((used.user + used.system) / repeats / 1000).toFixed(1),
        load1: +loadavg()[0].toFixed(1),
      }),
    );
  }
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
