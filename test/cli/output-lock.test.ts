/**
 * Two real `tripletlens train` processes writing the same outputs: the second refuses before it starts
 * work, and the first's outputs are whole and all its own; a SIGTERM releases the lock. The runs are kept in
 * step by their progress lines and SIGSTOP/SIGCONT, never by waiting a while.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';
import { lockOutputs } from '../../src/util/output-lock.js';
import { parseCsv, runCli, tempDir } from './helpers.js';

/** A table of three well-separated classes, small enough to train in seconds. */
async function tinyCsv(dir: string): Promise<{ file: string; cells: number }> {
  const lines = ['cell,label,g1,g2,g3,g4'];
  let cells = 0;
  for (let cls = 0; cls < 3; cls++) {
    for (let c = 0; c < 15; c++) {
      const genes = Array.from({ length: 4 }, (_, g) =>
        ((g === cls ? 5 : 0) + ((c * 7 + g * 3) % 5) / 4).toFixed(2),
      );
      lines.push([`c${cls}_${c}`, `t${cls}`, ...genes].join(','));
      cells++;
    }
  }
  const file = join(dir, 'tiny.csv');
  await writeFile(file, `${lines.join('\n')}\n`);
  return { file, cells };
}

interface Run {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves once stderr has a line matching `pattern`. */
  said: (pattern: RegExp) => Promise<void>;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The runs a test started, killed by `endRuns` if a failed assertion left one running (or stopped). */
const started: ChildProcess[] = [];

function endRuns(): void {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** `tripletlens ...argv` as a child process, its stderr followed line by line. */
function start(argv: string[], cwd: string): Run {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'tripletlens.js'), ...argv], {
    cwd,
    env: { ...process.env, TRIPLETLENS_DEBUG: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  let text = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    text += chunk;
    for (const w of waiting.filter((w) => w.pattern.test(text))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const said = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(text)) return resolve();
      waiting.push({ pattern, resolve });
      void ended.then(() => reject(new Error(`ended without ${String(pattern)}:\n${text}`)));
    });
  return { child, stderr: () => text, said, ended };
}

test('a second train with the same --out refuses before any work, naming the first; the first writes all its outputs', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { file, cells } = await tinyCsv(dir);
    const out = join(dir, 'results', 'coords.csv');
    const args = (seed: string) => [
      'train',
      file,
      '--label',
      'label',
      '--epochs',
      '3',
      '--seed',
      seed,
      '--out',
      out,
      '--model',
      join(dir, 'results', 'model'),
    ];
    const first = start(args('1'), dir);
    // the first has checked and locked its outputs and started reading: held there while the second runs
    await first.said(/^reading /m);
    first.child.kill('SIGSTOP');
    const second = start(args('2'), dir);
    const refused = await second.ended;
    first.child.kill('SIGCONT');
    assert.equal(refused.code, 1, second.stderr());
    const message = second.stderr();
    assert.ok(
      message.includes(
        `tripletlens train: cannot write --out ${out}: another TripletLens run is writing it now: pid ${first.child.pid} on this machine (tripletlens train ${file} --label label --epochs 3 --seed 1 --out ${out}`,
      ),
      message,
    );
    assert.match(
      message,
      /started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\. Nothing was done: wait for that run to finish, or give --out another path/,
    );
    // refused before it read the data, let alone trained
    assert.doesNotMatch(message, /^reading |^epoch /m);

    const done = await first.ended;
    assert.equal(done.code, 0, first.stderr());
    const rows = parseCsv(await readFile(out, 'utf8'));
    assert.equal(rows.length, cells + 1);
    const report = JSON.parse(await readFile(join(dir, 'results', 'coords.run.json'), 'utf8')) as {
      seed: number;
    };
    assert.equal(report.seed, 1);
    const model = JSON.parse(await readFile(join(dir, 'results', 'model', 'model.json'), 'utf8')) as {
      metrics: unknown;
    };
    const runMetrics = (
      JSON.parse(await readFile(join(dir, 'results', 'coords.run.json'), 'utf8')) as { metrics: unknown }
    ).metrics;
    assert.deepEqual(model.metrics, runMetrics);
    // nothing of either run's is left beside the outputs: no lock, no temporary
    assert.deepEqual((await readdir(join(dir, 'results'))).sort(), [
      'coords.csv',
      'coords.run.json',
      'model',
    ]);
  } finally {
    endRuns();
    await cleanup();
  }
});

test('SIGTERM during training releases the locks (exit 143)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { file } = await tinyCsv(dir);
    const out = join(dir, 'results', 'coords.csv');
    const args = [
      'train',
      file,
      '--label',
      'label',
      '--epochs',
      '100000',
      '--patience',
      '0',
      '--max-steps',
      '0',
      '--out',
      out,
    ];
    const run = start(args, dir);
    await run.said(/^epoch /m);
    assert.deepEqual((await readdir(join(dir, 'results'))).sort(), [
      '.coords.csv.lock',
      '.coords.run.json.lock',
    ]);
    run.child.kill('SIGTERM');
    const ended = await run.ended;
    assert.equal(ended.code, 143, run.stderr());
    assert.deepEqual(await readdir(dir), ['tiny.csv']);
  } finally {
    endRuns();
    await cleanup();
  }
});

test('SIGTERM while the data is read, before training, releases the lock too', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { file } = await tinyCsv(dir);
    const out = join(dir, 'coords.csv');
    const run = start(['train', file, '--label', 'label', '--epochs', '2', '--out', out], dir);
    await run.said(/^reading /m);
    run.child.kill('SIGSTOP');
    assert.ok((await readdir(dir)).includes('.coords.csv.lock'));
    run.child.kill('SIGTERM');
    run.child.kill('SIGCONT');
    const ended = await run.ended;
    // stopped as the signal ends it wherever it lands: by the signal itself, or the run's clean stop (143)
    assert.ok(ended.signal === 'SIGTERM' || ended.code === 143, `${JSON.stringify(ended)}\n${run.stderr()}`);
    assert.deepEqual(await readdir(dir), ['tiny.csv']);
  } finally {
    endRuns();
    await cleanup();
  }
});

test('embed into an --out another run is writing refuses before loading the model, naming that run', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { file } = await tinyCsv(dir);
    const out = join(dir, 'tiny.embedded.csv');
    const lock = await lockOutputs([{ path: out, what: out, advice: 'wait' }], {
      command: `tripletlens train ${file} --out ${out}`,
    });
    try {
      // no model there: the refusal comes first, before the model folder is even looked at
      const r = await runCli(['embed', file, '--model', join(dir, 'no-model'), '--out', out]);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(
        r.stderr.startsWith(
          `tripletlens embed: cannot write --out ${out}: another TripletLens run is writing it now: pid ${process.pid} on this machine (tripletlens train ${file} --out ${out}), started `,
        ),
        r.stderr,
      );
      assert.ok(r.stderr.includes('or give --out another path'), r.stderr);
    } finally {
      lock.release();
    }
    assert.deepEqual(await readdir(dir), ['tiny.csv']);
  } finally {
    endRuns();
    await cleanup();
  }
});
