/**
 * CPU seconds of a process tree from /proc (Linux), for benchmarks on a shared machine, where wall time grows
 * with the other work and CPU time much less. The tree is found by scanning every /proc/PID/stat for its parent
 * pid: /proc/PID/task/PID/children lists only the children of a process's main thread (a child forked from
 * another thread — Node's worker threads, Chromium's launcher — is missed) and needs CONFIG_PROC_CHILDREN.
 * One helper for bench/ui.ts (Chromium under this process) and bench/lib/serve-api.ts (serve and its worker).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Clock ticks a second in /proc's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** One process's parent and CPU ticks (user + system) from its /proc/PID/stat line, or null when malformed. */
export function parseProcStat(line: string): { ppid: number; ticks: number } | null {
  // the command, field 2, is in parentheses and may hold spaces and ')': the fields after the last ')'
  const close = line.lastIndexOf(')');
  if (close < 0) return null;
  const f = line.slice(close + 2).split(' ');
  // from field 3: state(3) ppid(4) … utime(14) stime(15)
  const ppid = Number(f[1]);
  const ticks = Number(f[11]) + Number(f[12]);
  return Number.isInteger(ppid) && Number.isFinite(ticks) ? { ppid, ticks } : null;
}

/** Options of {@link treeCpuSeconds}. */
export interface TreeCpuOptions {
  /** Count `root`'s own CPU too. Default true (false: its descendants only, e.g. the browser this process started). */
  withRoot?: boolean;
  /** Where the process files are. Default '/proc' (a test gives a folder of its own). */
  procDir?: string;
}

/**
 * CPU seconds (user + system) used so far by process `root` and its running descendants. NaN when `procDir`
 * cannot be listed (no /proc: not Linux); a process that ends while it is read is left out.
 */
export function treeCpuSeconds(root: number, options: TreeCpuOptions = {}): number {
  const { withRoot = true, procDir = '/proc' } = options;
  let pids: string[];
  try {
    pids = readdirSync(procDir).filter((e) => /^\d+$/.test(e));
  } catch {
    return NaN;
  }
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    let line: string;
    try {
      line = readFileSync(join(procDir, pid, 'stat'), 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    const stat = parseProcStat(line);
    if (stat === null) continue;
    parent.set(Number(pid), stat.ppid);
    ticks.set(Number(pid), stat.ticks);
  }
  const inTree = (pid: number): boolean => {
    if (pid === root) return withRoot;
    // bounded by the process count: a pid reused as its own ancestor cannot loop
    let p = parent.get(pid);
    for (let hops = 0; p !== undefined && p > 0 && hops <= parent.size; hops++, p = parent.get(p)) {
      if (p === root) return true;
    }
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (inTree(pid)) total += t;
  return total / TICKS_PER_SECOND;
}
