import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTmpfs } from './tmpfs.js';
import * as fs from 'node:fs/promises';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { OutputSet, sibling, type OutputFs } from '../../src/util/output-set.js';
import { WriteError } from '../../src/util/write-error.js';
import { withDir as withScratch } from './scratch.js';

const withDir = (run: (dir: string) => Promise<void>) => withScratch('tl-outputs-', run);

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path });
}

/** A run with a coordinates file, a report and a model folder, where `old` content already exists. */
async function seedOld(dir: string): Promise<{ out: string; report: string; model: string }> {
  const out = join(dir, 'coords.csv');
  const report = join(dir, 'run.json');
  const model = join(dir, 'model');
  await writeFile(out, 'old coords');
  await mkdir(model);
  await writeFile(join(model, 'model.json'), 'old model');
  return { out, report, model };
}

function declareAll(outputs: OutputSet, paths: { out: string; report: string; model: string }): void {
  outputs.declare('--out', paths.out);
  outputs.declare('--report', paths.report);
  outputs.declare('--model', paths.model, 'folder');
}

function stageAll(outputs: OutputSet, paths: { out: string; report: string; model: string }): void {
  outputs.stage(paths.out, (temp) => writeFile(temp, 'new coords'));
  outputs.stage(paths.report, (temp) => writeFile(temp, 'new report'));
  outputs.stage(paths.model, (temp) => writeFile(join(temp, 'model.json'), 'new model'));
}

async function assertOldIntact(dir: string, paths: { out: string; model: string }): Promise<void> {
  assert.equal(await readFile(paths.out, 'utf8'), 'old coords');
  assert.deepEqual(await readdir(paths.model), ['model.json']);
  assert.equal(await readFile(join(paths.model, 'model.json'), 'utf8'), 'old model');
  assert.deepEqual((await readdir(dir)).sort(), ['coords.csv', 'model'], 'no new file, no temporary');
}

test('commit writes files and a folder together, replacing the old ones, leaving nothing else', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const outputs = new OutputSet();
    declareAll(outputs, paths);
    await outputs.checkWritable();
    stageAll(outputs, paths);
    await outputs.commit();
    assert.equal(await readFile(paths.out, 'utf8'), 'new coords');
    assert.equal(await readFile(paths.report, 'utf8'), 'new report');
    assert.equal(await readFile(join(paths.model, 'model.json'), 'utf8'), 'new model');
    assert.deepEqual((await readdir(dir)).sort(), ['coords.csv', 'model', 'run.json']);
  });
});

test('a commit cancelled while an output is written finishes it, then removes every temporary and replaces nothing', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const outputs = new OutputSet();
    declareAll(outputs, paths);
    const controller = new AbortController();
    const written: string[] = [];
    outputs.stage(paths.out, async (temp) => {
      controller.abort(); // Ctrl-C arrives while the first output is written
      await writeFile(temp, 'new coords');
      written.push('--out');
    });
    outputs.stage(paths.report, async (temp) => {
      await writeFile(temp, 'new report');
      written.push('--report');
    });
    outputs.stage(paths.model, (temp) => writeFile(join(temp, 'model.json'), 'new model'));
    await assert.rejects(outputs.commit(controller.signal), (err: unknown) => {
      assert.ok(err instanceof WriteError, String(err));
      assert.equal(err.code, 'ECANCELED');
      assert.equal(
        err.message,
        `Cannot write --out ${paths.out}, --report ${paths.report}, --model ${paths.model}: cancelled (Ctrl-C); nothing was written and the previous --out and --model are unchanged`,
      );
      return true;
    });
    assert.deepEqual(written, ['--out'], 'the next output is not started');
    await assertOldIntact(dir, paths);
  });
});

// A first run stopped by Ctrl-C while it wrote was told "the previous files are unchanged": there were none.
test('a cancelled commit with no previous outputs says nothing was written, and promises no previous file', async () => {
  await withDir(async (dir) => {
    const paths = { out: join(dir, 'coords.csv'), report: join(dir, 'run.json'), model: join(dir, 'model') };
    const outputs = new OutputSet();
    declareAll(outputs, paths);
    stageAll(outputs, paths);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(outputs.commit(controller.signal), (err: unknown) => {
      assert.ok(err instanceof WriteError, String(err));
      assert.equal(err.code, 'ECANCELED');
      assert.equal(
        err.message,
        `Cannot write --out ${paths.out}, --report ${paths.report}, --model ${paths.model}: cancelled (Ctrl-C); nothing was written`,
      );
      return true;
    });
    assert.deepEqual(await readdir(dir), [], 'no file, no temporary');
  });
});

