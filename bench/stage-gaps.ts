/**
 * By hand: the silent stretches of a CLI command — each stderr line stamped with the wall seconds, the command's
 * CPU seconds (its process tree, /proc) and the 1-minute load average, then the longest gaps between lines up
 * to the first training line ('epoch …'), where the command is stopped unless ALL=1. For the 10⁵-cell files of
 * `sparse/make_walk_100k.py`: `npx tsx bench/stage-gaps.ts -- train /tmp/walk100k/atlas100k.h5ad --label
 * cell_type --out /tmp/x.coords.csv` (TRIPLETLENS=path/to/bin/tripletlens.js to time another checkout's build).
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { treeCpuSeconds } from './lib/proc-cpu.js';

const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
const bin = process.env.TRIPLETLENS ?? new URL('../bin/tripletlens.js', import.meta.url).pathname;
const t0 = Date.now();
const child = spawn('nice', ['node', bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
const lines: { s: number; cpu: number; load: number; text: string }[] = [];
const stamp = (text: string) => {
  const row = { s: (Date.now() - t0) / 1000, cpu: treeCpuSeconds(child.pid!), load: loadavg()[0], text };
  lines.push(row);
  console.log(
    `${row.s.toFixed(1).padStart(6)} s  cpu ${row.cpu.toFixed(1).padStart(6)} s  load ${row.load.toFixed(1)}  ${text}`,
  );
  return row;
};
stamp('(started)');
const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
for await (const line of createInterface({ input: child.stderr! })) {
  stamp(line);
  if (/^(\[.*\] )?epoch \d/.test(line) && process.env.ALL !== '1') {
    child.kill('SIGINT');
    break;
  }
}
await done;
const gaps = lines
  .slice(1)
  .map((row, i) => ({ wall: row.s - lines[i].s, cpu: row.cpu - lines[i].cpu, after: lines[i].text }))
  .sort((a, b) => b.wall - a.wall)
  .slice(0, 5);
console.log('\nlongest silences (wall s / CPU s, after the line):');
for (const g of gaps)
  console.log(`  ${g.wall.toFixed(1)} / ${g.cpu.toFixed(1)}  after '${g.after.slice(0, 80)}'`);
