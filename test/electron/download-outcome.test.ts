import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  reportFailedDownload,
  type DownloadItemLike,
  type DownloadState,
} from '../../electron/download-outcome.js';

/** A DownloadItem that ends in `state` once `finish` is called. */
function fakeItem(savePath: string): DownloadItemLike & { finish(state: DownloadState): void } {
  let done: ((event: unknown, state: DownloadState) => void) | undefined;
  return {
    getFilename: () => 'pbmc.coords.csv',
    getSavePath: () => savePath,
    once: (_event, listener) => (done = listener),
    finish: (state) => done?.({}, state),
  };
}

test('a download that fails while it is written is said in an error box naming where it was going', () => {
  const boxes: string[] = [];
  for (const state of ['completed', 'cancelled', 'interrupted'] as const) {
    const item = fakeItem('/home/u/exports/pbmc.coords.csv');
    reportFailedDownload(item, (title, content) => void boxes.push(`${title}|${content}`));
    item.finish(state);
  }
  assert.deepEqual(boxes, [
    'Save failed|Cannot write /home/u/exports/pbmc.coords.csv: the save stopped before it finished (is the ' +
      'disk full, or the folder read-only or removed?). Free some space or choose another folder, and save again.',
  ]);
  // interrupted before the save dialog chose a path: the file's name
  const early = fakeItem('');
  reportFailedDownload(early, (_title, content) => void boxes.push(content));
  early.finish('interrupted');
  assert.match(boxes[1], /^Cannot write pbmc\.coords\.csv: /);
});
