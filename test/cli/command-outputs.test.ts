// The inputs a command protects include the files a MatrixMarket dataset is made of: an output written over
// a Cell Ranger folder's matrix, barcodes or features file (or a plain .mtx's name files) is refused (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { commitOutputs, importInputs, prepareOutputs } from '../../src/cli/command-outputs.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { exitCodeFor } from '../../src/cli/main.js';
import { processAlive } from '../../src/util/output-leftovers.js';
import { sibling } from '../../src/util/sibling-name.js';
import { packageRoot } from '../../src/util/paths.js';
import { runCli, spawnCli, tempDir } from './helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

async function refusal(input: string, out: string): Promise<string> {
  try {
    await prepareOutputs('embed', await importInputs(input, {}), [{ option: '--out', path: out }]);
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err.message;
  }
  assert.fail(`--out ${out} was accepted for the input ${input}`);
}

test('an output over a file of a Cell Ranger folder (given as the folder or its matrix) is refused', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const folder = join(dir, 'tenx');
    await cp(join(FORMATS, 'tenx_v3'), folder, { recursive: true });
    for (const member of ['matrix.mtx.gz', 'barcodes.tsv.gz', 'features.tsv.gz']) {
      assert.match(await refusal(folder, join(folder, member)), new RegExp(`${member}.*give --out`));
      assert.match(await refusal(join(folder, 'matrix.mtx.gz'), join(folder, member)), /give --out/);
    }
    const plain = join(dir, 'plain');
    await cp(join(FORMATS, 'plain'), plain, { recursive: true });
    for (const member of ['cells.barcodes.tsv', 'cells.genes.tsv']) {
      assert.match(await refusal(join(plain, 'cells.mtx'), join(plain, member)), /give --out/);
    }
    // a new file inside the folder harms nothing
    await prepareOutputs('embed', await importInputs(folder, {}), [
      { option: '--out', path: join(folder, 'coords.csv') },
    ]);
  } finally {
    await cleanup();
  }
});

test('train refuses --out over the matrix of the folder it reads and leaves the matrix intact', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const folder = join(dir, 'tenx');
    await cp(join(FORMATS, 'tenx_v3'), folder, { recursive: true });
    const matrix = join(folder, 'matrix.mtx.gz');
    const before = await readFile(matrix);
    const meta = join(FORMATS, 'cells_meta.csv');
    const result = await runCli([
      'train',
      folder,
      '--label',
      'cell_type',
      '--meta-file',
      meta,
      '--out',
      matrix,
    ]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /matrix\.mtx\.gz/);
    assert.deepEqual(await readFile(matrix), before);
  } finally {
    await cleanup();
  }
});

// A user audit: Ctrl-C while train wrote a 137 MB .h5ad ended the process at once and left the half-written
// hidden temporary (.big.h5ad.tmp-…) beside the old file.
test('Ctrl-C (SIGINT) while the outputs are written cancels the commit: the old file stays, no temporary is left', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const out = join(dir, 'coords.csv');
    await writeFile(out, 'old coordinates');
    const outputs = await prepareOutputs('train', [], [{ option: '--out', path: out }]);
    const listeners = process.listenerCount('SIGINT');
    let listenersAfterCtrlC = -1;
    outputs.stage(out, async (temp) => {
      await writeFile(temp, 'half of the new coordi');
      process.emit('SIGINT', 'SIGINT');
      listenersAfterCtrlC = process.listenerCount('SIGINT');
      await writeFile(temp, 'new coordinates');
    });
    await assert.rejects(commitOutputs(outputs), { code: 'ECANCELED', message: /cancelled \(Ctrl-C\)/ });
    assert.equal(await readFile(out, 'utf8'), 'old coordinates');
    assert.deepEqual(await readdir(dir), ['coords.csv']);
    assert.equal(process.listenerCount('SIGINT'), listeners, 'the Ctrl-C handler is removed again');
    // A user audit: the handler stayed during a long .h5ad write, so further Ctrl-Cs were swallowed.
    assert.equal(
      listenersAfterCtrlC,
      listeners,
      'a second Ctrl-C meets Node default handler and force-quits',
    );
  } finally {
    await cleanup();
  }
});

// A headless audit: `kill`/`timeout`/Slurm's SIGTERM while train wrote its .h5ad ended the process at once,
// leaving the half-written hidden temporary (.coords.h5ad.tmp-…) beside the old file, with exit 143 and no word.
test('SIGTERM while the outputs are written cancels the commit as Ctrl-C does, and exits with 143', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const out = join(dir, 'coords.csv');
    await writeFile(out, 'old coordinates');
    const outputs = await prepareOutputs('train', [], [{ option: '--out', path: out }]);
    const listeners = process.listenerCount('SIGTERM');
    outputs.stage(out, async (temp) => {
      await writeFile(temp, 'half of the new coordi');
      process.emit('SIGTERM', 'SIGTERM');
      await writeFile(temp, 'new coordinates');
    });
    const err: unknown = await commitOutputs(outputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof Error, 'the commit was cancelled');
    assert.match(
      err.message,
      /cancelled \(SIGTERM\); nothing was written and the previous --out is unchanged$/,
    );
    assert.equal(exitCodeFor(err), 143);
    assert.equal(await readFile(out, 'utf8'), 'old coordinates');
    assert.deepEqual(await readdir(dir), ['coords.csv']);
    assert.equal(process.listenerCount('SIGTERM'), listeners, 'the SIGTERM handler is removed again');
  } finally {
    await cleanup();
  }
});

