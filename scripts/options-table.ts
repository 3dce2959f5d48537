// Writes README.md's option tables from the option schema (src/cli/options-table.ts); with --check it only
// compares, and exits 1 naming the fix when the README's copy is stale (`npm run lint` runs the check).
//   npx tsx scripts/options-table.ts [--check]
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withOptionsTable } from '../src/cli/options-table.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const readme = await readFile(readmePath, 'utf8');
const current = withOptionsTable(readme);
if (process.argv.includes('--check')) {
  if (current !== readme) {
    console.error('README.md: the option tables are stale; run `npx tsx scripts/options-table.ts`');
    process.exitCode = 1;
  }
} else if (current !== readme) {
  await writeFileAtomic(readmePath, current);
  console.log('README.md: option tables updated');
}
