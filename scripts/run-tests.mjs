// `npm test`: builds dist/ (the end-to-end tests drive the built CLI and UI), then runs every
// test/**/*.test.ts with node's test runner through tsx. Arguments filter test files by substring:
//   npm test -- data/        runs only the tests whose path contains "data/".
// Test files run as many at once as the machine has cores (TRIPLETLENS_TEST_CONCURRENCY overrides): one at a
// time took 23–35 min on 2 cores, most of it end-to-end files waiting on their serve, worker and Chromium.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = collect(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ') || '(all)'}`);
  process.exit(1);
}

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

/** How many test files run at once: TRIPLETLENS_TEST_CONCURRENCY when a positive integer, else the cores. */
function concurrency() {
  const asked = Number(process.env.TRIPLETLENS_TEST_CONCURRENCY);
  return Number.isInteger(asked) && asked > 0 ? asked : availableParallelism();
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency()}`, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TRIPLETLENS_TEST: '1' } },
);
process.exit(result.status ?? 1);
