import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseSession,
  SESSION_READ_LIMIT,
  sessionBytes,
  SessionFileError,
} from '../../src/engine/session-file.js';
import { readZip, writeZip } from '../../src/util/zip-archive.js';
import { projectedCells, sessionContents as contents } from './session-contents.js';

test('a session survives the round trip through its .tripletlens bytes', () => {
  const original = contents();
  const back = parseSession(sessionBytes(original), 'x.tripletlens');
  assert.deepEqual(back.result.coords, original.result.coords);
  assert.deepEqual(back.result.ids, original.result.ids);
  assert.deepEqual(back.editedLabels, original.editedLabels);
  assert.deepEqual(back.selection, original.selection);
  assert.deepEqual(back.predictions.predicted, original.predictions.predicted);
  assert.ok(Number.isNaN(back.predictions.confidence[0]));
  assert.equal(back.predictions.confidence[1], Float32Array.of(0.8)[0]);
  assert.deepEqual(back.view, original.view);
  assert.deepEqual(back.input, original.input);
  assert.deepEqual(back.settings, original.settings);
  assert.deepEqual([...back.modelFiles.keys()].sort(), [...original.modelFiles.keys()].sort());
  assert.deepEqual(back.modelFiles.get('encoder/weights.bin'), Uint8Array.of(1, 2, 3, 4));
  // without edits there is no edited-codes entry, and none comes back
  const plain = parseSession(sessionBytes({ ...original, editedLabels: null }), 'x.tripletlens');
  assert.equal(plain.editedLabels, null);
});

/** The session with one entry replaced (or removed when `data` is null). */
function tampered(name: string, data: Uint8Array | null): Uint8Array {
  const files = readZip(sessionBytes(contents()));
  if (data === null) files.delete(name);
  else files.set(name, data);
  return writeZip([...files].map(([n, d]) => ({ name: n, data: d })));
}

test('damaged parts are refused with one message naming the file and the part', () => {
  const manifest = JSON.parse(
    new TextDecoder().decode(readZip(sessionBytes(contents())).get('tripletlens-session.json')),
  ) as Record<string, unknown>;
  const json = (patch: Record<string, unknown>) =>
    new TextEncoder().encode(JSON.stringify({ ...manifest, ...patch }));
  const cases: [Uint8Array, RegExp][] = [
    [tampered('coords.f32', Uint8Array.of(0, 0, 0, 0)), /coordinates are missing or cut short/],
    [tampered('model/encoder/model.json', null), /model file encoder\/model\.json is missing/],
    [
      tampered('edited-codes.i32', new Uint8Array(new Int32Array([5, 0, 0]).buffer)),
      /edited label has no name/,
    ],
    [tampered('selection.i32', new Uint8Array(new Int32Array([2, 0]).buffer)), /selection names cells/],
    [
      tampered('tripletlens-session.json', new TextEncoder().encode('{oops')),
      /tripletlens-session\.json, line 1, column 2: not valid JSON: expected a property name/,
    ],
    [tampered('tripletlens-session.json', json({ format: 'something-else' })), /does not describe a session/],
    [
      tampered('tripletlens-session.json', json({ formatVersion: 3 })),
      /newer TripletLens \(session format 3\); this version, [^,]+, reads up to 2: update TripletLens to open it$/,
    ],
    [tampered('tripletlens-session.json', json({ result: { ids: 'x' } })), /no cell ids/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(
      () => parseSession(bytes, 'mine.tripletlens'),
      (err: unknown) =>
        err instanceof SessionFileError &&
        err.message.startsWith('mine.tripletlens cannot be opened as a TripletLens session: ') &&
        message.test(err.message),
      String(message),
    );
  }
});

test('a session larger than can be read back is refused at saving, never written to be lost', () => {
  const size = sessionBytes(contents()).length;
  assert.equal(sessionBytes(contents(), size).length, size);
  assert.throws(
    () => sessionBytes(contents(), size - 1),
    (err: unknown) =>
      err instanceof SessionFileError &&
      /^The session cannot be saved: it would be \d+ KB, more than the \d+ KB a session can be read back in\. Remove the projected cells, or join fewer metadata columns, and save again$/.test(
        err.message,
      ),
  );
  // by default: what fs.readFile reads whole, as Open session reads a session
  assert.equal(SESSION_READ_LIMIT, 2 ** 31 - 1);
});

// Project another file's button reads "Remove projected rows" for a CSV/TSV's rows (maybe a bulk panel's
// samples): the refusal names them as the button does, not "the projected cells".
test('a session too large with a projected CSV/TSV says to remove the projected rows', () => {
  const projected = projectedCells('panel.csv', ['s1', 's2']);
  const withRows = { ...contents(), projected };
  const size = sessionBytes(withRows).length;
  assert.throws(
    () => sessionBytes(withRows, size - 1),
    (err: unknown) =>
      err instanceof SessionFileError &&
      / read back in\. Remove the projected rows, or join fewer metadata columns, and save again$/.test(
        err.message,
      ),
  );
});

test('a session whose manifest is longer than a JavaScript string is refused with what to do, not "Invalid string length"', () => {
  // JSON.stringify of a manifest past V8's string limit throws this RangeError (~9 M cells): made here by a view
  const tooLong = {
    ...contents(),
    view: {
      toJSON() {
        throw new RangeError('Invalid string length');
      },
    },
  };
  assert.throws(
    () => sessionBytes(tooLong),
    (err: unknown) =>
      err instanceof SessionFileError &&
      err.message.startsWith(
        'The session cannot be saved: its text — the cells’ ids, labels and predictions',
      ) &&
      err.message.endsWith(
        'Remove the projected cells and save again, or keep this map as exports (coordinates, the .h5ad result)',
      ),
  );
  // another error is not taken for it
  const broken = {
    ...contents(),
    view: {
      toJSON() {
        throw new TypeError('not this one');
      },
    },
  };
  assert.throws(() => sessionBytes(broken), /^TypeError: not this one$/);
});
