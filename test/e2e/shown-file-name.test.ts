// trainOnBrowsedFile waited for the Import summary to show `fileName` as a substring: asked for csr.h5ad, it
// was satisfied by a page still showing float16-csr.h5ad (a test before had opened it). The pattern is now
// anchored to the end of the shown path and to a path separator or the start before it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shownFileName } from './browser-session.js';

test('the file name shown is matched whole, at the end of the path', () => {
  const csr = shownFileName('csr.h5ad');
  assert.match('/srv/root/csr.h5ad', csr);
  assert.match('csr.h5ad', csr);
  assert.match('C:\\data\\csr.h5ad', csr);
  assert.doesNotMatch('/srv/root/float16-csr.h5ad', csr);
  assert.doesNotMatch('/srv/root/csr.h5ad + meta.csv', csr);
  assert.doesNotMatch('/srv/root/csrXh5ad', csr, 'the dot is escaped');
  assert.match('/root/a+b (1).csv', shownFileName('a+b (1).csv'));
});
