#!/usr/bin/env node
// Launches the built CLI (dist/, made by `npm run build`, which `npm ci` runs through `prepare`).
// Set TRIPLETLENS_FROM_SOURCE=1 to run the TypeScript sources through tsx instead (for development).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'run.js');
if (process.env.TRIPLETLENS_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'run.ts')).href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write(`tripletlens: the build is missing (${built}). Run 'npm run build' in ${root}.\n`);
  process.exitCode = 1;
}
