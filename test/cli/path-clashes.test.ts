import { test } from 'node:test';
import assert from 'node:assert/strict';
import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkPathClashes, type CommandPath } from '../../src/cli/path-clashes.js';
import { UsageError } from '../../src/cli/usage-error.js';

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-clash-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const input = (path: string, kind: 'file' | 'folder' = 'file'): CommandPath => ({
  option: 'the input FILE',
  path,
  role: 'input',
  kind,
});
const output = (option: string, path: string, kind: 'file' | 'folder' = 'file'): CommandPath => ({
  option,
  path,
  role: 'output',
  kind,
});

async function clash(paths: CommandPath[]): Promise<string | undefined> {
  try {
    await checkPathClashes('train', paths);
    return undefined;
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err.message;
  }
}

test('an output equal to an input or another output is refused, naming both options and the path', async () => {
  await withDir(async (dir) => {
    const data = join(dir, 'data.csv');
    await writeFile(data, 'id,label,g\n');
    assert.equal(
      await clash([input(data), output('--out', data)]),
      `tripletlens train: the input FILE and --out are the same path (${data}); give --out a different path`,
    );
    const out = join(dir, 'coords.csv');
    assert.equal(
      await clash([input(data), output('--out', out), output('--report', out)]),
      `tripletlens train: --out and --report are the same path (${out}); give --report a different path`,
    );
    // spelled differently: relative, with '..', through a symlinked folder, a symlink, a hard link
    await mkdir(join(dir, 'sub'));
    await symlink(dir, join(dir, 'via'));
    await symlink(data, join(dir, 'alias.csv'));
    await link(data, join(dir, 'hard.csv'));
    for (const spelling of [
      relative(process.cwd(), data),
      join(dir, 'sub', '..', 'data.csv'),
      join(dir, 'via', 'data.csv'),
      join(dir, 'alias.csv'),
      join(dir, 'hard.csv'),
    ]) {
      assert.match((await clash([input(data), output('--report', spelling)])) ?? '', /same path/, spelling);
    }
    // a not-yet-existing output under a symlinked folder is compared by its real location
    assert.match(
      (await clash([
        input(data),
        output('--out', join(dir, 'new.csv')),
        output('--report', join(dir, 'via', 'new.csv')),
      ])) ?? '',
      /--out and --report are the same path/,
    );
  });
});

// A dangling --out link is written through (the file it names is created): an output it names is the same path.
test('a dangling link is compared by the file it names: another output there, or a folder output around it', async () => {
  await withDir(async (dir) => {
    const report = join(dir, 'run.json');
    await symlink('run.json', join(dir, 'out.csv')); // dangling: run.json does not exist yet
    assert.equal(
      await clash([output('--out', join(dir, 'out.csv')), output('--report', report)]),
      `tripletlens train: --out and --report are the same path (${report}); give --report a different path`,
    );
    await symlink(join('model', 'coords.csv'), join(dir, 'into-model.csv'));
    assert.match(
      (await clash([
        output('--out', join(dir, 'into-model.csv')),
        output('--model', join(dir, 'model'), 'folder'),
      ])) ?? '',
      /--out \(.*coords\.csv\) is inside the --model folder/,
    );
    await symlink('loop.csv', join(dir, 'loop.csv'));
    assert.equal(
      await clash([output('--out', join(dir, 'loop.csv')), output('--report', report)]),
      undefined,
    );
  });
});

test('nothing may sit inside a folder output, and no output inside a folder input', async () => {
  await withDir(async (dir) => {
    const model = join(dir, 'model');
    const data = join(dir, 'data.csv');
    assert.equal(
      await clash([
        input(data),
        output('--report', join(model, 'run.json')),
        output('--model', model, 'folder'),
      ]),
      `tripletlens train: --report (${join(model, 'run.json')}) is inside the --model folder (${model}), which train replaces as a whole; give --report a path outside it`,
    );
    assert.match(
      (await clash([input(join(model, 'data.csv')), output('--model', model, 'folder')])) ?? '',
      /the input FILE \(.*\) is inside the --model folder .* give --model a path outside it/,
    );
    const reads: CommandPath = { option: '--model', path: model, role: 'input', kind: 'folder' };
    assert.equal(
      await clash([reads, output('--out', join(model, 'model.json'))]),
      undefined,
      'nothing there yet',
    );
    await mkdir(model);
    await writeFile(join(model, 'model.json'), '{}');
    assert.match(
      (await clash([reads, output('--out', join(model, 'model.json'))])) ?? '',
      /--out \(.*model\.json\) is inside the --model folder .*which train reads/,
    );
  });
});

test('distinct paths pass, and two inputs may be the same file', async () => {
  await withDir(async (dir) => {
    const data = join(dir, 'data.csv');
    assert.equal(
      await clash([
        input(data),
        { option: '--meta-file', path: data, role: 'input' },
        output('--out', join(dir, 'data.coords.csv')),
        output('--report', join(dir, 'data.run.json')),
        output('--model', join(dir, 'data-model'), 'folder'),
        output('--other', join(dir, 'model', 'x')),
      ]),
      undefined,
    );
  });
});
