// The projected cells' CSV in `.tripletlens` sessions (session-file.ts, projection-result.ts `projectedCsv`):
// Save session keeps no CSV of the projected cells — at 10^6 cells it was ~54 MB of the session, beside the same
// numbers in binary — only the names of its id and label columns; Export projected cells after reopening makes
// it again from the cells the session holds, byte for byte the CSV exported before saving: ids and labels that
// need quoting or defusing, the file's own label column or one joined, joined columns (empty values, a name
// taken twice), the numbers as the embedding wrote them. A session saved before (projected/cells.csv, format 1)
// opens and exports its CSV as saved, and a resave keeps it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FileSource, TextExport } from '../../src/api/engine-api.js';
import { parseSession } from '../../src/engine/session-file.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { readZip, writeZip } from '../../src/util/zip-archive.js';
import { outcome } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-session-projected-csv-'));
const MANIFEST = 'tripletlens-session.json';
const CSV_ENTRY = 'projected/cells.csv';

after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A CSV field as a spreadsheet writes it: quoted when it holds a comma, a quote or a line break. */
const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const write = (name: string, rows: string[][]) => {
  writeFileSync(join(dir, name), rows.map((r) => r.map(field).join(',')).join('\n') + '\n');
  return { kind: 'path', path: join(dir, name) } as const;
};

/** cells.csv's rows, the first cells' ids changed to ones that need quoting or defusing in a CSV. */
const rows = readFileSync(join(FORMATS, 'cells.csv'), 'utf8')
  .trim()
  .split('\n')
  .map((r) => r.split(','));
const odd = ['a,b', 'say "hi"', '=HYPERLINK("x")', '-41', '@home'];
const ids = rows.slice(1).map((r, i) => odd[i] ?? r[0]);
const genes = rows[0].indexOf('GENE00');
/**
 * The cells' genes; cells 6–11 halfway between two cells of other classes, so their confidence is a fraction
 * (the others are 1).
 */
const geneRows = rows
  .slice(1)
  .map((r, i, all) =>
    i >= 6 && i < 12
      ? r.slice(genes).map((v, g) => String((Number(v) + Number(all[i + 1][genes + g])) / 2))
      : r.slice(genes),
  );
/** The query's rows: an id column named `idName`, the label column when `label`, then the genes. */
const queryRows = (idName: string, label: boolean) => [
  [idName, ...(label ? ['cell_type'] : []), ...rows[0].slice(genes)],
  ...rows
    .slice(1)
    .map((r, i) => [ids[i], ...(label ? [i === 1 ? 'B cell, naive' : r[1]] : []), ...geneRows[i]]),
];

before(async () => {
  await session.openFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  await done;
});

/** A new engine that opens `bytes` as a session and exports its projected cells (closed after). */
async function exportReopened(bytes: Uint8Array): Promise<TextExport> {
  const fresh = new EngineSession();
  try {
    const opened = await fresh.openSession({ kind: 'upload', name: 'p.tripletlens', bytes });
    assert.ok(opened.projected, 'the projected cells came back');
    return await fresh.exportProjected(opened.projected.projectionId);
  } finally {
    fresh.dispose();
  }
}

/** Projects `query` (with `meta` joined), exports, saves by id; returns the export and the session's bytes. */
async function projectAndSave(
  query: FileSource,
  meta: FileSource | null,
): Promise<{ exported: TextExport; bytes: Uint8Array }> {
  const embedded = await session.embedFile(query, {}, meta);
  const exported = await session.exportProjected(embedded.projectionId);
  const saved = await session.saveSession({
    editedLabels: null,
    selection: new Int32Array(0),
    projected: { projectionId: embedded.projectionId },
  });
  return { exported, bytes: saved.bytes };
}

const manifestOf = (bytes: Uint8Array) =>
  JSON.parse(new TextDecoder().decode(readZip(bytes).get(MANIFEST))) as {
    formatVersion: number;
    projected: { csvColumns?: unknown };
  };

const variants: [string, () => [FileSource, FileSource | null], RegExp][] = [
  [
    "the file's own label column and a metadata file (a column of the label's name, empty values, quotes)",
    () => [
      write('own.csv', queryRows('cell "id", x', true)),
      write('own-meta.csv', [
        ['id', 'note', 'cell_type', 'score'],
        ...ids.map((id, i) => [
          id,
          ['', 'a, "b"', 'x\ny', '=1+1'][i % 4],
          `t${i % 3}`,
          ['0.10', '-3', '1e-5'][i % 3],
        ]),
      ]),
    ],
    /^"cell ""id"", x",cell_type,x,y,z,predicted_label,confidence,note,cell_type\.1,score\n"a,b",B cell,/,
  ],
  [
    'the label column joined from the metadata file (the query has none)',
    () => [
      write('joined.csv', queryRows('cell_id', false)),
      write('joined-meta.csv', [
        ['cell_id', 'cell_type', 'donor'],
        ...ids.map((id, i) => [id, rows[i + 1][1], i % 2 ? 'donor, B' : '']),
      ]),
    ],
    /^cell_id,cell_type,x,y,z,predicted_label,confidence,donor\n"a,b",B cell,/,
  ],
  [
    'no labels and nothing joined',
    () => [write('bare.csv', queryRows('barcode', false)), null],
    /^barcode,x,y,z,predicted_label,confidence\n"a,b",[-\d.e]+,[-\d.e]+,[-\d.e]+,B cell,[\d.]+\n"say ""hi""",.*\n"'=HYPERLINK\(""x""\)",.*\n-41,.*\n'@home,/,
  ],
];

