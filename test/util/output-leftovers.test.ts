import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { link, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutputSet } from '../../src/util/output-set.js';
import { HOST_TAG, sibling, siblingOwner } from '../../src/util/sibling-name.js';
import { restoredNote } from '../../src/util/output-leftovers.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { withDir as withScratch, deadPid } from './scratch.js';

/** What writing `path` atomically says it put back. */
const writeFileAtomicNotes = (path: string) => writeFileAtomic(path, 'again');

const withDir = (run: (dir: string) => Promise<void>) => withScratch('tl-leftovers-', run);

/** Writes `coords.csv` and the `model` folder through one commit. */
async function commitBoth(dir: string, fail = false): Promise<void> {
  const outputs = new OutputSet();
  outputs.declare('--out', join(dir, 'coords.csv'));
  outputs.declare('--model', join(dir, 'model'), 'folder');
  outputs.stage(join(dir, 'coords.csv'), (temp) => writeFile(temp, 'new coords'));
  outputs.stage(join(dir, 'model'), async (temp) => {
    await writeFile(join(temp, 'model.json'), 'new model');
    if (fail) throw new Error('the writer failed');
  });
  await outputs.commit();
}

test('the next commit removes what a killed writer left: temporaries, and old copies whose output is in place', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const model = join(dir, 'model');
    await writeFile(out, 'old coords');
    await mkdir(model);
    const dead = deadPid();
    // killed during step 1 (a half-written temporary) and after step 2's hard link (old copy, output in place)
    await writeFile(sibling(out, 'tmp', dead), 'half');
    await link(out, sibling(out, 'old', dead));
    // a folder output: its temporary folder, and an old folder left after the rename into place (step 3)
    const modelTemp = sibling(model, 'tmp', dead);
    await mkdir(modelTemp);
    await writeFile(join(modelTemp, 'model.json'), 'half');
    await mkdir(sibling(model, 'old', dead));
    // the same writer's leftovers of the earlier naming (pid and random part only)
    await writeFile(join(dir, `.coords.csv.tmp-${dead}-0123abcd.csv`), 'half');
    await commitBoth(dir);
    assert.deepEqual((await readdir(dir)).sort(), ['coords.csv', 'model']);
    assert.equal(await readFile(out, 'utf8'), 'new coords');
    assert.equal(await readFile(join(model, 'model.json'), 'utf8'), 'new model');
  });
});

test('an old copy left as the only one (killed between the renames) is put back, not deleted', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const model = join(dir, 'model');
    const dead = deadPid();
    // killed after step 2 moved the outputs aside and before step 3: the outputs are missing
    const outAside = sibling(out, 'old', dead);
    await writeFile(outAside, 'old coords');
    await writeFile(sibling(out, 'tmp', dead), 'half');
    const modelAside = sibling(model, 'old', dead);
    await mkdir(modelAside);
    await writeFile(join(modelAside, 'model.json'), 'old model');
    const outputs = new OutputSet();
    outputs.declare('--out', out);
    outputs.declare('--model', model, 'folder');
    await outputs.checkWritable();
    assert.deepEqual((await readdir(dir)).sort(), ['coords.csv', 'model'], 'put back before any work');
    assert.equal(await readFile(out, 'utf8'), 'old coords');
    // said once each, naming the file and the copy it came from (the CLI prints these, the page shows them)
    assert.deepEqual(outputs.notes, [restoredNote(out, outAside), restoredNote(model, modelAside)]);
    assert.match(outputs.notes[0], new RegExp(`^${out.replace(/[.\\/]/g, '\\$&')} was put back: `));
    await outputs.checkWritable();
    assert.equal(outputs.notes.length, 2, 'not said again');
    // a failing commit then leaves the restored outputs as they were
    await assert.rejects(commitBoth(dir, true), /the writer failed/);
    assert.equal(await readFile(out, 'utf8'), 'old coords');
    assert.equal(await readFile(join(model, 'model.json'), 'utf8'), 'old model');
    assert.deepEqual((await readdir(dir)).sort(), ['coords.csv', 'model']);
  });
});

