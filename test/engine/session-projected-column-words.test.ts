// Project another file reads a file's columns as detected: it has no Id column, Genes start at nor Metadata
// columns of its own, and Import settings' re-read the open data, not the projected file. A projected CSV's
// column warnings told the page to "set Import settings ▸ Id column" and the like all the same; they now say
// what was found and leave that advice out (the CLI's `embed`, which takes --id and --meta, keeps it).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { samplePath } from '../../src/util/paths.js';
import { outcome } from './session-outcome.js';

const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-projected-columns-'));
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The sample's first `rows` cells as a CSV with no id column and an `age` column before the genes. */
function queryWithoutIds(rows: number): string {
  const lines = readFileSync(samplePath(), 'utf8').trim().split('\n');
  // the sample's columns: id, label, louvain, phase, then the genes
  const genes = (line: string) => line.split(',').slice(4);
  const body = lines.slice(1, rows + 1).map((line, i) => [String(30 + i), ...genes(line)].join(','));
  return [['age', ...genes(lines[0])].join(','), ...body].join('\n') + '\n';
}

test("a projected CSV's column warnings say what was found, not to set Import settings", async () => {
  const query = join(dir, 'no-ids.csv');
  writeFileSync(query, queryWithoutIds(20));
  await session.openFile({ kind: 'path', path: samplePath() });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
  await done;
  const embedded = await session.embedFile({ kind: 'path', path: query });
  const noId = embedded.warnings.find((w) => w.startsWith('No id column was found')) ?? '';
  assert.equal(noId, 'No id column was found; cells are named cell_1, cell_2, … in file order.');
  const age = embedded.warnings.find((w) => w.startsWith('Numeric columns kept as metadata')) ?? '';
  assert.equal(age, 'Numeric columns kept as metadata, not genes: age.');
  for (const w of embedded.warnings) assert.doesNotMatch(w, /Import settings|--[a-z]/, w);
});
