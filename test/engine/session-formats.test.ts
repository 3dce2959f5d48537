// EngineSession opens the MatrixMarket formats as it opens CSV: a Cell Ranger folder by path, its labels
// joined with openMetadata, a preview built from the table (the file has no rows of text to show), and the
// layer/input settings passed through to the importer.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineError } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';
import { importOptions } from '../../src/engine/session-summary.js';
import { packageRoot } from '../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const session = new EngineSession();
after(() => session.dispose());

test('a Cell Ranger folder opens by path, previews from the table, and takes a metadata file', async () => {
  const folder = join(FORMATS, 'tenx_v3');
  const summary = await session.openFile({ kind: 'path', path: folder });
  assert.equal(summary.rows, 40);
  assert.equal(summary.genes, 30);
  assert.equal(summary.valueKind, 'counts');
  assert.deepEqual(summary.preview.header.slice(0, 3), ['barcode', 'GENE00', 'GENE01']);
  assert.deepEqual(summary.preview.rows[0].slice(0, 3), ['AAACCTG0000-1', '4', '1']);
  assert.ok(summary.warnings.some((w) => w.code === 'features-dropped'));
  const joined = await session.openMetadata({ kind: 'path', path: join(FORMATS, 'cells_meta.csv') });
  assert.equal(joined.suggestedLabel, 'cell_type');
  assert.deepEqual(joined.preview.header.slice(0, 3), ['barcode', 'cell_type', 'donor']);
});

test('layer and input settings reach the importer', async () => {
  assert.deepEqual(importOptions({ layer: 'counts', input: 'obsm:X_pca', orientation: 'cells-as-rows' }), {
    layer: 'counts',
    input: 'obsm:X_pca',
    transpose: false,
  });
  await assert.rejects(
    session.openFile({ kind: 'path', path: join(FORMATS, 'tenx_v2') }, { layer: 'counts' }),
    (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, /holds one matrix and no layers/);
      return true;
    },
  );
});
