// The page's metadata file (EngineSession.openMetadata) saved by a spreadsheet in a Swedish locale: its
// decimal-comma purity and age are measurements — continuous, not offered as the label — as `--meta-file`'s are
// (src/data/comma-metadata.ts); joined as text, purity's 3 values were a choosable label.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { tempDir } from '../cli/helpers.js';
import { writeSwedishMetadata } from '../data/swedish-metadata.js';

const session = new EngineSession();
after(() => session.dispose());

test("a ';' metadata file's decimal-comma columns are continuous in the summary, with an info note", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const meta = join(dir, 'meta_sv.csv');
    await writeSwedishMetadata(meta);
    await session.openFile({
      kind: 'path',
      path: join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv'),
    });
    const summary = await session.openMetadata({ kind: 'path', path: meta });
    const column = (name: string) => summary.metadata.find((m) => m.name === name);
    assert.equal(column('purity')?.continuous, true);
    assert.equal(column('age')?.continuous, true);
    assert.ok(!column('batch')?.continuous, 'whole numbers stay a label');
    assert.deepEqual(
      column('purity')
        ?.topValues.map((v) => v.value)
        .sort(),
      ['0.7', '0.8', '0.9'],
    );
    const note = summary.warnings.find((w) => w.code === 'metadata-decimal-comma');
    assert.equal(note?.info, true);
    assert.match(
      note?.message ?? '',
      /^Metadata file \S*meta_sv\.csv: ',' was read as the decimal separator/,
    );
  } finally {
    await cleanup();
  }
});

// The page's Import settings ▸ Decimal separator reads its metadata file too (openMetadata joins it with the data
// file's settings): a tab-separated file's 0,7 was text with ',' chosen, and '.' could not keep a ';' file's.
test("the chosen decimal separator reads the page's metadata file: ',' a tab file's, '.' keeps a ';' file's", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const tabbed = join(dir, 'meta_sv.tsv');
    const sv = join(dir, 'meta_sv.csv');
    await writeSwedishMetadata(tabbed, '\t');
    await writeSwedishMetadata(sv);
    const cells = {
      kind: 'path' as const,
      path: join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv'),
    };
    await session.openFile(cells, { decimal: ',' });
    const comma = await session.openMetadata({ kind: 'path', path: tabbed });
    assert.equal(comma.metadata.find((m) => m.name === 'purity')?.continuous, true);
    assert.equal(comma.metadata.find((m) => m.name === 'age')?.continuous, true);
    await session.openFile(cells, { decimal: '.' });
    const dot = await session.openMetadata({ kind: 'path', path: sv });
    const purity = dot.metadata.find((m) => m.name === 'purity');
    assert.ok(!purity?.continuous);
    assert.deepEqual(purity?.topValues.map((v) => v.value).sort(), ['0,7', '0,8', '0,9']);
    assert.equal(
      dot.warnings.find((w) => w.code === 'metadata-decimal-comma'),
      undefined,
    );
  } finally {
    await cleanup();
  }
});

// An h5ad is opened without a decimal separator (it has no text; one is refused): the page sends the one chosen
// with the metadata file, which reads its numbers only. Without it a tab-separated file's 0,7 stayed text, and
// purity's 3 values were a label to pick.
test("openMetadata's decimal ',' reads a tab-separated file joined to an h5ad as numbers, with a note", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const tabbed = join(dir, 'meta_sv.tsv');
    await writeSwedishMetadata(tabbed, '\t');
    await session.openFile({
      kind: 'path',
      path: join(packageRoot(), 'test', 'fixtures', 'formats', 'dense.h5ad'),
    });
    const detected = await session.openMetadata({ kind: 'path', path: tabbed });
    assert.ok(!detected.metadata.find((m) => m.name === 'purity')?.continuous, 'detection reads text');
    const comma = await session.openMetadata({ kind: 'path', path: tabbed }, { decimal: ',' });
    for (const name of ['purity', 'age']) {
      assert.equal(comma.metadata.find((m) => m.name === name)?.continuous, true, name);
    }
    const note = comma.warnings.find((w) => w.code === 'metadata-decimal-chosen');
    assert.equal(note?.info, true);
    assert.match(note?.message ?? '', /the decimal separator chosen, ',' .*reads its numbers only/);
  } finally {
    await cleanup();
  }
});
