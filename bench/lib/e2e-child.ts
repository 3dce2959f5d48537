/**
 * One end-to-end `tripletlens train` run (issue 15 goal 2) in its own process, through the CLI's own `main`
 * with an injected CliIo: the CLI itself runs (import → preprocess → train → embed → metrics → coordinates
 * and report written), while this wrapper notes the wall and CPU time (process.cpuUsage: every thread of the
 * process, worker threads included) at each stage line the CLI prints. Its io says stderr is a terminal, so
 * the CLI draws its progress bar; the first bar marks the first training step, which splits the trainer's
 * set-up (the input-space neighbour search, model set-up) from its steps.
 * Usage: e2e-child.ts CLI_ARGS_JSON. Prints one JSON line: the phases and the run report.
 */
import { readFile } from 'node:fs/promises';
import { main } from '../../src/cli/main.js';

/** One mark: what the CLI printed and when (ms since start, CPU ms since start). */
interface Mark {
  what: string;
  wallMs: number;
  cpuMs: number;
}

const STAGES: Record<string, string> = {
  'preprocessing…': 'preprocess',
  'splitting off the hold-out cells…': 'split',
  'training…': 'train',
  'embedding every cell…': 'embed',
  'computing quality metrics…': 'metrics',
  'writing the report…': 'report',
};

async function run(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '[]') as string[];
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const marks: Mark[] = [];
  const mark = (what: string): void => {
    const used = process.cpuUsage(cpu0);
    const m = { what, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
    marks.push(m);
    // also streamed at once, so a run stopped by the harness's time limit still shows its finished phases
    console.log(JSON.stringify({ mark: m }));
  };
  let firstStepElapsedMs: number | null = null;
  const code = await main(args, {
    stdout: (text) => process.stderr.write(text),
    stderr: (text) => {
      for (const line of text.split('\n')) {
        const stage = STAGES[line.trim()];
        if (stage) mark(stage);
        // the first progress bar: the trainer's first step is done ('elapsed' counts from its first step)
        const bar = /elapsed ([\d.]+)s/.exec(line);
        if (bar && firstStepElapsedMs === null) {
          firstStepElapsedMs = Number(bar[1]) * 1000;
          console.log(JSON.stringify({ firstStepElapsedMs }));
          mark('first-step');
        }
      }
    },
    stderrIsTty: true,
  });
  mark('end');
  const reportAt = args.indexOf('--report');
  const report: unknown =
    code === 0 && reportAt >= 0 ? JSON.parse(await readFile(args[reportAt + 1], 'utf8')) : null;
  console.log(JSON.stringify({ code, marks, firstStepElapsedMs, report }));
}

run().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
