// Project another file with a metadata file of decimal commas (test/data/swedish-metadata.ts), through Save
// session and reopen: the joined purity and age come back as the numbers the join read ('0.7', '40.5'), in the
// reopened projection and in its exported CSV — a ';' file by detection, and a tab-separated one joined to a
// projected h5ad with the decimal separator chosen (embedFile's settings), which reads the metadata file only.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EmbedResult, ImportSettings } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { writeSwedishMetadata } from '../data/swedish-metadata.js';
import { outcome } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-session-projected-decimal-'));

after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

before(async () => {
  await session.openFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  await done;
});

/** The projected cells of `embedded` saved in a session and reopened by a new engine, with their CSV. */
async function savedAndReopened(embedded: EmbedResult): Promise<{ projected: EmbedResult; csv: string }> {
  const saved = await session.saveSession({
    editedLabels: null,
    selection: new Int32Array(0),
    projected: embedded,
  });
  const fresh = new EngineSession();
  try {
    const opened = await fresh.openSession({ kind: 'upload', name: 'p.tripletlens', bytes: saved.bytes });
    assert.ok(opened.projected, 'the projected cells came back');
    const csv = (await fresh.exportProjected(opened.projected.projectionId)).text;
    return { projected: opened.projected, csv };
  } finally {
    fresh.dispose();
  }
}

/** The values of `name` in a projected CSV's rows. */
function csvColumn(csv: string, name: string): string[] {
  const [header, ...rows] = csv.trim().split('\n');
  const at = header.split(',').indexOf(name);
  assert.notEqual(at, -1, header);
  return rows.map((row) => row.split(',')[at]);
}

const cases: { what: string; file: string; delimiter: ';' | '\t'; data: string; settings: ImportSettings }[] =
  [
    { what: "a ';' file, detected", file: 'meta_sv.csv', delimiter: ';', data: 'cells.csv', settings: {} },
    {
      what: "a tab-separated file joined to an h5ad, with ',' chosen",
      file: 'meta_sv.tsv',
      delimiter: '\t',
      data: 'dense.h5ad',
      settings: { decimal: ',' },
    },
  ];

for (const c of cases) {
  test(`${c.what}: the joined numbers come back as numbers after Save session and reopen`, async () => {
    const meta = join(dir, c.file);
    await writeSwedishMetadata(meta, c.delimiter);
    const embedded = await session.embedFile({ kind: 'path', path: join(FORMATS, c.data) }, c.settings, {
      kind: 'path',
      path: meta,
    });
    const column = (p: EmbedResult, name: string) => p.joinedMetadata.find((m) => m.name === name)?.values;
    assert.deepEqual(column(embedded, 'purity')?.slice(0, 5), ['0.7', '0.8', '0.9', '0.7', 'NA']);
    assert.deepEqual(column(embedded, 'age')?.slice(0, 2), ['40.5', '41.5']);
    const { projected, csv } = await savedAndReopened(embedded);
    assert.deepEqual(projected.joinedMetadata, embedded.joinedMetadata);
    assert.deepEqual(csvColumn(csv, 'purity').slice(0, 5), ['0.7', '0.8', '0.9', '0.7', 'NA']);
    assert.deepEqual(csvColumn(csv, 'age').slice(0, 2), ['40.5', '41.5']);
    assert.deepEqual(csvColumn(csv, 'batch').slice(0, 2), ['1', '2'], 'whole numbers as written');
  });
}