test('a writer that fails half-way leaves no new file and the old ones intact, naming the destination', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const outputs = new OutputSet();
    declareAll(outputs, paths);
    stageAll(outputs, paths);
    let temp = '';
    outputs.stage(paths.model, async (tempDir) => {
      temp = tempDir;
      await writeFile(join(tempDir, 'model.json'), 'half');
      throw errno('ENOSPC', join(tempDir, 'weights.bin'));
    });
    await assert.rejects(outputs.commit(), (err: Error) => {
      assert.ok(err instanceof WriteError);
      assert.equal(
        err.message,
        `Cannot write --model ${paths.model}: the disk is full (no space left on device); the previous --out and --model are unchanged`,
      );
      assert.equal(err.code, 'ENOSPC');
      assert.ok(!err.message.includes(temp));
      return true;
    });
    await assertOldIntact(dir, paths);
  });
});

test('a writer gets a temporary path beside the destination that keeps its extension', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'cells.h5ad');
    const outputs = new OutputSet();
    outputs.declare('--out', out);
    let temp = '';
    outputs.stage(out, async (path) => {
      temp = path;
      await writeFile(path, 'h5');
    });
    await outputs.commit();
    assert.equal(dirname(temp), dir);
    assert.equal(extname(temp), '.h5ad');
    assert.notEqual(temp, out);
    assert.deepEqual(await readdir(dir), ['cells.h5ad']);
  });
});

test('an error without an errno code names the destination instead of the temporary file', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const outputs = new OutputSet();
    outputs.declare('--out', out);
    outputs.stage(out, async (temp) => {
      throw new Error(`Refusing to write ${temp}: bad value`);
    });
    await assert.rejects(outputs.commit(), {
      message: `Cannot write --out ${out}: Refusing to write ${out}: bad value`,
    });
    assert.deepEqual(await readdir(dir), []);
  });
});

test('a rename failing part-way through the commit puts back every output already swapped in', async () => {
  for (const link of ['hard links', 'no hard links']) {
    await withDir(async (dir) => {
      const paths = await seedOld(dir);
      let renamesIntoPlace = 0;
      const faulty: OutputFs = {
        ...fs,
        link: link === 'hard links' ? fs.link : async () => Promise.reject(errno('EPERM', 'link')),
        rename: async (from, to) => {
          // the third output's move into place fails (after --out and --report were swapped in)
          if (String(from).includes('.tmp-') && ++renamesIntoPlace === 3) throw errno('EIO', String(from));
          return fs.rename(from, to);
        },
      };
      const outputs = new OutputSet(faulty);
      declareAll(outputs, paths);
      stageAll(outputs, paths);
      await assert.rejects(outputs.commit(), {
        message: new RegExp(`^Cannot write --model ${paths.model}: an input/output error`),
      });
      await assertOldIntact(dir, paths);
    });
  }
});

test('an ENOSPC from the fs while swapping a file keeps the old file (hard-linked copy restored)', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const faulty: OutputFs = {
      ...fs,
      rename: async (from, to) => {
        if (String(to) === paths.out && String(from).includes('.tmp-')) throw errno('ENOSPC', String(from));
        return fs.rename(from, to);
      },
    };
    const outputs = new OutputSet(faulty);
    declareAll(outputs, paths);
    stageAll(outputs, paths);
    await assert.rejects(outputs.commit(), {
      message: `Cannot write --out ${paths.out}: the disk is full (no space left on device); the previous --out and --model are unchanged`,
    });
    await assertOldIntact(dir, paths);
  });
});

test('folders the commit created for its outputs are removed again when it fails', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'new', 'deep', 'coords.csv');
    const outputs = new OutputSet();
    outputs.declare('--out', out);
    await outputs.checkWritable();
    assert.deepEqual(await readdir(dir), [], 'the check creates nothing');
    outputs.stage(out, async () => {
      throw errno('EDQUOT', out);
    });
    await assert.rejects(outputs.commit(), /disk quota is exceeded/);
    assert.deepEqual(await readdir(dir), []);
  });
});

