// Save session and Export ▸ Model folder (the archive) write the model's files in TMPDIR first: a full
// TMPDIR fails them with a message naming it, leaving nothing there, and the session can save again after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../src/engine/session.js';
import { samplePath } from '../../src/util/paths.js';
import { withTmpfs } from '../util/tmpfs.js';
import { outcome } from './session-outcome.js';

test('Save session and the model archive with a full TMPDIR: a message naming it, nothing left there', async (t) => {
  const session = new EngineSession();
  const full = await mkdtemp(join(tmpdir(), 'tl-full-tmp-'));
  const saved = process.env.TMPDIR;
  const original = tmpdir();
  try {
    await session.openFile({ kind: 'path', path: samplePath() });
    const done = outcome(session);
    await session.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
    await done;
    await withTmpfs(t, full, 'size=16k', async () => {
      process.env.TMPDIR = full;
      const message =
        `Cannot write a temporary copy of the model in ${full} (the folder for temporary files): the disk is ` +
        'full (no space left on device); free some space there, or set TMPDIR to a folder with room';
      const request = { editedLabels: null, selection: new Int32Array(0) };
      await assert.rejects(session.saveSession(request), { message });
      await assert.rejects(session.exportModel({ kind: 'archive' }), { message });
      assert.deepEqual(await readdir(full), [], 'no temporary left in TMPDIR');
      process.env.TMPDIR = original;
      assert.ok((await session.saveSession(request)).bytes.length > 0, 'saves once TMPDIR has room');
    });
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    session.dispose();
    await rm(full, { recursive: true, force: true });
  }
});
