// The app's "Project another file" (EngineSession.embedFile) finds the trained model's genes through gene ids
// as `embed` does, and says so in the result's warnings, which the page shows as notices; a saved and reopened
// session keeps the ids.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { EmbedResult } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { nextOutcome } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const dir = mkdtempSync(join(tmpdir(), 'tl-session-ids-'));
const sessions: EngineSession[] = [];
after(() => {
  for (const s of sessions) s.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** cells.csv with each gene header replaced by its Ensembl id (cells.py: ENSG + the gene's position). */
function ensemblCsv(): Uint8Array {
  const lines = readFileSync(join(FORMATS, 'cells.csv'), 'utf8').split('\n');
  const header = lines[0].split(',');
  const first = header.indexOf('GENE00');
  lines[0] = header.map((h, i) => (i < first ? h : `ENSG${String(i - first).padStart(11, '0')}`)).join(',');
  return new TextEncoder().encode(lines.join('\n'));
}

async function trained(): Promise<EngineSession> {
  const session = new EngineSession();
  sessions.push(session);
  await session.openFile({ kind: 'path', path: join(FORMATS, 'tenx_v3') });
  await session.openMetadata({ kind: 'path', path: join(FORMATS, 'cells_meta.csv') });
  const outcome = nextOutcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  const event = await outcome;
  assert.equal(event.type, 'run-finished', JSON.stringify(event));
  return session;
}

function assertFoundById(embedded: EmbedResult, reference: EmbedResult): void {
  assert.deepEqual(embedded.missingGenes, []);
  assert.ok(
    embedded.warnings.some((w) =>
      /^30 of the model's 30 genes were found in ensembl\.csv by gene id, not by name/.test(w),
    ),
    embedded.warnings.join(' | '),
  );
  assert.equal(embedded.coords.data.length, reference.coords.data.length);
  embedded.coords.data.forEach((v, i) =>
    assert.ok(Math.abs(v - reference.coords.data[i]) < 1e-5, `value ${i}`),
  );
}

test('a file of Ensembl ids projected onto a map trained on a 10x folder of symbols: same places, said in the warnings', async () => {
  const session = await trained();
  const reference = await session.embedFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  assert.ok(!reference.warnings.some((w) => /gene id/.test(w)), 'names matched: nothing to say');
  const embedded = await session.embedFile({ kind: 'upload', name: 'ensembl.csv', bytes: ensemblCsv() });
  assertFoundById(embedded, reference);

  const saved = await session.saveSession({ editedLabels: null, selection: new Int32Array(0) });
  const path = join(dir, saved.fileName);
  writeFileSync(path, saved.bytes);
  const fresh = new EngineSession();
  sessions.push(fresh);
  const opened = await fresh.openSession({ kind: 'path', path });
  assert.equal(opened.inputStatus, 'attached', opened.inputMessage);
  assertFoundById(
    await fresh.embedFile({ kind: 'upload', name: 'ensembl.csv', bytes: ensemblCsv() }),
    reference,
  );
});