test('checkWritable names the destination: a folder where a file goes, a file in the path, a read-only disk', async () => {
  await withDir(async (dir) => {
    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    const asFile = new OutputSet();
    asFile.declare('--out', folder);
    await assert.rejects(asFile.checkWritable(), {
      message: `Cannot write --out ${folder}: it is a folder, not a file`,
    });

    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const under = new OutputSet();
    under.declare('--report', join(file, 'sub', 'run.json'));
    await assert.rejects(under.checkWritable(), { message: new RegExp(`${file} is a file, not a folder`) });
    const asFolder = new OutputSet();
    asFolder.declare('--model', file, 'folder');
    await assert.rejects(asFolder.checkWritable(), {
      message: `Cannot write --model ${file}: it is a file, not a folder`,
    });

    const readOnly = new OutputSet({
      ...fs,
      open: async (path) => Promise.reject(errno('EROFS', String(path))),
    });
    readOnly.declare('--model', join(dir, 'model'), 'folder');
    await assert.rejects(readOnly.checkWritable(), {
      message: `Cannot write --model ${join(dir, 'model')}: the file system is read-only`,
    });
    assert.deepEqual((await readdir(dir)).sort(), ['a-file', 'a-folder'], 'no probe file left behind');
  });
});

test('a pipe or device at a file destination is refused, and neither checkWritable nor commit replaces it', async () => {
  await withDir(async (dir) => {
    const fifo = join(dir, 'run.json');
    execFileSync('mkfifo', [fifo]);
    const message = new RegExp(
      `^Cannot write --report ${fifo}: it is a device, pipe or socket, not a regular file`,
    );
    const checked = new OutputSet();
    checked.declare('--report', fifo);
    await assert.rejects(checked.checkWritable(), { message });

    const committed = new OutputSet();
    committed.declare('--report', fifo);
    committed.stage(fifo, (temp) => writeFile(temp, '{}'));
    await assert.rejects(committed.commit(), { message });
    assert.ok((await lstat(fifo)).isFIFO(), 'the pipe is still there, not replaced by a file');
    assert.deepEqual(await readdir(dir), ['run.json'], 'no temporary or probe file left behind');
  });
});

test('a real full disk (64 KiB tmpfs): the commit fails with a clear message and leaves the old files', async (t) => {
  await withDir(async (dir) => {
    await withTmpfs(t, dir, 'size=64k', async () => {
      const paths = await seedOld(dir);
      const outputs = new OutputSet();
      declareAll(outputs, paths);
      await outputs.checkWritable();
      outputs.stage(paths.out, (temp) => writeFile(temp, 'new coords'));
      outputs.stage(paths.report, (temp) => writeFile(temp, 'new report'));
      outputs.stage(paths.model, (temp) => writeFile(join(temp, 'weights.bin'), new Uint8Array(256 * 1024)));
      await assert.rejects(outputs.commit(), {
        message: `Cannot write --model ${paths.model}: the disk is full (no space left on device); the previous --out and --model are unchanged`,
      });
      await assertOldIntact(dir, paths);
    });
  });
});

test('a real disk that is already full: checkWritable fails before any work with "the disk is full"', async (t) => {
  await withDir(async (dir) => {
    await withTmpfs(t, dir, 'size=64k', async () => {
      await writeFile(join(dir, 'filler'), new Uint8Array(256 * 1024)).catch((err: NodeJS.ErrnoException) => {
        assert.equal(err.code, 'ENOSPC');
      });
      const outputs = new OutputSet();
      outputs.declare('--report', join(dir, 'run.json'));
      await assert.rejects(outputs.checkWritable(), {
        message: `Cannot write --report ${join(dir, 'run.json')}: the disk is full (no space left on device)`,
      });
      assert.deepEqual(await readdir(dir), ['filler'], 'no probe file left behind');
    });
  });
});

test('a real read-only disk (ro tmpfs): checkWritable fails before any work, naming the destination', async (t) => {
  await withDir(async (dir) => {
    await withTmpfs(t, dir, 'ro,size=64k', async () => {
      const outputs = new OutputSet();
      outputs.declare('--out', join(dir, 'coords.csv'));
      await assert.rejects(outputs.checkWritable(), {
        message: `Cannot write --out ${join(dir, 'coords.csv')}: the file system is read-only`,
      });
    });
  });
});