test('an atomic write over an output a killed writer had left aside says it put it back, then replaces it', async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'report.json');
    const aside = sibling(out, 'old', deadPid());
    await writeFile(aside, 'previous report');
    assert.deepEqual(await writeFileAtomicNotes(out), [restoredNote(out, aside)]);
    assert.equal(await readFile(out, 'utf8'), 'again');
    // in place now: nothing to put back, nothing said
    assert.deepEqual(await writeFileAtomicNotes(out), []);
    assert.deepEqual(await readdir(dir), ['report.json']);
  });
});

test("a live writer's temporaries, another output's, another machine's and a user's files are left alone", async () => {
  await withDir(async (dir) => {
    const out = join(dir, 'coords.csv');
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const pid = live.pid as number;
      const dead = deadPid();
      const otherHost = HOST_TAG === 'ffff' ? 'eeee' : 'ffff';
      const kept = [
        basename(sibling(out, 'tmp', pid)), // another process writing coords.csv right now
        basename(sibling(out, 'old', process.pid)), // this process
        basename(sibling(join(dir, 'run.json'), 'tmp', dead)), // another output's (its own write tidies it)
        `.coords.csv.tmp-${dead}-${otherHost}-0123abcd.csv`, // a pid of another machine cannot be checked here
        '.coords.csv.tmp-notes.csv', // a user's file of a similar name
        'coords.csv.tmp-1-0123abcd.csv', // not hidden: not ours
      ];
      for (const name of kept) await writeFile(join(dir, name), 'keep');
      // named as a leftover, but a link: no writer makes one
      const asLink = basename(sibling(out, 'tmp', dead));
      await symlink('coords.csv', join(dir, asLink));
      await writeFile(out, 'old coords');
      const outputs = new OutputSet();
      outputs.declare('--out', out);
      outputs.stage(out, (temp) => writeFile(temp, 'new coords'));
      await outputs.commit();
      assert.deepEqual((await readdir(dir)).sort(), [...kept, asLink, 'coords.csv'].sort());
      assert.equal(await readFile(out, 'utf8'), 'new coords');
    } finally {
      live.kill();
    }
  });
});

test('long names that share their start: the leftovers of one are not taken for the other', async () => {
  await withDir(async (dir) => {
    const a = join(dir, `${'a'.repeat(80)}-first.csv`);
    const b = join(dir, `${'a'.repeat(80)}-second.csv`);
    const dead = deadPid();
    const leftoverOfA = sibling(a, 'old', dead);
    assert.equal(siblingOwner(b, basename(leftoverOfA)), undefined);
    assert.deepEqual(siblingOwner(a, basename(leftoverOfA)), { tag: 'old', pid: dead, host: HOST_TAG });
    // a's only copy, kept aside when a crash hit between the renames: writing b must not make it b
    await writeFile(leftoverOfA, 'old a');
    const outputs = new OutputSet();
    outputs.declare('--out', b);
    outputs.stage(b, (temp) => writeFile(temp, 'new b'));
    await outputs.commit();
    assert.equal(await readFile(b, 'utf8'), 'new b');
    assert.equal(await readFile(leftoverOfA, 'utf8'), 'old a');
  });
});

