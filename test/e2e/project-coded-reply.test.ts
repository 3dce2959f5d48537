/**
 * End-to-end, a projected file of more cells than the wire codes (src/api/wire.ts `categoricalStrings`: 1 024
 * and up), in `tripletlens serve` and Chromium: the embedFile reply carries the predicted classes and a joined
 * metadata column as categories and int32 codes, and the page decodes them back — the crosses by predicted
 * class and by donor count the cells the engine's own export (Export projected cells) gives each.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeFrame } from '../../src/api/wire.js';
import { exportProjectedCells, openAndTrainOnBrowsedFile, waitFor } from './browser-session.js';
import {
  PROJECTED_TRACES,
  projectQuery,
  writeTrainingAndQuery,
  type ProjectedTrace,
} from './project-steps.js';
import { browserSessionHooks } from './session-hooks.js';

const COPIES = 60; // 40 cells × 60 = 2 400 projected cells

/** Counts of each value of `values`, as sorted [value, count] pairs. */
function counts(values: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** The projected traces' points per trace name less its prefix, as sorted pairs. */
const pointsBy = (traces: ProjectedTrace[], prefix: string): [string, number][] =>
  traces
    .map((t): [string, number] => [t.name.slice(prefix.length).trim(), t.points])
    .sort(([a], [b]) => (a < b ? -1 : 1));

describe(
  'a projected file of thousands of cells: its categorical columns travel coded',
  { timeout: 300_000 },
  () => {
    const opened = browserSessionHooks('projcoded', {
      prepare: (session) => {
        writeTrainingAndQuery(session.work);
        // query.csv's 40 cells 60 times, each copy its own ids; a metadata file gives every cell a donor
        const [header, ...rows] = readFileSync(join(session.work, 'query.csv'), 'utf8').trim().split('\n');
        const many = Array.from({ length: COPIES }, (_, k) =>
          rows.map((r) => r.replace(/^([^,]+)/, `$1_${k}`)),
        ).flat();
        writeFileSync(join(session.work, 'query.csv'), `${[header, ...many].join('\n')}\n`);
        const meta = many.map((r, i) => `${r.split(',')[0]},donor_${i % 3}`);
        writeFileSync(join(session.work, 'query_meta.csv'), `cell_id,donor\n${meta.join('\n')}\n`);
      },
      // openAndTrainOnBrowsedFile goes to serve's page itself
      goto: false,
      ready: (session) => openAndTrainOnBrowsedFile(session, 'cells.csv'),
    });

    test('the reply codes the predicted classes and the donor column; the crosses count as the export', async () => {
      const { session, page } = opened;
      await page.getByTestId('project-meta-file').setInputFiles({
        name: 'query_meta.csv',
        mimeType: 'text/csv',
        buffer: readFileSync(join(session.work, 'query_meta.csv')),
      });
      await page.getByTestId('project-meta-chosen').getByText('query_meta.csv').waitFor();
      const reply = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/embedFile');
      await projectQuery(page);
      const body = await (await reply).body();
      const header = JSON.parse(body.subarray(8, 8 + body.readUInt32LE(4)).toString('utf8')) as {
        result: { predicted: object; joinedMetadata: { values: object }[]; ids: unknown };
      };
      assert.ok('$strings' in header.result.predicted, 'the predicted classes travel coded');
      assert.ok('$strings' in header.result.joinedMetadata[0].values, 'the donor column travels coded');
      assert.ok(Array.isArray(header.result.ids), 'the ids (all distinct) travel as they are');
      const decoded = decodeFrame(body) as { result: { predicted: string[] } };
      assert.equal(decoded.result.predicted.length, 40 * COPIES);

      await page
        .getByTestId('project-info')
        .getByText('Metadata from query_meta.csv')
        .waitFor({ timeout: 120_000 });
      const { text } = await exportProjectedCells(session);
      const lines = text
        .trim()
        .split('\n')
        .map((l) => l.split(','));
      const column = (name: string) => lines.slice(1).map((l) => l[lines[0].indexOf(name)]);
      assert.equal(lines.length, 40 * COPIES + 1);

      const byClass = await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) => t.length > 0);
      const prefix = byClass[0].name.replace(/[^:→]*$/, '');
      assert.deepEqual(pointsBy(byClass, prefix), counts(column('predicted_label')), JSON.stringify(byClass));

      await page.getByTestId('project-colour').selectOption('donor');
      const byDonor = await waitFor<ProjectedTrace[]>(page, PROJECTED_TRACES, (t) =>
        t.every((x) => x.name.startsWith('query.csv → donor: ')),
      );
      assert.deepEqual(pointsBy(byDonor, 'query.csv → donor: '), counts(column('donor')));
      assert.deepEqual(session.problems, []);
    });
  },
);