// A user audit: `--out` with a 250-character name passed the check, trained, then failed with "the path is
// too long" (its temporary name, `.NAME.tmp-…`, went past 255 bytes); a 300-character one also trained first.
test('a long destination name commits (its temporary name is cut); one too long for the disk fails the check', async () => {
  await withDir(async (dir) => {
    const long = join(dir, `${'a'.repeat(246)}.h5ad`);
    const outputs = new OutputSet();
    outputs.declare('--out', long);
    await outputs.checkWritable();
    let temporary = '';
    outputs.stage(long, async (temp) => {
      temporary = temp;
      await writeFile(temp, 'new');
    });
    await outputs.commit();
    assert.equal(await readFile(long, 'utf8'), 'new');
    assert.equal(extname(temporary), '.h5ad', 'the temporary keeps the extension');
    assert.deepEqual(await readdir(dir), [`${'a'.repeat(246)}.h5ad`]);

    const tooLong = new OutputSet();
    tooLong.declare('--out', join(dir, `${'b'.repeat(300)}.csv`));
    await assert.rejects(tooLong.checkWritable(), (err: unknown) => {
      assert.ok(err instanceof WriteError, String(err));
      assert.equal(err.code, 'ENAMETOOLONG');
      assert.match(err.message, /^Cannot write --out .*b{300}\.csv: the path is too long$/);
      return true;
    });
  });
});

// A review: the temporary name was cut to 60 UTF-16 units, so an emoji (two units, 4 bytes) cut in half
// became a lone surrogate, written to disk as U+FFFD; file names are limited in bytes, so the cut is too.
test('a destination named with emoji: its temporary name is cut by UTF-8 bytes at a character boundary', async () => {
  const emoji = `x${'🧬'.repeat(62)}`; // 249 bytes: a valid name
  for (const name of [`${emoji}.csv`, `x.${'🧬'.repeat(40)}`]) {
    const temp = sibling(join(tmpdir(), name), 'tmp');
    const base = temp.slice(tmpdir().length + 1);
    assert.equal(Buffer.from(base, 'utf8').toString('utf8'), base, 'no half of an emoji');
    assert.ok(Buffer.byteLength(base) <= 255, `${Buffer.byteLength(base)} bytes`);
  }
  assert.ok(
    sibling(`/d/${emoji}.csv`, 'tmp').startsWith(`/d/.x${'🧬'.repeat(14)}.tmp-`),
    '1 + 14 × 4 bytes of 60',
  );
  await withDir(async (dir) => {
    const out = join(dir, `${emoji}.csv`);
    const outputs = new OutputSet();
    outputs.declare('--out', out);
    await outputs.checkWritable();
    outputs.stage(out, (temp) => writeFile(temp, 'new'));
    await outputs.commit();
    assert.deepEqual(await readdir(dir), [`${emoji}.csv`]);
  });
});

/** An fs whose calls are logged: each file handle's sync with the path it was opened at, each rename. */
function loggingFs(log: string[], failSync?: (path: string) => NodeJS.ErrnoException | undefined): OutputFs {
  return {
    ...fs,
    open: (async (path: string, flags?: string) => {
      const handle = await fs.open(path, flags);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        const failure = failSync?.(String(path));
        if (failure) throw failure;
        log.push(`sync ${String(path)}`);
        return sync();
      };
      return handle;
    }) as OutputFs['open'],
    rename: async (from, to) => {
      log.push(`rename ${String(from)} -> ${String(to)}`);
      return fs.rename(from, to);
    },
  };
}

test('every temporary is flushed to the disk (fsync) before it is renamed over its destination', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const log: string[] = [];
    const outputs = new OutputSet(loggingFs(log));
    declareAll(outputs, paths);
    outputs.stage(paths.out, (temp) => writeFile(temp, 'new coords'));
    outputs.stage(paths.report, (temp) => writeFile(temp, 'new report'));
    outputs.stage(paths.model, async (temp) => {
      await mkdir(join(temp, 'encoder'));
      await writeFile(join(temp, 'encoder', 'weights.bin'), 'w');
      await writeFile(join(temp, 'model.json'), 'new model');
    });
    await outputs.commit();
    const intoPlace = log.filter((l) => l.startsWith('rename ') && l.includes('.tmp-'));
    assert.equal(intoPlace.length, 3, log.join('\n'));
    for (const rename of intoPlace) {
      const temp = rename.slice('rename '.length, rename.indexOf(' -> '));
      const synced = (p: string) => log.indexOf(`sync ${p}`);
      assert.ok(synced(temp) >= 0 && synced(temp) < log.indexOf(rename), `${temp} synced before renamed`);
      if (rename.endsWith(` -> ${paths.model}`)) {
        for (const file of [join(temp, 'model.json'), join(temp, 'encoder', 'weights.bin')]) {
          assert.ok(synced(file) >= 0 && synced(file) < log.indexOf(rename), `${file} synced before renamed`);
        }
      }
    }
    // the folder holding the renamed names is flushed after the renames
    assert.ok(log.lastIndexOf(`sync ${dir}`) > log.indexOf(intoPlace[2]), 'the destinations’ folder synced');
    assert.equal(await readFile(paths.out, 'utf8'), 'new coords');
  });
});

