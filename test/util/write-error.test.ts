// A failed write names the destination and a reason in the user's words, never Node's own text (which names
// a probe or temporary file). A user audit found `--out /proc/x.csv` answered with "ENOENT: no such file or
// directory, open '/proc/x.csv'".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { OutputSet } from '../../src/util/output-set.js';
import { WriteError, writeError } from '../../src/util/write-error.js';

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path });
}

test('errno codes a folder can give when a file is created there are worded, naming the destination', () => {
  const cases: [string, RegExp][] = [
    ['ENOENT', /its folder does not exist \(any more\) or does not accept new files, as \/proc does/],
    ['ELOOP', /too many levels of symbolic links/],
    ['EBUSY', /busy/],
    ['ESTALE', /stale file handle/],
    ['EMFILE', /too many files are open/],
  ];
  for (const [code, reason] of cases) {
    const err = writeError(errno(code, '/data/.x.csv.tmp-1-ab.csv'), '/data/x.csv', '--out /data/x.csv', [
      '/data/.x.csv.tmp-1-ab.csv',
    ]);
    assert.ok(err instanceof WriteError);
    assert.equal(err.code, code);
    assert.match(err.message, /^Cannot write --out \/data\/x\.csv: /, code);
    assert.match(err.message, reason, code);
    assert.doesNotMatch(err.message, new RegExp(`${code}:|tmp-|open '`), code);
  }
});

test('--out /proc/x.csv: the writability check says /proc takes no new files', async (t) => {
  if (!existsSync('/proc/self')) return t.skip('no /proc on this system');
  const outputs = new OutputSet();
  outputs.declare('--out', '/proc/x.csv');
  await assert.rejects(outputs.checkWritable(), (err: unknown) => {
    assert.ok(err instanceof WriteError, String(err));
    assert.equal(
      err.message,
      'Cannot write --out /proc/x.csv: its folder does not exist (any more) or does not accept new files, as /proc does',
    );
    return true;
  });
});
