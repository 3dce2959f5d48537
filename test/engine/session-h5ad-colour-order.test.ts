/**
 * The app's AnnData export pairs each category of a label column with its colour as the page drew it. The
 * page's legend lists classes largest first, the file stores the label column's categories sorted, and scanpy
 * pairs uns['<column>_colors'] with the categories by position: a list written in the legend's order would
 * give every class another class's colour in sc.pl.embedding. On the PBMC sample, whose class sizes all
 * differ, the two orders differ, so a mispairing shows.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditedLabels } from '../../src/api/annotation.js';
import type { RunResult } from '../../src/api/engine-api.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { classesBySize, exportedClassColours, extendColourBook } from '../../renderer/class-colours.js';
import { ANNDATA_SKIP_REASON, checkWithAnndata } from './h5ad/anndata-check.js';
import { readBack } from './h5ad/read-back.js';
import { outcome } from './session-outcome.js';

const SAMPLE = join(packageRoot(), 'samples', 'pbmc68k_reduced_lognorm.csv');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-colour-order-'));
let run: RunResult;
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

before(async () => {
  await session.openFile({ kind: 'path', path: SAMPLE });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0 });
  run = await done;
});

test(
  'each category of the exported label, edited label and prediction columns has the colour the page drew it in',
  { skip: ANNDATA_SKIP_REASON },
  async () => {
    const legend = classesBySize(run.labels);
    // the page's colour book of a fresh map: its palette in the legend's order, plus a class made in Edit labels
    const book = exportedClassColours(Object.fromEntries(extendColourBook(new Map(), [...legend, 'Picked'])));
    const categories = [...legend, 'Picked'];
    const codes = Int32Array.from(run.labels, (l) => categories.indexOf(l));
    codes[0] = categories.length - 1;
    const edited: EditedLabels = { column: 'label_edited', source: 'label', categories, codes };
    const path = join(dir, 'out.h5ad');
    await session.exportAnnData(edited, { kind: 'path', path }, book);
    const n_vars = (await readBack(path)).varIndex.length;
    const shape = { n_obs: run.ids.length, n_vars, dims: run.coords.cols, sparse: false, colors: null };
    for (const column of ['label', 'label_edited', 'tripletlens_predicted']) {
      const found = checkWithAnndata(path, { ...shape, obs_columns: [column], color_by: column });
      assert.equal(found.colors.length, found.categories.length, column);
      assert.deepEqual(
        found.colors.map((c) => c.toLowerCase()),
        found.categories.map((c) => book[c]?.toLowerCase() ?? '#808080'),
        `${column}: uns colours paired with the file's categories by position`,
      );
      if (column === 'label') {
        assert.notDeepEqual(found.categories, legend, "the file's category order is not the legend's here");
      }
    }
  },
);