test('a flush (fsync) the disk refuses fails the commit naming the destination; the old files stay', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const log: string[] = [];
    // a network drive's late write error: the data was accepted by write() and refused at fsync
    const failSync = (p: string) => (p.includes('.run.json.tmp-') ? errno('EIO', p) : undefined);
    const outputs = new OutputSet(loggingFs(log, failSync));
    declareAll(outputs, paths);
    stageAll(outputs, paths);
    await assert.rejects(outputs.commit(), {
      message: `Cannot write --report ${paths.report}: an input/output error (is the disk still connected?); the previous --out and --model are unchanged`,
    });
    await assertOldIntact(dir, paths);
  });
});

test('a destination that is a symbolic link: the file or folder it names is replaced and the link stays a link', async () => {
  await withDir(async (dir) => {
    const data = join(dir, 'data');
    await mkdir(data);
    const real = join(data, 'coords.csv');
    await writeFile(real, 'old coords');
    const realModel = join(data, 'model');
    await mkdir(realModel);
    await writeFile(join(realModel, 'model.json'), 'old model');
    const out = join(dir, 'coords.csv');
    const model = join(dir, 'model');
    await fs.symlink(join('data', 'coords.csv'), out);
    await fs.symlink(realModel, model);
    const commit = (fail: boolean) => {
      const outputs = new OutputSet();
      outputs.declare('--out', out);
      outputs.declare('--model', model, 'folder');
      outputs.stage(out, (temp) => writeFile(temp, 'new coords'));
      outputs.stage(model, async (temp) => {
        await writeFile(join(temp, 'model.json'), 'new model');
        if (fail) throw errno('ENOSPC', temp);
      });
      return outputs.commit();
    };
    await assert.rejects(commit(true), {
      message: `Cannot write --model ${model}: the disk is full (no space left on device); the previous --out and --model are unchanged`,
    });
    assert.equal(await readFile(real, 'utf8'), 'old coords');
    await commit(false);
    assert.ok((await lstat(out)).isSymbolicLink(), '--out is still a link');
    assert.ok((await lstat(model)).isSymbolicLink(), '--model is still a link');
    assert.equal(await readFile(real, 'utf8'), 'new coords');
    assert.equal(await readFile(join(realModel, 'model.json'), 'utf8'), 'new model');
    assert.deepEqual((await readdir(data)).sort(), ['coords.csv', 'model'], 'no temporary beside the files');
    assert.deepEqual((await readdir(dir)).sort(), ['coords.csv', 'data', 'model']);
  });
});

test('a temporary its writer made read-only (no write permission) is still flushed and committed', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const log: string[] = [];
    const logging = loggingFs(log);
    // what a user who is not root gets opening a file of mode 0444 for writing
    const readOnly: OutputFs = {
      ...logging,
      open: (async (path: string, flags?: string) =>
        flags === 'r+' && path.includes('.tmp-')
          ? Promise.reject(errno('EACCES', path))
          : logging.open(path, flags)) as OutputFs['open'],
    };
    const outputs = new OutputSet(readOnly);
    declareAll(outputs, paths);
    stageAll(outputs, paths);
    await outputs.commit();
    assert.equal(await readFile(paths.out, 'utf8'), 'new coords');
    assert.ok(
      log.some((l) => l.startsWith('sync ') && l.includes('coords.csv.tmp-')),
      'flushed read-only',
    );
  });
});

