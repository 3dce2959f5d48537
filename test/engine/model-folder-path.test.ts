// `embed --model PATH` when PATH is not a model folder: each case says what it is and what to give instead
// (a user audit: /nonexistent said "model.json is missing", a file gave a raw ENOTDIR, the app's .tar
// archive was not recognised).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
  assert.match(await refusal(file), /is a file, not a folder: --model takes the model folder/);
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
    new RegExp(`model\\.json is missing; it holds a model folder, give it to --model: ${model}`),
  );
  const session = join(dir, 'run.tripletlens');
  await writeFile(session, Buffer.from('PK\u0003\u0004rest'));
  assert.match(await refusal(session), /is a saved session, not a model folder/);
  const zip = join(dir, 'model.zip');
  await writeFile(zip, Buffer.from('PK\u0003\u0004rest'));
  assert.match(await refusal(zip), /is a zip archive, not a folder: unzip it first \(unzip model\.zip\)/);
});
