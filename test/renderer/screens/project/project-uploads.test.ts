import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileSource } from '../../../../src/api/engine-api.js';
import { metadataFor } from '../../../../renderer/screens/project/project-uploads.js';

const projected: FileSource = { kind: 'uploaded', uploadId: 'u-query', name: 'query.csv' };

/** Uploads that answer `result` and record what was discarded. */
function uploads(result: FileSource | undefined) {
  const discarded: string[] = [];
  return {
    discarded,
    upload: (file: string) => Promise.resolve(result && { ...result, name: file }),
    discard: (id: string) => {
      discarded.push(id);
      return Promise.resolve();
    },
  };
}

test('a failed metadata upload: no projection, and the projected file’s upload is deleted at once', async () => {
  const u = uploads(undefined);
  assert.equal(await metadataFor({ name: 'meta.csv', file: 'meta.csv' }, projected, u), undefined);
  assert.deepEqual(u.discarded, ['u-query']);
  // a projected file opened by path left nothing on the server: nothing to delete
  const byPath = uploads(undefined);
  await metadataFor({ name: 'meta.csv', file: 'meta.csv' }, { kind: 'path', path: 'query.csv' }, byPath);
  assert.deepEqual(byPath.discarded, []);
  // a server that cannot delete it (gone, say): the failure stays the upload's, not a second error
  const failing = {
    upload: () => Promise.resolve(undefined),
    discard: () => Promise.reject(new Error('HTTP 500')),
  };
  assert.equal(await metadataFor({ name: 'meta.csv', file: 'meta.csv' }, projected, failing), undefined);
});

test('an uploaded metadata file, a dialog’s path, or none: the projection goes ahead and nothing is deleted', async () => {
  const u = uploads({ kind: 'uploaded', uploadId: 'u-meta', name: '' });
  assert.deepEqual(await metadataFor({ name: 'meta.csv', file: 'meta.csv' }, projected, u), {
    kind: 'uploaded',
    uploadId: 'u-meta',
    name: 'meta.csv',
  });
  assert.deepEqual(await metadataFor({ name: 'meta.csv', path: '/d/meta.csv' }, projected, u), {
    kind: 'path',
    path: '/d/meta.csv',
  });
  assert.equal(await metadataFor(null, projected, u), null);
  assert.deepEqual(u.discarded, []);
});
