import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { sharedDataPath } from '../../src/util/paths.js';
import { parseCsv, runCli, tempDir } from '../cli/helpers.js';

const COUNTS = sharedDataPath('pbmc_small_counts.csv');

let dir = '';
let cleanup = async () => {};
let model = '';
before(async () => {
  ({ dir, cleanup } = await tempDir());
  model = join(dir, 'model');
  const out = join(dir, 'train.csv');
  const r = await runCli([
    'train',
    COUNTS,
    '--label',
    'label',
    '--epochs',
    '2',
    '--out',
    out,
    '--model',
    model,
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => cleanup());

test('transformed values given to a counts model: the message names the file, the cell and the model, not a setting', async () => {
  const rows = parseCsv(await readFile(COUNTS, 'utf8'));
  const gene = rows[0].indexOf('MS4A1');
  assert.ok(gene > 0);
  rows[3][gene] = '-0.25'; // a z-scored value on the third cell
  const input = join(dir, 'scaled.csv');
  await writeFile(input, Papa.unparse(rows));
  const out = join(dir, 'embedded.csv');
  const r = await runCli(['embed', input, '--model', model, '--out', out, '--quiet']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `${input}: row 3, gene 'MS4A1' is negative, but the model in ${model} was trained on raw counts`,
    ),
  );
  assert.doesNotMatch(
    r.stderr,
    /turn normalisation and log1p off/,
    'embed has no such option: the model fixes it',
  );
  assert.ok(!(await readdir(dir)).includes('embedded.csv'), 'no output written');
});
