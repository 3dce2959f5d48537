/**
 * Resolves npm packages from TripletLens's own folder. Code runs from `src/` (tsx) and bundled from `dist/`;
 * resolving from the package root finds the same node_modules both ways, including packages that are
 * optional or were added after install (tfjs-node from `scripts/setup-native-offline`).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';

/** A CommonJS `require` rooted at the package's package.json. */
export function requireFromRoot(): NodeRequire {
  return createRequire(join(packageRoot(), 'package.json'));
}
