/**
 * What tidying a killed writer's leftovers costs a run's outputs (output-leftovers.ts reads the outputs'
 * folder): `--repeats` times, a run's three outputs (coords.csv, run.json and a model folder of one file)
 * checked (checkWritable) and committed through one OutputSet, in a folder that also holds `--files` other
 * files. Wall and CPU milliseconds per run of this process. Run it in a checkout before the tidying for the
 * comparison. By hand: `npx tsx bench/output-tidy.ts --files 100000` (not in `npm run bench`).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { OutputSet } from '../src/util/output-set.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '100000' },
    repeats: { type: 'string', default: '10' },
  },
});
const dir = await mkdtemp(join(tmpdir(), 'tl-bench-tidy-'));
try {
  for (let i = 0; i < Number(values.files); i++) await writeFile(join(dir, `cell_${i}.csv`), '');
  const paths = { out: join(dir, 'coords.csv'), report: join(dir, 'run.json'), model: join(dir, 'model') };
  const cpu = process.cpuUsage();
  const start = performance.now();
  const repeats = Number(values.repeats);
  for (let r = 0; r < repeats; r++) {
    const outputs = new OutputSet();
    outputs.declare('--out', paths.out);
    outputs.declare('--report', paths.report);
    outputs.declare('--model', paths.model, 'folder');
    await outputs.checkWritable();
    outputs.stage(paths.out, (temp) => writeFile(temp, 'x,y\n'));
    outputs.stage(paths.report, (temp) => writeFile(temp, '{}\n'));
    outputs.stage(paths.model, async (temp) => {
      await mkdir(temp, { recursive: true });
      await writeFile(join(temp, 'model.json'), '{}\n');
    });
    await outputs.commit();
  }
  const used = process.cpuUsage(cpu);
  const wallMs = (performance.now() - start) / repeats;
  const cpuMs = (used.user + used.system) / 1000 / repeats;
  console.log(JSON.stringify({ files: Number(values.files), wallMs, cpuMs, load1: loadavg()[0] }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
