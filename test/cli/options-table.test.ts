/** README.md's option tables are the ones the schema generates (npm run lint checks the same). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OPTION_KEYS } from '../../src/api/option-schema.js';
import { optionsTable, TABLE_END, TABLE_START, withOptionsTable } from '../../src/cli/options-table.js';
import { packageRoot } from '../../src/util/paths.js';

const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');

test('README.md holds the current option tables (run `npx tsx scripts/options-table.ts` when this fails)', () => {
  assert.equal(withOptionsTable(readme), readme);
});

test('the tables have one row per option, and a stale row is replaced', () => {
  const table = optionsTable();
  for (const key of OPTION_KEYS) assert.equal(table.split(`\n| \`${key}\` |`).length, 2, key);
  const stale = readme.replace(/\| `batchSize` \|[^\n]*/, '| `batchSize` | `--batch-size N` | old |');
  assert.notEqual(stale, readme);
  assert.equal(withOptionsTable(stale), readme);
  assert.throws(() => withOptionsTable(readme.replace(TABLE_END, '')), /markers/);
  assert.ok(readme.includes(TABLE_START));
});
