// Project another file with an h5ad whose X is None: the file's counts layer is read, and the warning says
// where to choose another of its matrices — Project another file ▸ Matrix, the projection's own field, not
// Import settings ▸ Matrix (which re-reads the open data, not the projected file) nor the CLI's --layer.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { writeEmbeddingH5ad } from '../data/formats/write-embedding-h5ad.js';
import { outcome } from './session-outcome.js';

const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-projected-matrix-'));
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('a projected h5ad without X is read from its layer, naming Project another file ▸ Matrix', async () => {
  const trained = join(dir, 'trained.h5ad');
  const query = join(dir, 'no-x.h5ad');
  await writeEmbeddingH5ad(trained);
  await writeEmbeddingH5ad(query, { x: 'none', countsLayer: true, obsm: { X_pca: 20 } });
  await session.openFile({ kind: 'path', path: trained });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
  await done;
  const embedded = await session.embedFile({ kind: 'path', path: query });
  const warning = embedded.warnings.find((w) => w.includes('has no X matrix')) ?? '';
  assert.match(
    warning,
    /read layers\/counts instead\. It also holds obsm\/X_pca: choose under Project another file ▸ Matrix\.$/,
  );
  assert.doesNotMatch(warning, /Import settings|--layer|--input/);
});