// A walkthrough: a run killed between moving coords.csv aside and renaming the new one into place left the
// user's previous output as .coords.csv.old-…; the next run put it back without a word.
test('a previous output a killed run had left aside is put back, and said once on a note: line', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const out = join(dir, 'coords.csv');
    const pid = spawnSync(process.execPath, ['-e', '']).pid;
    assert.ok(pid && !processAlive(pid), 'the writer has ended');
    const aside = sibling(out, 'old', pid);
    await writeFile(aside, 'previous coords');
    const said: string[] = [];
    await prepareOutputs('embed', [], [{ option: '--out', path: out }], (line) => said.push(line));
    assert.equal(await readFile(out, 'utf8'), 'previous coords');
    assert.deepEqual(said, [
      `note: ${out} was put back: a write killed while replacing it (a crash, kill -9, a power cut) had left its previous content aside as ${basename(aside)}, the only copy.\n`,
    ]);
    // nothing to put back: nothing said
    const again: string[] = [];
    await prepareOutputs('embed', [], [{ option: '--out', path: out }], (line) => again.push(line));
    assert.deepEqual(again, []);
  } finally {
    await cleanup();
  }
});

// A data engineer's script: `train` of a file with a long name (no --out) was refused as "cannot write --out
// …: the path is too long", naming an option they never gave and could not shorten.
test('an output named after a long input name says where its name came from and which option chooses another', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    // a valid 250-character name whose outputs' names, `<stem>.coords.csv` and `<stem>.embedded.csv`, are not
    const input = join(dir, `${'a'.repeat(246)}.csv`);
    await cp(join(FORMATS, 'cells.csv'), input);
    const made = "made from the input's name";
    for (const [argv, name] of [
      [['train', input, '--label', 'cell_type'], `${'a'.repeat(246)}.coords.csv`],
      [['embed', input, '--model', join(dir, 'model')], `${'a'.repeat(246)}.embedded.csv`],
    ] as const) {
      const result = spawnCli([...argv], dir);
      assert.equal(result.code, 1, result.stderr);
      const path = join(dir, name);
      assert.equal(
        result.stderr,
        `tripletlens ${argv[0]}: cannot write ${path} (${made}; no --out was given): the path is too long; give --out to choose a shorter one\n`,
      );
    }
    // the report is named after --out when only --out is given
    const out = join(dir, `${'b'.repeat(250)}.csv`);
    const result = spawnCli(['train', input, '--label', 'cell_type', '--out', out], dir);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(
      result.stderr,
      `tripletlens train: cannot write ${join(dir, `${'b'.repeat(250)}.run.json`)} (made from --out's name; no --report was given): the path is too long; give --report to choose a shorter one\n`,
    );
    assert.deepEqual(await readdir(dir), [basename(input)], 'nothing written');
  } finally {
    await cleanup();
  }
});

// The same engineer's `train cells.run.json --out cells.csv` was told "the input FILE and --report are the same
// path": they had given no --report; the clash names the output made from --out's name as such.
test("a clash with an output made from the input's name names it so, and the option that moves it", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const input = join(dir, 'cells.run.json');
    await cp(join(FORMATS, 'cells.csv'), input);
    const same = spawnCli(['train', input, '--label', 'cell_type', '--out', join(dir, 'cells.csv')], dir);
    assert.equal(same.code, 2, same.stderr);
    assert.equal(
      same.stderr,
      `tripletlens train: the input FILE and the output made from --out's name (no --report was given) are the same path (${input}); give --report a different path\n`,
    );
    // the current folder as --model: the output named after the input would be inside the folder replaced
    const work = join(dir, 'work');
    await mkdir(work);
    const cells = join(dir, 'cells.csv');
    await cp(join(FORMATS, 'cells.csv'), cells);
    const inside = spawnCli(['train', cells, '--label', 'cell_type', '--model', '.'], work);
    assert.equal(inside.code, 2, inside.stderr);
    assert.equal(
      inside.stderr,
      `tripletlens train: the output ${join(work, 'cells.coords.csv')} (made from the input's name; no --out was given) is inside the --model folder (${work}), which train replaces as a whole; give --out a path outside it\n`,
    );
  } finally {
    await cleanup();
  }
});