// The real thing: a writer killed with SIGKILL between moving the old model folder aside and renaming the
// new one into place — the user's model then exists only as `.model.old-…`.
test('a writer killed (SIGKILL) between its renames: the next write puts the old folder back first', async () => {
  await withDir(async (dir) => {
    const model = join(dir, 'model');
    await mkdir(model);
    await writeFile(join(model, 'model.json'), 'old model');
    const outputSet = fileURLToPath(new URL('../../src/util/output-set.ts', import.meta.url));
    const script = `
      import * as fs from 'node:fs/promises';
      import { writeFile } from 'node:fs/promises';
      import { join } from 'node:path';
      const { OutputSet } = await import(${JSON.stringify(outputSet)});
      const hang = { ...fs, rename: async (from, to) => {
        if (String(from).includes('.tmp-')) { process.stdout.write('aside\\n'); await new Promise(() => {}); }
        return fs.rename(from, to);
      } };
      const outputs = new OutputSet(hang);
      outputs.declare('--model', ${JSON.stringify(model)}, 'folder');
      outputs.stage(${JSON.stringify(model)}, (temp) => writeFile(join(temp, 'model.json'), 'new model'));
      await outputs.commit();
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((done) => child.once('exit', done));
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('aside') ? done() : undefined));
      child.once('exit', () => fail(new Error('the writer ended before its renames')));
    });
    child.kill('SIGKILL');
    await exited;
    const left = (await readdir(dir)).sort();
    assert.equal(left.length, 2, left.join(', '));
    assert.ok(
      left.every((name) => name.startsWith('.model.')),
      'the model is only aside: ' + left.join(', '),
    );
    const outputs = new OutputSet();
    outputs.declare('--model', model, 'folder');
    await outputs.checkWritable();
    assert.deepEqual(await readdir(dir), ['model']);
    assert.equal(await readFile(join(model, 'model.json'), 'utf8'), 'old model');
  });
});

// A Ctrl-C while a network drive takes seconds to flush the writability probe left it there for good.
test('checkWritable removes the probes killed writers left in the folder it probes, of gone writers only', async () => {
  await withDir(async (dir) => {
    const dead = deadPid();
    const otherHost = HOST_TAG === 'ffff' ? 'eeee' : 'ffff';
    const gone = [`.tripletlens-probe-${dead}-${HOST_TAG}-0123abcd`, `.tripletlens-probe-${dead}-4567abcd`];
    const kept = [
      `.tripletlens-probe-${process.pid}-${HOST_TAG}-89abcdef`, // this process's, being probed now
      `.tripletlens-probe-${dead}-${otherHost}-0123abcd`, // another machine's
      '.tripletlens-probe-notes', // a user's
    ];
    for (const name of [...gone, ...kept]) await writeFile(join(dir, name), '');
    const outputs = new OutputSet();
    // the output's folder does not exist yet: the probe goes in its nearest existing ancestor, `dir`
    outputs.declare('--out', join(dir, 'new', 'coords.csv'));
    await outputs.checkWritable();
    assert.deepEqual((await readdir(dir)).sort(), kept.sort());
  });
});

// A folder of 100 000 files takes ~80 ms of CPU to read (bench/README.md): a run's outputs share one reading.
test("a run's outputs in one folder: checkWritable reads that folder once for all the tidying, commit not again", async () => {
  await withDir(async (dir) => {
    const reads: string[] = [];
    const counting = {
      ...fs,
      readdir: (async (path: string, options?: unknown) => {
        if (options === undefined) reads.push(path);
        return fs.readdir(path, options as undefined);
      }) as typeof fs.readdir,
    };
    const outputs = new OutputSet(counting);
    outputs.declare('--out', join(dir, 'coords.csv'));
    outputs.declare('--report', join(dir, 'run.json'));
    outputs.declare('--model', join(dir, 'model'), 'folder');
    await outputs.checkWritable();
    assert.deepEqual(reads, [dir]);
    outputs.stage(join(dir, 'coords.csv'), (temp) => writeFile(temp, 'new coords'));
    outputs.stage(join(dir, 'run.json'), (temp) => writeFile(temp, 'new report'));
    outputs.stage(join(dir, 'model'), (temp) => writeFile(join(temp, 'model.json'), 'new model'));
    await outputs.commit();
    assert.deepEqual(reads, [dir], 'commit tidies nothing checkWritable tidied');
  });
});
