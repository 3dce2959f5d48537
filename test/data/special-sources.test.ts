// Sources that are not plain files or that hold enormous fields: a FIFO and /dev/zero are refused at once
// (never a hang, never "empty (0 bytes)"), and no error message echoes more than a short piece of a value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataImportError, importTable, previewFile } from '../../src/data/index.js';

const notWindows = process.platform === 'win32' ? 'FIFOs and /dev/zero are POSIX' : false;

function assertNotRegular(err: unknown, what: RegExp): true {
  assert.ok(err instanceof DataImportError, String(err));
  assert.equal(err.kind, 'not-a-regular-file');
  assert.match(err.message, what);
  assert.match(err.message, /not a regular file/);
  return true;
}

test('a FIFO is refused without waiting for a writer', { skip: notWindows, timeout: 10_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-fifo-'));
  try {
    const fifo = join(dir, 'table.csv');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(importTable(fifo), (err) => assertNotRegular(err, /named pipe \(FIFO\)/));
    await assert.rejects(previewFile(fifo), (err) => assertNotRegular(err, /FIFO/));
    await assert.rejects(
      importTable({ name: 'ok.csv', bytes: new TextEncoder().encode('id,g\na,1\n') }, { metaFile: fifo }),
      (err) => assertNotRegular(err, /FIFO/),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  '/dev/zero is a device, not an empty file, and is not read',
  { skip: notWindows, timeout: 10_000 },
  async () => {
    await assert.rejects(importTable('/dev/zero'), (err) => assertNotRegular(err, /a device/));
  },
);

const bytesOf = (text: string) => new TextEncoder().encode(text);
const MB = 'x'.repeat(1 << 20);

test('a megabyte-long value is quoted as its first 40 characters and "…"', async () => {
  const cases: [string, string][] = [
    ['gene cell', `id,label,G1,G2\na,T,1,2\nb,T,${MB},2\nc,B,3,4\n`],
    ['missing value in a gene with a long name', `id,${MB},G2\na,NA,2\nb,3,2\nc,4,4\n`],
    ['infinite value', `id,G1\na,1\nb,${'9'.repeat(400)}\n`],
  ];
  for (const [what, text] of cases) {
    const error = await importTable({ name: 'long.csv', bytes: bytesOf(text) }, { missing: 'error' }).then(
      () => assert.fail(`${what}: should fail`),
      (err: unknown) => err,
    );
    assert.ok(error instanceof DataImportError, what);
    assert.ok(error.message.length < 600, `${what}: ${error.message.length} characters`);
    assert.match(error.message, /x{40}…|9{40}…/, what);
  }
  // a repeated id is renamed, and the warning saying so quotes it cut short too
  const repeated = await importTable({
    name: 'long.csv',
    bytes: bytesOf(`id,label,G1\n${MB},T,1\n${MB},T,2\n`),
  });
  const renamed = repeated.warnings.find((w) => w.code === 'duplicate-ids')?.message ?? '';
  assert.ok(renamed.length > 0 && renamed.length < 600, `${renamed.length} characters`);
  assert.match(renamed, /x{40}… → x{40}…/);
  const unknown = await importTable(
    { name: 'long.csv', bytes: bytesOf('id,G1\na,1\n') },
    { idColumn: MB },
  ).catch((err: unknown) => err);
  assert.ok(unknown instanceof DataImportError && unknown.message.length < 600);
});

// A user audit: a path through a file read "cannot read the file (ENOTDIR)".
test('a path through a file says so in words, not as an errno code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-special-'));
  try {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'a file, not a folder');
    for (const read of [() => importTable(join(file, 'x.csv')), () => previewFile(join(file, 'x.csv'))]) {
      await assert.rejects(read(), (err: Error) => {
        assert.ok(err instanceof DataImportError, String(err));
        assert.match(
          err.message,
          /x\.csv: cannot read the file: a part of its path is a file, not a folder\.$/,
        );
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
