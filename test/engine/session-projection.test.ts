// The app's "Project another file" (EngineSession.embedFile) on a map trained on an h5ad's layers/counts (the
// format fixtures' lognorm.h5ad: X log-normalised, counts in a layer and raw/X): a projected h5ad is read with
// the same layer by default (a user audit: its log-normalised X was read, and every cell placed wrongly without
// a word), a file without that layer is read as it comes with a note, values on the wrong scale are warned
// about as `embed` warns, and the result says which matrix was read.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const session = new EngineSession();
after(() => session.dispose());

before(async () => {
  const opened = await session.openFile(
    { kind: 'path', path: join(FORMATS, 'lognorm.h5ad') },
    { layer: 'counts' },
  );
  assert.equal(opened.format?.matrix, 'layers/counts');
  const outcome = new Promise<EngineEvent>((resolve) => {
    const off = session.onEvent((event) => {
      if (event.type === 'run-finished' || event.type === 'run-failed') {
        off();
        resolve(event);
      }
    });
  });
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  const event = await outcome;
  assert.equal(event.type, 'run-finished', JSON.stringify(event));
});

const scaleWarning = /the model was trained on raw counts .* holds log or normalised data/i;

test('an h5ad projected onto a map trained on its layers/counts is read with layers/counts', async () => {
  const embedded = await session.embedFile({ kind: 'path', path: join(FORMATS, 'lognorm.h5ad') });
  assert.deepEqual(embedded.format, {
    kind: 'h5ad',
    matrix: 'layers/counts',
    layers: ['X', 'raw/X'],
    obsm: [],
  });
  assert.equal(embedded.ids.length, 40);
  assert.deepEqual(embedded.missingGenes, []);
  assert.ok(!embedded.warnings.some((w) => scaleWarning.test(w)), embedded.warnings.join(' | '));
});

test('the page may choose another matrix; log values onto a counts model are warned about', async () => {
  const embedded = await session.embedFile(
    { kind: 'path', path: join(FORMATS, 'lognorm.h5ad') },
    { layer: 'X' },
  );
  assert.equal(embedded.format.matrix, 'X');
  const warning = embedded.warnings.find((w) => scaleWarning.test(w));
  assert.ok(warning, embedded.warnings.join(' | '));
  assert.match(warning, /^The model was trained on raw counts/);
  assert.match(warning, /choose it under Project another file ▸ Matrix/);
  assert.doesNotMatch(warning, /--layer/);
});

test('a file without the trained layer (a 10x .h5, a CSV) is read as it comes, with a note', async () => {
  const h5 = await session.embedFile({ kind: 'path', path: join(FORMATS, 'tenx-v3.h5') });
  assert.equal(h5.format.kind, '10x-h5');
  assert.equal(h5.ids.length, 40);
  assert.ok(
    h5.warnings.includes(
      `tenx-v3.h5 has no layers/counts, the matrix the map was trained on, so its ${h5.format.matrix} was read instead.`,
    ),
    h5.warnings.join(' | '),
  );
  assert.ok(!h5.warnings.some((w) => scaleWarning.test(w)), 'counts: the scale fits');
  const csv = await session.embedFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  assert.deepEqual(csv.format, { kind: 'text', matrix: '', layers: [], obsm: [] });
  assert.ok(
    csv.warnings.includes(
      'cells.csv has no layers/counts, the matrix the map was trained on, so its table was read instead.',
    ),
    csv.warnings.join(' | '),
  );
});