for (const [name, files, start] of variants) {
  test(`no CSV in the session; reopened, the export is the one before saving — ${name}`, async () => {
    const [query, meta] = files();
    const { exported, bytes } = await projectAndSave(query, meta);
    assert.match(exported.text, start);
    const confidences = exported.text.split('\n').map((l) => /,(0\.\d+),/.exec(l)?.[1]);
    assert.ok(confidences.some(Boolean), 'some confidence is a fraction');
    assert.equal(readZip(bytes).has(CSV_ENTRY), false, 'no projected/cells.csv');
    const manifest = manifestOf(bytes);
    assert.equal(manifest.formatVersion, 2, 'a format 1 reader would miss the CSV');
    assert.equal(typeof manifest.projected.csvColumns, 'object');
    const reopened = await exportReopened(bytes);
    assert.equal(reopened.text, exported.text, 'byte for byte');
    assert.deepEqual(reopened, exported);
    // a resave of the reopened session by its own id: the same again
    const fresh = new EngineSession();
    try {
      const opened = await fresh.openSession({ kind: 'upload', name: 'p.tripletlens', bytes });
      const again = await fresh.saveSession({
        editedLabels: null,
        selection: new Int32Array(0),
        projected: { projectionId: opened.projected?.projectionId ?? '' },
      });
      assert.equal(readZip(again.bytes).has(CSV_ENTRY), false);
      assert.deepEqual(await exportReopened(again.bytes), exported);
    } finally {
      fresh.dispose();
    }
  });
}

/**
 * `bytes` (a session saved with projected cells) as the writer before 2026-12-03 laid it out: format 1, no
 * csvColumns, the CSV `csv` in projected/cells.csv.
 */
function oldLayout(bytes: Uint8Array, csv: string): Uint8Array {
  const files = readZip(bytes);
  const manifest = manifestOf(bytes);
  manifest.formatVersion = 1;
  delete manifest.projected.csvColumns;
  files.set(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
  files.set(CSV_ENTRY, new TextEncoder().encode(csv));
  return writeZip([...files].map(([name, data]) => ({ name, data })));
}

test('a session saved before, with its CSV in projected/cells.csv, opens, exports it as saved, and a resave keeps it', async () => {
  const [query, meta] = variants[0][1]();
  const { exported, bytes } = await projectAndSave(query, meta);
  const old = oldLayout(bytes, exported.text);
  assert.deepEqual(await exportReopened(old), exported);
  // its text as saved, whatever made it (an older version's columns), not made again
  const older = exported.text.replace(/,note,cell_type\.1,score\n/, '\n');
  assert.notEqual(older, exported.text);
  const fresh = new EngineSession();
  try {
    const opened = await fresh.openSession({
      kind: 'upload',
      name: 'p.tripletlens',
      bytes: oldLayout(bytes, older),
    });
    const id = opened.projected?.projectionId ?? '';
    assert.equal((await fresh.exportProjected(id)).text, older);
    const again = await fresh.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: { projectionId: id },
    });
    assert.equal(new TextDecoder().decode(readZip(again.bytes).get(CSV_ENTRY)), older, 'kept in a resave');
    assert.equal(manifestOf(again.bytes).formatVersion, 1, 'still readable by the versions before');
    assert.deepEqual(parseSession(again.bytes, 'again').projected?.csv, { text: older });
  } finally {
    fresh.dispose();
  }
});

test('projected cells without their CSV or its column names, or with damaged names, are named as damaged', async () => {
  const { bytes } = await projectAndSave(write('bare2.csv', queryRows('barcode', false)), null);
  const edit = (patch: (m: { projected: Record<string, unknown> }) => void, drop: string | null = null) => {
    const files = readZip(bytes);
    const manifest = manifestOf(bytes) as unknown as { projected: Record<string, unknown> };
    patch(manifest);
    files.set(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
    if (drop) files.delete(drop);
    return writeZip([...files].map(([name, data]) => ({ name, data })));
  };
  const cases: [Uint8Array, RegExp][] = [
    [edit((m) => delete m.projected.csvColumns), /the projected cells \(projected\/cells\.csv\) have no CSV/],
    [
      edit((m) => (m.projected.csvColumns = { idColumn: 7 })),
      /the projected cells have damaged CSV column names \(csvColumns\)/,
    ],
    [
      (() => {
        const files = readZip(bytes);
        files.set('projected/confidence.f32', new Uint8Array(new Float32Array(40).fill(Number.NaN).buffer));
        return writeZip([...files].map(([name, data]) => ({ name, data })));
      })(),
      /the projected cells have non-finite confidences/,
    ],
  ];
  for (const [damaged, message] of cases) {
    assert.throws(
      () => parseSession(damaged, 's.tripletlens'),
      (err: unknown) =>
        err instanceof Error &&
        err.message.startsWith('s.tripletlens cannot be opened as a TripletLens session: it is damaged (') &&
        message.test(err.message),
      String(message),
    );
  }
});
