// The page reaches the importer through the session: an import warning that names a setting names the page's
// field (Import settings ▸ Missing values, ▸ Decimal separator), on the Import screen and in a run's warnings,
// never the CLI's flags (--missing, --decimal) — both were named in one sentence ("--decimal comma; the app: …").
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { tempDir } from '../cli/helpers.js';
import { outcome } from './session-outcome.js';

const session = new EngineSession();
after(() => session.dispose());

test('a warning naming import settings reaches the Import screen and the run in the page’s words', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    // tab-separated, so ',' is not detected: G1's "0,25" are not numbers, and read as missing under 'zero'
    const rows = Array.from({ length: 30 }, (_, i) => {
      const g1 = i % 3 === 0 ? `${i},25` : String(i);
      return `c${i}\t${i % 2 ? 'T' : 'B'}\t${g1}\t${i % 5}\t${(i * 7) % 11}`;
    });
    const path = join(dir, 'commas.tsv');
    await writeFile(path, `cell\ttype\tG1\tG2\tG3\n${rows.join('\n')}\n`);
    const summary = await session.openFile({ kind: 'path', path }, { missing: 'zero' });
    const shown = summary.warnings.find((w) => w.code === 'bad-values-as-missing')?.message ?? '';
    const page =
      /under Import settings ▸ Missing values: read as 0\. .*\(Import settings ▸ Decimal separator: comma \(1,25\)\)\.$/;
    assert.match(shown, page);
    assert.doesNotMatch(shown, /--|the app:/);
    const done = outcome(session);
    await session.startTraining({ labelColumn: 'type', epochs: 1, snapshotEvery: 0 });
    const { warnings } = (await done).report as { warnings: string[] };
    const warned = warnings.find((w) => w.includes('not finite numbers')) ?? '';
    assert.match(warned, page);
    assert.doesNotMatch(warned, /--|the app:/);
  } finally {
    await cleanup();
  }
});
