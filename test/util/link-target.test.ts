import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, readFile, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputSet } from '../../src/util/output-set.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { WriteError } from '../../src/util/write-error.js';
import { withDir as withScratch } from './scratch.js';

const withDir = (run: (dir: string) => Promise<void>) => withScratch('tl-links-', run);

// A previous session found a dangling --out link replaced by a plain file: the file the user named through
// the link was never written, and the link was gone.
test('a dangling link is written through: its target is created and the link stays a link', async () => {
  await withDir(async (dir) => {
    const data = join(dir, 'data');
    await mkdir(data);
    const out = join(dir, 'coords.csv');
    const model = join(dir, 'model');
    // a chain: coords.csv -> via.csv -> data/coords.csv (missing); model -> data/model (missing)
    await symlink('via.csv', out);
    await symlink(join('data', 'coords.csv'), join(dir, 'via.csv'));
    await symlink(join(data, 'model'), model);
    const outputs = new OutputSet();
    outputs.declare('--out', out);
    outputs.declare('--model', model, 'folder');
    await outputs.checkWritable();
    outputs.stage(out, (temp) => writeFile(temp, 'new coords'));
    outputs.stage(model, (temp) => writeFile(join(temp, 'model.json'), 'new model'));
    await outputs.commit();
    assert.ok((await lstat(out)).isSymbolicLink(), '--out is still a link');
    assert.equal(await readlink(out), 'via.csv');
    assert.ok((await lstat(model)).isSymbolicLink(), '--model is still a link');
    assert.equal(await readFile(join(data, 'coords.csv'), 'utf8'), 'new coords');
    assert.equal(await readFile(join(data, 'model', 'model.json'), 'utf8'), 'new model');
    assert.deepEqual((await readdir(data)).sort(), ['coords.csv', 'model'], 'no temporary left');
  });
});

test("a relative link is followed from where its folder really is ('..' through a linked folder)", async () => {
  await withDir(async (dir) => {
    await mkdir(join(dir, 'real', 'deep'), { recursive: true });
    await symlink(join(dir, 'real', 'deep'), join(dir, 'short'));
    // short/out.csv is real/deep/out.csv, so '../x.csv' is real/x.csv (not dir/x.csv, as read by its text)
    await symlink(join('..', 'x.csv'), join(dir, 'real', 'deep', 'out.csv'));
    await writeFileAtomic(join(dir, 'short', 'out.csv'), 'new');
    assert.equal(await readFile(join(dir, 'real', 'x.csv'), 'utf8'), 'new');
    assert.deepEqual((await readdir(dir)).sort(), ['real', 'short']);
  });
});

test("a dangling link whose target's folder is missing is refused before any work, naming both paths", async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const target = join(dir, 'gone', 'coords.csv');
    await symlink(target, out);
    const outputs = new OutputSet();
    outputs.declare('--out', out);
    const expected = (err: unknown): boolean => {
      assert.ok(err instanceof WriteError, String(err));
      assert.equal(err.destination, out);
      assert.equal(
        err.message,
        `Cannot write --out ${out}: it is a symbolic link to ${target}, whose folder ${join(dir, 'gone')} ` +
          'does not exist (create it, or point the link elsewhere)',
      );
      return true;
    };
    await assert.rejects(outputs.checkWritable(), expected);
    outputs.stage(out, (temp) => writeFile(temp, 'new coords'));
    await assert.rejects(outputs.commit(), expected);
    assert.equal(await readlink(out), target, 'the link is as it was');
    assert.deepEqual(await readdir(dir), ['coords.csv'], 'no folder made, no file');
  });
});

test('a link that points at itself is refused with the loop named, not followed forever', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'loop.csv');
    await symlink('loop.csv', out);
    const outputs = new OutputSet();
    outputs.declare('--out', out);
    await assert.rejects(outputs.checkWritable(), {
      message: `Cannot write --out ${out}: the path has too many levels of symbolic links (a link pointing at itself?)`,
    });
    assert.equal(await readlink(out), 'loop.csv');
  });
});
