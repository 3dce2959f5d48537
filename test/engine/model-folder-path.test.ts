// `embed --model PATH` when PATH is not a model folder: each case says what it is and what to give instead
// (a user audit: /nonexistent said "model.json is missing", a file gave a raw ENOTDIR, the app's .tar
// archive was not recognised). The app reaches these messages too (a saved session's model is checked the
// same way), so none tells the user to give a folder "to --model"; an archive of './'-prefixed entries names
// its folder without the './'.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModelFolderPath } from '../../src/engine/model-folder-path.js';
import { CoreError } from '../../src/api/core-error.js';
import { tarDirectory } from '../../src/util/tar-archive.js';

let dir = '';
/** A folder laid out as a model (only its manifests: the check reads no more). */
let model = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-model-path-'));
  model = join(dir, 'holder', 'pbmc.model');
  await mkdir(join(model, 'encoder'), { recursive: true });
  await writeFile(
    join(model, 'model.json'),
    JSON.stringify({ format: 'tripletlens-model', formatVersion: 1 }),
  );
  await writeFile(
    join(model, 'encoder', 'model.json'),
    JSON.stringify({ modelTopology: {}, weightsManifest: [] }),
  );
});
after(() => rm(dir, { recursive: true, force: true }));

async function refusal(path: string): Promise<string> {
  try {
    await checkModelFolderPath(path);
  } catch (err) {
    assert.ok(err instanceof CoreError, String(err));
    assert.equal(err.kind, 'bad-model');
    assert.ok(err.message.includes(path), `${err.message} names ${path}`);
    return err.message;
  }
  assert.fail(`${path} was accepted`);
}

test('a model folder passes', async () => {
  await checkModelFolderPath(model);
});

test('a path that does not exist says so, not that model.json is missing', async () => {
  const message = await refusal(join(dir, 'nonexistent'));
  assert.match(message, /the model folder .*nonexistent does not exist \(check the path/);
  assert.doesNotMatch(message, /model\.json is missing/);
});

test("the app's exported .tar is called an archive to extract, naming the folder it makes", async () => {
  const archive = join(dir, 'pbmc.model.tar');
  await writeFile(archive, await tarDirectory(model, 'pbmc.model'));
  assert.match(
    await refusal(archive),
    /is a tar archive \(as the app's Export ▸ Model folder saves a model\), not a folder: extract it first \(tar -xf pbmc\.model\.tar, which makes the folder pbmc\.model\)/,
  );
  // the folder named like the archive without .tar, not extracted yet
  assert.match(
    await refusal(join(dir, 'pbmc.model')),
    /does not exist, but the archive pbmc\.model\.tar is beside it: extract it first/,
  );
  // a folder holding the archive (a downloads folder)
  const downloads = join(dir, 'downloads');
  await mkdir(downloads);
  await writeFile(join(downloads, 'pbmc.model.tar'), await tarDirectory(model, 'pbmc.model'));
  assert.match(await refusal(downloads), /holds the model archive pbmc\.model\.tar: extract it/);
});

test('a file, an empty folder, the encoder folder, model.json itself and a folder of models each say what to give', async () => {
  const file = join(dir, 'notes.txt');
  await writeFile(file, 'x');
  assert.match(
    await refusal(file),
    /is a file, not a folder: a model is given as its folder \(a model folder is saved by a training run: on the command line 'tripletlens train … --model DIR', in the app Export ▸ Model folder/,
  );
  const empty = join(dir, 'empty');
  await mkdir(empty);
  assert.match(await refusal(empty), /is an empty folder: it holds no model/);
  assert.match(
    await refusal(join(model, 'encoder')),
    new RegExp(`is the encoder inside a model folder: give the model folder itself \\(${model}\\)`),
  );
  assert.match(
    await refusal(join(model, 'model.json')),
    new RegExp(`is the model's manifest file: give the folder that holds it \\(${model}\\)`),
  );
  assert.match(
    await refusal(join(dir, 'holder')),
    new RegExp(`model\\.json is missing; it holds a model folder, give it instead: ${model}`),
  );
  const session = join(dir, 'run.tripletlens');
  await writeFile(session, Buffer.from('PK\u0003\u0004rest'));
  assert.match(await refusal(session), /is a saved session, not a model folder/);
  const zip = join(dir, 'model.zip');
  await writeFile(zip, Buffer.from('PK\u0003\u0004rest'));
  assert.match(await refusal(zip), /is a zip archive, not a folder: unzip it first \(unzip model\.zip\)/);
});

test('no message tells the user to give a folder "to --model" (the app shows them too)', async () => {
  const file = join(dir, 'plain.txt');
  await writeFile(file, 'x');
  const archive = join(dir, 'words.model.tar');
  await writeFile(archive, await tarDirectory(model, 'words.model'));
  const downloads = join(dir, 'downloads-2');
  await mkdir(downloads);
  await writeFile(join(downloads, 'a.model.tar'), await tarDirectory(model, 'a.model'));
  const zip = join(dir, 'm.zip');
  await writeFile(zip, Buffer.from('PK\u0003\u0004rest'));
  const session = join(dir, 's.tripletlens');
  await writeFile(session, Buffer.from('PK\u0003\u0004rest'));
  const paths = [
    join(dir, 'words.model'), // the archive beside it
    archive,
    downloads,
    file,
    zip,
    session,
    join(model, 'encoder'),
    join(model, 'model.json'),
    join(dir, 'holder'),
    join(dir, 'missing'),
  ];
  for (const path of paths) assert.doesNotMatch(await refusal(path), /to --model/, path);
});

test("an archive whose entries start with './' names its folder without it; one of loose files says to make one", async () => {
  const packed = join(dir, 'packed');
  await mkdir(packed);
  await writeFile(join(packed, 'note.txt'), 'x');
  await mkdir(join(packed, 'pbmc.model', 'encoder'), { recursive: true });
  await writeFile(join(packed, 'pbmc.model', 'model.json'), '{}');
  const dotted = join(dir, 'dotted.tar');
  execFileSync('tar', ['--format=ustar', '-cf', dotted, '-C', packed, './pbmc.model']);
  assert.match(await refusal(dotted), /\(tar -xf dotted\.tar, which makes the folder pbmc\.model\)/);
  const loose = join(dir, 'loose.tar');
  execFileSync('tar', ['--format=ustar', '-cf', loose, '-C', join(packed, 'pbmc.model'), '.']);
  assert.match(
    await refusal(loose),
    /its files are not in a folder of their own: mkdir model && tar -xf loose\.tar -C model\) and give that folder instead/,
  );
  assert.doesNotMatch(await refusal(loose), /makes the folder \./);
});