// A user's write failed and the old file was put back, but the message did not say so: they re-ran to be safe.
test('a failed swap whose previous copy cannot be put back says where it is; the others are unchanged', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    let aside = '';
    const faulty: OutputFs = {
      ...fs,
      // the report fails to rename in, after the model folder (moved aside) was swapped — and the model's
      // old folder cannot be renamed back
      rename: async (from, to) => {
        if (String(to) === paths.report && String(from).includes('.tmp-'))
          throw errno('ENOSPC', String(from));
        if (String(to) === paths.model && String(from).includes('.old-')) {
          aside = String(from);
          throw errno('EIO', String(from));
        }
        return fs.rename(from, to);
      },
    };
    const outputs = new OutputSet(faulty);
    outputs.declare('--out', paths.out);
    outputs.declare('--model', paths.model, 'folder');
    outputs.declare('--report', paths.report);
    stageAll(outputs, paths);
    await assert.rejects(outputs.commit(), (err: Error) => {
      assert.equal(
        err.message,
        `Cannot write --report ${paths.report}: the disk is full (no space left on device); the previous --out is unchanged; the previous --model could not be put back: it is at ${aside}`,
      );
      return true;
    });
    assert.equal(await readFile(paths.out, 'utf8'), 'old coords');
    assert.equal(await readFile(join(aside, 'model.json'), 'utf8'), 'old model');
  });
});

test('a write that fails before anything is replaced says the previous outputs are unchanged', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const outputs = new OutputSet();
    outputs.declare('--out', paths.out);
    outputs.declare('--report', paths.report);
    outputs.stage(paths.out, async () => {
      throw errno('ENOSPC', paths.out);
    });
    outputs.stage(paths.report, (temp) => writeFile(temp, 'new report'));
    await assert.rejects(outputs.commit(), {
      message: `Cannot write --out ${paths.out}: the disk is full (no space left on device); the previous --out is unchanged`,
    });
    assert.equal(await readFile(paths.out, 'utf8'), 'old coords');
  });
});

// A data engineer's Ctrl-C during `train FILE` without --out was told "the previous --out is unchanged": they had
// given no --out; the file named after the input is named by its path.
test('an output whose path was made from the input\'s name is named by its path in "the previous …"', async () => {
  await withDir(async (dir) => {
    const paths = await seedOld(dir);
    const outputs = new OutputSet();
    const made = "made from the input's name";
    outputs.declare('--out', paths.out, 'file', made);
    outputs.declare('--report', paths.report, 'file', "made from --out's name");
    outputs.declare('--model', paths.model, 'folder');
    const controller = new AbortController();
    outputs.stage(paths.out, async (temp) => {
      controller.abort();
      await writeFile(temp, 'new coords');
    });
    outputs.stage(paths.report, (temp) => writeFile(temp, 'new report'));
    outputs.stage(paths.model, (temp) => writeFile(join(temp, 'model.json'), 'new model'));
    await assert.rejects(outputs.commit(controller.signal), {
      message: `Cannot write ${paths.out} (${made}; no --out was given), ${paths.report} (made from --out's name; no --report was given), --model ${paths.model}: cancelled (Ctrl-C); nothing was written and the previous ${paths.out} and --model are unchanged`,
    });
    await assertOldIntact(dir, paths);
  });
});

test('a lone output without an option (an atomic write) calls its previous copy "the previous file"', async () => {
  await withDir(async (dir) => {
    const path = join(dir, 'run.json');
    await writeFile(path, 'old report');
    const outputs = new OutputSet();
    outputs.declare('', path);
    outputs.stage(path, async () => {
      throw errno('EROFS', path);
    });
    await assert.rejects(outputs.commit(), {
      message: `Cannot write ${path}: the file system is read-only; the previous file is unchanged`,
    });
    assert.equal(await readFile(path, 'utf8'), 'old report');
  });
});

// A headless audit: a lab's group-writable coords.csv in a folder the user cannot create files in was refused
// with "cannot write --out …/coords.csv: permission denied" — but the file itself is writable, so the user
// checked its mode and was left guessing: the new file is made beside it and renamed in, and the folder said no.
test('a folder that refuses new files is named, and why a writable file there is not enough', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    await writeFile(out, 'old coords');
    // what a user who may write the file but not its folder gets creating the probe (or a temporary) there
    const noNewFiles: OutputFs = {
      ...fs,
      open: (async (path: string, flags?: string) =>
        flags === 'wx' ? Promise.reject(errno('EACCES', path)) : fs.open(path, flags)) as OutputFs['open'],
    };
    const outputs = new OutputSet(noNewFiles);
    outputs.declare('--out', out);
    await assert.rejects(outputs.checkWritable(), (err: unknown) => {
      assert.ok(err instanceof WriteError);
      assert.equal(
        err.message,
        `Cannot write --out ${out}: permission denied: its folder ${dir} does not let you create files there (each output is written beside its destination under a temporary name, then renamed into place)`,
      );
      return true;
    });
    assert.equal(await readFile(out, 'utf8'), 'old coords');
  });
});
