// An engine sentence after the CLI's prefix goes on in lower case, as the CLI's own messages do: a user saw
// "tripletlens train: Cannot write --out …" beside "tripletlens train: --epochs must be …".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterPrefix } from '../../src/cli/error-text.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { runCli } from './helpers.js';

test('an ordinary first word is lowered; names, acronyms and paths are kept', () => {
  const cases: [string, string][] = [
    ['Cannot write --out x.csv: the disk is full', 'cannot write --out x.csv: the disk is full'],
    ['The map was trained on obsm/X_pca', 'the map was trained on obsm/X_pca'],
    [
      'Refusing to write a non-finite number (NaN) to CSV',
      'refusing to write a non-finite number (NaN) to CSV',
    ],
    ['TripletLens cannot decode it', 'TripletLens cannot decode it'],
    ['AnnData files need obs', 'AnnData files need obs'],
    ['HDF5 could not read it', 'HDF5 could not read it'],
    ['Cell Ranger folders hold a matrix', 'Cell Ranger folders hold a matrix'],
    ['Ensembl ids differ', 'Ensembl ids differ'],
    ['/data/x.csv: no such file', '/data/x.csv: no such file'],
    ['cannot write', 'cannot write'],
    ['', ''],
  ];
  for (const [message, shown] of cases) assert.equal(afterPrefix(message), shown, message);
});

test('train: a write that fails reads "tripletlens train: cannot write --out …"', async () => {
  // /proc accepts no new files: the write itself fails, after training
  const out = '/proc/tripletlens-x.csv';
  const r = await runCli([
    'train',
    sharedDataPath('sklearn_iris.csv'),
    '--label',
    'label',
    '--epochs',
    '1',
    '--quiet',
    '--out',
    out,
  ]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^tripletlens train: cannot write --out \/proc\/tripletlens-x\.csv: /m);
  assert.doesNotMatch(r.stderr, /: Cannot write/);
});
