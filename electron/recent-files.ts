/**
 * The File ▸ Recent files list: a small JSON file in userData ({ "files": [paths, newest first] }), written
 * atomically so a crash mid-write never loses the list. A missing or unreadable list is an empty one.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../src/util/atomic-write.js';

export interface RecentFiles {
  /** The list, newest first. */
  list(): readonly string[];
  /** Moves `path` to the front (adding it), trims to `max`, saves. */
  add(path: string): Promise<void>;
  /** Removes `path` (e.g. it no longer exists), saves. */
  remove(path: string): Promise<void>;
  /** Empties the list, saves. */
  clear(): Promise<void>;
}

export interface RecentFilesOptions {
  /** How many paths to keep. Default 10. */
  max?: number;
}

/** Loads the list stored at `file` (typically join(app.getPath('userData'), 'recent-files.json')). */
export async function loadRecentFiles(file: string, options: RecentFilesOptions = {}): Promise<RecentFiles> {
  const max = options.max ?? 10;
  let files: string[] = [];
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { files?: unknown };
    if (Array.isArray(parsed.files)) {
      files = parsed.files.filter((f): f is string => typeof f === 'string' && f.length > 0).slice(0, max);
    }
  } catch {
    // first start, or a damaged list: start empty (the next save replaces it)
  }
  const save = () => writeFileAtomic(file, `${JSON.stringify({ files }, null, 2)}\n`);
  return {
    list: () => files,
    async add(path) {
      files = [path, ...files.filter((f) => f !== path)].slice(0, max);
      await save();
    },
    async remove(path) {
      files = files.filter((f) => f !== path);
      await save();
    },
    async clear() {
      files = [];
      await save();
    },
  };
}
