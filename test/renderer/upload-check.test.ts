import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BROWSER_READ_LIMIT, uploadRefusal } from '../../renderer/upload-check.js';

test('a file of 2 GB or more is refused before reading, with the way to open it instead', () => {
  const big = { name: 'atlas.csv.gz', size: BROWSER_READ_LIMIT + 1 };
  const served = uploadRefusal(big, { streamed: true, serverLimit: 1e12 });
  assert.match(served ?? '', /^atlas\.csv\.gz is 2\.0 GB: too large to upload from the browser/);
  assert.match(served ?? '', /Open from the server’s folder.*tripletlens train FILE/);
  const desktop = uploadRefusal(big, { streamed: false });
  assert.match(desktop ?? '', /too large to upload from the browser.*File ▸ Open/);
});

test('a file larger than the server can store is refused; smaller ones pass', () => {
  assert.match(
    uploadRefusal({ name: 'a.csv', size: 5000 }, { streamed: true, serverLimit: 4000 }) ?? '',
    /a\.csv is 4\.9 KB, more than the server can take \(3\.9 KB/,
  );
  assert.equal(uploadRefusal({ name: 'a.csv', size: 3000 }, { streamed: true, serverLimit: 4000 }), null);
  assert.equal(uploadRefusal({ name: 'a.csv', size: 3000 }, { streamed: true, serverLimit: null }), null);
  assert.equal(uploadRefusal({ name: 'a.csv', size: 3000 }, { streamed: false }), null);
});

test('a file too large to project is refused with the way to project it by its path', () => {
  const big = { name: 'atlas.h5ad', size: BROWSER_READ_LIMIT + 1 };
  const served = uploadRefusal(big, { streamed: true, serverLimit: 1e12, purpose: 'project' });
  assert.match(served ?? '', /^atlas\.h5ad is 2\.0 GB: too large to upload from the browser/);
  assert.match(served ?? '', /Project from the server’s folder.*tripletlens embed FILE --model DIR/);
  assert.doesNotMatch(served ?? '', /Open from/);
  const desktop = uploadRefusal(big, { streamed: false, purpose: 'project' });
  // read into the page only when there is no desktop chooser: the way left is the CLI
  assert.match(desktop ?? '', /Project it with the CLI instead: tripletlens embed FILE --model DIR\.$/);
  assert.doesNotMatch(desktop ?? '', /Choose a file/);
});

test("a file larger than the server can store is refused with the server's reason: the flag and its value", () => {
  const reason = 'its free disk space above the 256 MB it keeps free, --disk-reserve-mb 256';
  assert.match(
    uploadRefusal(
      { name: 'a.csv', size: 5000 },
      { streamed: true, serverLimit: 4000, serverLimitReason: reason },
    ) ?? '',
    /^a\.csv is 4\.9 KB, more than the server can take \(3\.9 KB: its free disk space above the 256 MB it keeps free, --disk-reserve-mb 256\)\. Open it by its path/,
  );
  // an older server says nothing: the general words
  assert.match(
    uploadRefusal(
      { name: 'a.csv', size: 5000 },
      { streamed: true, serverLimit: 4000, serverLimitReason: null },
    ) ?? '',
    /\(3\.9 KB: its free disk space or --max-upload-mb\)/,
  );
});

test('a reopened session’s input too large to read in is refused with the re-attach’s own way by its path', () => {
  const big = { name: 'atlas.h5ad', size: BROWSER_READ_LIMIT + 1 };
  const served = uploadRefusal(big, { streamed: true, serverLimit: 1e12, purpose: 'attach' });
  assert.match(served ?? '', /^atlas\.h5ad is 2\.0 GB: too large to upload from the browser/);
  assert.match(served ?? '', /Re-attach it by its path instead: use “Find it in the server’s folder” below/);
  const desktop = uploadRefusal(big, { streamed: false, purpose: 'attach' });
  assert.match(desktop ?? '', /Re-attach it by its path instead: use “Choose the input file…” below/);
  // File ▸ Open… would open it as new data, without the session's map
  for (const refusal of [served, desktop]) assert.doesNotMatch(refusal ?? '', /File ▸ Open|Open from/);
});

test('a session file too large to read in is refused as no session, never with File ▸ Open…', () => {
  const big = { name: 'atlas.tripletlens', size: BROWSER_READ_LIMIT + 1 };
  const served = uploadRefusal(big, { streamed: true, serverLimit: 1e12, purpose: 'session' });
  const desktop = uploadRefusal(big, { streamed: false, purpose: 'session' });
  for (const refusal of [served, desktop]) {
    assert.match(refusal ?? '', /^atlas\.tripletlens is 2\.0 GB: too large to upload from the browser/);
    assert.match(refusal ?? '', /TripletLens never saves a session that large\. Pick the \.tripletlens file/);
    // File ▸ Open… (or the Import screen's server folder) would read a session as data, a zip archive
    assert.doesNotMatch(refusal ?? '', /File ▸ Open…|Open from|tripletlens train/);
  }
});

test('a session file larger than the server can store says to make room: it opens only as an upload', () => {
  const refusal = uploadRefusal(
    { name: 's.tripletlens', size: 5000 },
    { streamed: true, serverLimit: 4000, serverLimitReason: 'its free disk space', purpose: 'session' },
  );
  assert.match(
    refusal ?? '',
    /^s\.tripletlens is 4\.9 KB, more than the server can take \(3\.9 KB: its free disk space\)\. A session opens only as an upload here: make room on the server, then open it again\.$/,
  );
});
