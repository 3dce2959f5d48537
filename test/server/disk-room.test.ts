// The sizes serve's refusals name (an upload over the limit or the free disk space, an export on a full disk,
// an API call over its limit): megabytes under a gigabyte, gigabytes above with their digits grouped as counts
// are — a walkthrough's 1 TiB reserve read "1024.0 GB", a 50 GB upload limit was "51200 MB" in another route.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { megabytes, uploadFlag } from '../../src/server/disk-room.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

test('a size is whole MB under 1 GB, one decimal under 10 GB, whole grouped GB above', () => {
  assert.equal(megabytes(0), '0 MB');
  assert.equal(megabytes(-5), '0 MB');
  assert.equal(megabytes(300 * MB), '300 MB');
  assert.equal(megabytes(1023 * MB), '1\u202f023 MB');
  // just under a gigabyte rounds to one: said as one
  assert.equal(megabytes(1023.6 * MB), '1.0 GB');
  assert.equal(megabytes(1.5 * GB), '1.5 GB');
  assert.equal(megabytes(50 * GB), '50 GB');
  assert.equal(megabytes(1024 * GB), '1\u202f024 GB');
  assert.equal(megabytes(1024 * 1024 * GB), '1\u202f048\u202f576 GB');
});

test('the upload cap is named by its flag in megabytes, whatever unit the limit is said in', () => {
  assert.equal(uploadFlag(50 * GB), '--max-upload-mb 51200');
  assert.equal(uploadFlag(300 * MB), '--max-upload-mb 300');
  assert.equal(uploadFlag(0.29 * MB), '--max-upload-mb 0.29');
});
