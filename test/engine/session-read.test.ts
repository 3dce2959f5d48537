import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineError } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';
import { readSessionFile } from '../../src/engine/session-read.js';
import { SESSION_READ_LIMIT, SessionFileError } from '../../src/engine/session-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tl-session-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A sparse file of `bytes` bytes (truncate(2) past its end: no disk blocks, nothing written). */
function sparseFile(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, 'PK');
  truncateSync(path, bytes);
  return path;
}

test('a file too large to be read whole is refused by name, not with Node’s RangeError', async () => {
  const path = sparseFile('big.tripletlens', SESSION_READ_LIMIT + 1);
  await assert.rejects(readSessionFile(path, 'big.tripletlens'), (err: unknown) => {
    assert.ok(err instanceof SessionFileError, String(err));
    assert.match(
      err.message,
      /^big\.tripletlens cannot be opened as a TripletLens session: it is 2\.0 GB, and a file of 2\.0 GB or more cannot be read whole/,
    );
    assert.match(
      err.message,
      /not a session file \(pick the \.tripletlens file Save session wrote\), or it is damaged$/,
    );
    return true;
  });
});

test('Open session of a file of 2 GB or more: an import error naming the file', async () => {
  const path = sparseFile('huge.tripletlens', 3 * 2 ** 30);
  const engine = new EngineSession();
  try {
    await assert.rejects(engine.openSession({ kind: 'path', path }), (err: unknown) => {
      assert.ok(err instanceof EngineError, String(err));
      assert.equal(err.kind, 'import');
      assert.match(
        err.message,
        /^huge\.tripletlens cannot be opened as a TripletLens session: it is 3\.0 GB/,
      );
      assert.doesNotMatch(err.message, /RangeError|GiB/);
      return true;
    });
  } finally {
    engine.dispose();
  }
});

test('a small file is read as it is (what is in it is parseSession’s to judge)', async () => {
  const path = join(dir, 'small.tripletlens');
  writeFileSync(path, Uint8Array.of(1, 2, 3));
  assert.deepEqual(await readSessionFile(path, 'small.tripletlens'), Uint8Array.of(1, 2, 3));
});
