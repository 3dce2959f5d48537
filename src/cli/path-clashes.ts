/**
 * Outputs must never destroy inputs or each other: `--out` equal to the input file, `--report` equal to
 * `--out`, the input inside the `--model` folder being replaced, or an output replacing a file of the model
 * folder `embed` reads. Every output path is compared with every input and with every other output, after
 * resolving links, before any work starts; a clash is a UsageError (exit 2) naming both options and the path
 * (an output whose path was made from the input's name as such, not by an option the user never gave).
 */
import { stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { canonicalPath } from '../util/canonical-path.js';
import { UsageError } from './usage-error.js';

/** A path a command reads or writes, named as the user named it ("--out", "the input FILE"). */
export interface CommandPath {
  option: string;
  path: string;
  role: 'input' | 'output';
  /** A folder is compared with everything inside it too. Default 'file'. */
  kind?: 'file' | 'folder';
  /**
   * Where an output's path came from when `option` was not given ("made from the input's name"): the message
   * names it so, not by an option the user never gave (default: undefined, the user gave it).
   */
  madeFrom?: string;
}

interface Resolved extends CommandPath {
  canonical: string;
  /** Device and inode when the path exists: catches hard links to the same file. */
  identity?: string;
}

async function resolvePath(entry: CommandPath): Promise<Resolved> {
  const canonical = await canonicalPath(entry.path);
  const info = await stat(canonical).catch(() => undefined);
  return { ...entry, canonical, identity: info ? `${info.dev}:${info.ino}` : undefined };
}

function isInside(path: string, folder: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

/** How a message names a path: its option, or "the output made from the input's name (no --out was given)". */
function named(entry: CommandPath): string {
  return entry.madeFrom === undefined
    ? entry.option
    : `the output ${entry.madeFrom} (no ${entry.option} was given)`;
}

/** A path inside a folder, with where it is: "--out (/d/x.csv)", "the output /d/x.csv (made from …; no --out was given)". */
function placed(entry: Resolved): string {
  return entry.madeFrom === undefined
    ? `${entry.option} (${entry.canonical})`
    : `the output ${entry.canonical} (${entry.madeFrom}; no ${entry.option} was given)`;
}

function clashMessage(command: string, a: Resolved, b: Resolved): string | undefined {
  const same = a.canonical === b.canonical || (a.identity !== undefined && a.identity === b.identity);
  if (same) {
    const output = b.role === 'output' ? b : a;
    return `tripletlens ${command}: ${named(a)} and ${named(b)} are the same path (${a.canonical}); give ${output.option} a different path`;
  }
  for (const [inner, outer] of [
    [a, b],
    [b, a],
  ]) {
    // a new file inside a folder that is only read harms nothing; replacing one of its files might
    const harmless = outer.role === 'input' && inner.identity === undefined;
    if (outer.kind === 'folder' && isInside(inner.canonical, outer.canonical) && !harmless) {
      const doing = outer.role === 'output' ? 'replaces as a whole' : 'reads';
      const move = inner.role === 'output' ? inner.option : outer.option;
      return `tripletlens ${command}: ${placed(inner)} is inside the ${outer.option} folder (${outer.canonical}), which ${command} ${doing}; give ${move} a path outside it`;
    }
  }
  return undefined;
}

/** Throws a UsageError when an output is an input, another output, or inside (or around) a folder one. */
export async function checkPathClashes(command: string, paths: readonly CommandPath[]): Promise<void> {
  const resolved = await Promise.all(paths.map(resolvePath));
  for (let i = 0; i < resolved.length; i++) {
    for (let j = i + 1; j < resolved.length; j++) {
      if (resolved[i].role === 'input' && resolved[j].role === 'input') continue;
      const message = clashMessage(command, resolved[i], resolved[j]);
      if (message) throw new UsageError(message);
    }
  }
}
