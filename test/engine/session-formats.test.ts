// EngineSession opens the MatrixMarket formats as it opens CSV: a Cell Ranger folder by path, its labels
// joined with openMetadata, a preview built from the table (the file has no rows of text to show), and the
// layer/input settings passed through to the importer.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { EngineError } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';
import { importOptions } from '../../src/engine/session-summary.js';
import { packageRoot } from '../../src/util/paths.js';
import { DEFAULT_TARGET_SUM } from '../../src/preprocess/index.js';

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
  // the joined columns are marked, so Import settings does not send them back as the folder's own on Re-open
  assert.deepEqual(
    joined.metadata.filter((m) => m.joined === true).map((m) => m.name),
    joined.metadata.map((m) => m.name),
  );
  assert.ok(joined.metadata.some((m) => m.name === 'cell_type'));
  assert.ok(summary.metadata.every((m) => m.joined === undefined));
});

test('layer and input settings reach the importer', async () => {
  assert.deepEqual(importOptions({ layer: 'counts', input: 'obsm:X_pca', orientation: 'cells-as-rows' }), {
    layer: 'counts',
    input: 'obsm:X_pca',
    transpose: false,
  });
  // the decimal separator chosen in Import settings; 'auto' is left to detection
  assert.deepEqual(importOptions({ decimal: ',', delimiter: '\t' }), { decimal: ',', delimiter: '\t' });
  assert.deepEqual(importOptions({ decimal: 'auto', delimiter: 'auto' }), {});
  await assert.rejects(
    session.openFile({ kind: 'path', path: join(FORMATS, 'tenx_v2') }, { layer: 'counts' }),
    (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, /holds one matrix and no layers/);
      return true;
    },
  );
});

test("an over-limit file opened in the UI fails with the importer's too-large message, for every format", async () => {
  const tight = new EngineSession({ maxMemoryBytes: 1000 });
  try {
    for (const file of ['cells.csv', 'csr.h5ad', 'cells.loom', 'tenx-v3.h5', 'tenx_v3']) {
      await assert.rejects(tight.openFile({ kind: 'path', path: join(FORMATS, file) }), (err: unknown) => {
        assert.ok(err instanceof EngineError, file);
        assert.equal(err.kind, 'import');
        assert.match(
          err.message,
          /too large for the memory available: .*limit of 1000 bytes \(set as TripletLens started\)/,
        );
        return true;
      });
    }
    // An upload is named by the user's file name, and nothing is loaded afterwards.
    const bytes = new Uint8Array(readFileSync(join(FORMATS, 'csc.h5ad')));
    await assert.rejects(tight.openFile({ kind: 'upload', name: 'mine.h5ad', bytes }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.match(err.message, /^mine\.h5ad, dataset \/X\/data: too large for the memory available/);
      return true;
    });
    await assert.rejects(tight.labelSummary('cell_type'), /no dataset|open/i);
  } finally {
    tight.dispose();
  }
  // The default session (the memory available) opens the same file.
  const roomy = await session.openFile({ kind: 'path', path: join(FORMATS, 'csr.h5ad') });
  assert.equal(roomy.rows, 40);
});

test('colouring by a gene reads its column from the sparse matrix (a 200 000 × 200 000 file, 10 entries)', async () => {
  const n = 200_000;
  const entries = Array.from({ length: 10 }, (_, i) => `${i * 20_000 + 1} ${i + 1} ${i + 1}`);
  const text = `%%MatrixMarket matrix coordinate integer general\n${n} ${n} 10\n${entries.join('\n')}\n`;
  const bytes = new TextEncoder().encode(text);
  const summary = await session.openFile({ kind: 'upload', name: 'wide.mtx', bytes });
  assert.equal(summary.rows, n);
  // A dense copy for this would be 149 GB; the column is read from the CSR rows instead.
  const gene = await session.columnValues({ kind: 'gene', gene: 'gene_3' });
  assert.ok(gene.kind === 'numeric');
  assert.equal(gene.values.length, n);
  // counts come log-normalised (gene-colour-scale.test.ts): the cell's one count is its whole total
  assert.equal(gene.scale, 'log1p-normalised');
  assert.equal(gene.values[40_000], Math.fround(Math.log1p(DEFAULT_TARGET_SUM)));
  assert.equal(gene.max, gene.values[40_000]);
  assert.equal(gene.values.filter((v) => v !== 0).length, 1);
});
