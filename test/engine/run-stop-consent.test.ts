// What a run stopped or about to be stopped by other data is told: the data named as the page's File line names
// it. Every Cell Ranger sample's folder is called filtered_feature_bc_matrix, so "Training on
// filtered_feature_bc_matrix is running. Opening filtered_feature_bc_matrix stops it." said neither sample.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { EngineError } from '../../src/api/errors.js';
import { UPLOAD_FOLDER_PREFIX } from '../../src/api/upload-folder.js';
import { refuseUnlessConsented, stoppedRunMessage } from '../../src/engine/run-stop-consent.js';

const run = { runId: 'run-3', source: '/data/s1/outs/filtered_feature_bc_matrix', epoch: 4, epochs: 30 };

test('the refusal names both Cell Ranger folders from their sample folders down', () => {
  const by = { action: 'open', name: '/data/s2/outs/filtered_feature_bc_matrix/' } as const;
  assert.throws(
    () => refuseUnlessConsented(run, null, by),
    (err: unknown) =>
      err instanceof EngineError &&
      err.message ===
        'Training on s1/outs/filtered_feature_bc_matrix is running (epoch 4 of 30). ' +
          'Opening s2/outs/filtered_feature_bc_matrix stops it.',
  );
  assert.equal(
    stoppedRunMessage(run.source, by),
    'Training on s1/outs/filtered_feature_bc_matrix was stopped: s2/outs/filtered_feature_bc_matrix was opened.',
  );
});

test('an upload by its own name, a metadata or session file by its file name', () => {
  // serve's upload folder holds an id folder per upload: that folder is no sample
  const upload = join(tmpdir(), `${UPLOAD_FOLDER_PREFIX}x1`, 'u7', 'filtered_feature_bc_matrix.h5');
  assert.equal(
    stoppedRunMessage(upload, { action: 'join', name: '/data/s1/meta.csv' }),
    'Training on filtered_feature_bc_matrix.h5 was stopped: the metadata file meta.csv was joined.',
  );
  assert.equal(
    stoppedRunMessage('pbmc.csv', { action: 'session', name: '/data/s1/outs/a.tripletlens' }),
    'Training on pbmc.csv was stopped: the session a.tripletlens was opened.',
  );
});
