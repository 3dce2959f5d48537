import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createFileOpener } from '../../electron/file-opener.js';
import { createPathGuard } from '../../electron/path-guard.js';
import { WriteError } from '../../src/util/write-error.js';

test('Recent files that cannot be saved (a full disk): a warning, the menu still rebuilt, no unhandled rejection', async () => {
  const full = () =>
    Promise.reject(new WriteError('the disk is full (no space left on device)', '/u/recent.json', 'ENOSPC'));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  let menus = 0;
  const errorBoxes: string[] = [];
  try {
    const opener = createFileOpener({
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showErrorBox: (title, content) => void errorBoxes.push(`${title}: ${content}`),
      addRecentDocument: () => undefined,
      clearRecentDocuments: () => undefined,
      recent: { list: () => [], add: full, remove: full, clear: full },
      paths: createPathGuard(),
      command: () => undefined,
      refreshMenu: () => void menus++,
      platform: 'linux',
    });
    opener.clearRecent();
    opener.openRecent(join(tmpdir(), 'tl-no-such-file-4f1d.csv'));
    await opener.openData(tmpdir());
    // let the menu actions' promises settle (the missing file's check is a file-system call, slower on a
    // loaded machine than any fixed wait), and Node report any rejection left unhandled
    for (let waited = 0; (warnings.length < 3 || errorBoxes.length < 1) && waited < 20_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, []);
    assert.equal(menus, 3, 'the menu is rebuilt after each change');
    assert.equal(warnings.length, 3);
    for (const w of warnings) {
      assert.equal(
        w,
        'Could not save the recent-files list: Cannot write /u/recent.json: the disk is full (no space left on device)',
      );
    }
    assert.equal(errorBoxes.length, 1, 'the missing recent file is said once');
  } finally {
    console.warn = warn;
    process.off('unhandledRejection', onUnhandled);
  }
});
