import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseSession, SessionFileError } from '../../src/engine/session-file.js';
import { writeZip } from '../../src/util/zip-archive.js';

/** parseSession's refusal of `bytes` named `name`. */
function refusal(bytes: Uint8Array, name: string): string {
  try {
    parseSession(bytes, name);
  } catch (err) {
    assert.ok(err instanceof SessionFileError, String(err));
    return err.message;
  }
  return 'opened';
}

const OPEN_DATA =
  'data opens on the Import screen (File ▸ Open… in the desktop app); a session is the .tripletlens file Save session wrote';

test('a data file given to Open session says what it is and where data opens, not "no end-of-archive record"', () => {
  const table = new TextEncoder().encode('id,label,g1\nc1,T,0.5\nc2,B,1.5\n');
  assert.equal(
    refusal(table, 'cells.csv'),
    `cells.csv cannot be opened as a TripletLens session: it is a text file, such as a table of data, not a session: ${OPEN_DATA}`,
  );
  const hdf5 = Uint8Array.of(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(600));
  assert.equal(
    refusal(hdf5, 'atlas.h5ad'),
    `atlas.h5ad cannot be opened as a TripletLens session: it is an HDF5 file (.h5ad, .loom or Cell Ranger .h5), data, not a session: ${OPEN_DATA}`,
  );
  assert.match(
    refusal(new Uint8Array(gzipSync(table)), 'cells.csv.gz'),
    /: it is a gzip-compressed file, such as a table of data, not a session: data opens on the Import screen/,
  );
});

test('a cut-short session keeps the ZIP reader’s words: it is damaged, not data', () => {
  const zip = writeZip([{ name: 'tripletlens-session.json', data: new TextEncoder().encode('{}') }]);
  const message = refusal(zip.subarray(0, zip.length - 10), 's.tripletlens');
  assert.match(message, /^s\.tripletlens cannot be opened as a TripletLens session: it is not a ZIP archive/);
  assert.doesNotMatch(message, /Import screen/);
});
