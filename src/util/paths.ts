/**
 * Where the package's own files live. Code runs both from `src/` (through tsx in tests) and bundled from
 * `dist/`, so resources are found relative to the package root, never relative to the current file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreError } from '../api/core-error.js';

let cachedRoot: string | undefined;

/** The folder holding TripletLens's package.json. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
        if (pkg.name === 'tripletlens') return (cachedRoot = dir);
      } catch {
        // an unreadable package.json belongs to something else; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new CoreError('environment', 'Cannot find the tripletlens package root');
    dir = parent;
  }
}

/** The package's version from package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * A path in the labelled datasets kept beside the package for tests and benchmarks (../shared/data, see its
 * README.md; CI puts shared/ beside the clone). The app itself never reads them.
 */
export function sharedDataPath(...parts: string[]): string {
  return join(packageRoot(), '..', 'shared', 'data', ...parts);
}

/** The bundled sample expression file (see samples/README.md for its provenance and licence). */
export function samplePath(): string {
  return join(packageRoot(), 'samples', 'pbmc68k_reduced_lognorm.csv');
}
