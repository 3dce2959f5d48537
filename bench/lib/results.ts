/** bench/results/<name>.json: each benchmark's machine-readable output, written atomically. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';

export function resultsDir(): string {
  return join(packageRoot(), 'bench', 'results');
}

/** Writes `data` (plus nothing else) as pretty JSON to bench/results/<name>.json. */
export async function writeResult(name: string, data: unknown): Promise<string> {
  const path = join(resultsDir(), `${name}.json`);
  await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** Reads bench/results/<name>.json, or undefined when that benchmark has not run yet. */
export async function readResult<T>(name: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(join(resultsDir(), `${name}.json`), 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
