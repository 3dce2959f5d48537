import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handleDesktopDrop, installDesktopDrop, type DropEventLike } from '../../renderer/desktop-drop.js';

/** A drop event carrying `files`, recording whether it was consumed. */
function dropEvent(files: Blob[] | null) {
  const seen = { prevented: false, stopped: false };
  const event: DropEventLike = {
    dataTransfer: files ? { files } : null,
    preventDefault: () => void (seen.prevented = true),
    stopPropagation: () => void (seen.stopped = true),
  };
  return { event, seen };
}

test('a dropped file with a path on disk is opened through the shell and consumed', () => {
  const opened: Blob[] = [];
  const shell = { openDropped: (f: Blob) => (opened.push(f), true) };
  const first = new Blob(['x']);
  const { event, seen } = dropEvent([first, new Blob(['y'])]);
  assert.equal(handleDesktopDrop(event, shell), true);
  assert.deepEqual(opened, [first], 'the first item only');
  assert.deepEqual(seen, { prevented: true, stopped: true }, 'the drop zone does not upload it as well');
});

test('no path (not from disk) or nothing dropped: the drop goes on to the page untouched', () => {
  const shell = { openDropped: () => false };
  const noPath = dropEvent([new Blob(['x'])]);
  assert.equal(handleDesktopDrop(noPath.event, shell), false);
  assert.deepEqual(noPath.seen, { prevented: false, stopped: false });
  const text = dropEvent(null);
  assert.equal(handleDesktopDrop(text.event, { openDropped: () => assert.fail('not called') }), false);
  assert.equal(
    handleDesktopDrop(dropEvent([]).event, { openDropped: () => assert.fail('not called') }),
    false,
  );
});

test('installed only where the preload offers openDropped (the desktop app)', () => {
  const listened: unknown[] = [];
  const listen = (handler: (e: DropEventLike) => void) => void listened.push(handler);
  installDesktopDrop(listen, undefined);
  installDesktopDrop(listen, {} as { openDropped(f: Blob): boolean });
  assert.equal(listened.length, 0);
  let opened = 0;
  installDesktopDrop(listen, { openDropped: () => (opened++, true) });
  assert.equal(listened.length, 1);
  (listened[0] as (e: DropEventLike) => void)(dropEvent([new Blob(['x'])]).event);
  assert.equal(opened, 1);
});
