/**
 * What the host says when the engine worker dies: which file (if any) was being opened and is therefore not
 * loaded, which data the next call reopens, and the likely cause — so the page never claims data is loaded
 * when it is not. Also the id bookkeeping that keeps run and dataset ids unique across worker restarts.
 */
import type { FileSource } from '../api/engine-api.js';

/** A short name for a file source, as the page shows it (the file's base name, or "the sample"). */
export function sourceLabel(source: FileSource | undefined): string {
  switch (source?.kind) {
    case 'sample':
      return 'the sample';
    case 'path':
      return baseName(String(source.path));
    case 'upload':
    case 'uploaded':
      return String(source.name);
    default:
      return 'the file';
  }
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? path;
}

export interface ExitFacts {
  code: number | null;
  signal: string | null;
  /** The host asked the worker to exit. */
  expected: boolean;
  /** The file being opened when the worker died. */
  failedOpen: string | undefined;
  /** The data the next call reopens, or null. */
  reopens: string | null;
  /** What the next call reopens is a session (its data, if found, and its map). Default false. */
  reopensSession?: boolean;
  /**
   * Projected cells the fresh worker will not hold again (their map is not brought back), in the notice's words
   * — 'The projected cells (query.csv)' —, or null. Default null.
   */
  lostProjection?: string | null;
}

/** One readable paragraph: what happened, what is not loaded, what will be reopened. */
export function describeExit(facts: ExitFacts): string {
  const how = facts.signal ? `was killed by ${facts.signal}` : `exited with code ${facts.code}`;
  // V8's "heap out of memory" aborts the process (SIGABRT, exit code 134 through a shell)
  const memory = facts.signal === 'SIGABRT' || facts.code === 134 ? ' (it probably ran out of memory)' : '';
  const parts = [`The engine worker ${how}${facts.expected ? '' : ' unexpectedly'}${memory}.`];
  if (facts.failedOpen !== undefined) {
    parts.push(`${facts.failedOpen} was being opened and is not loaded.`);
  }
  if (facts.reopens === null) parts.push('No data is loaded.');
  else if (facts.reopensSession) {
    parts.push(`The session (${facts.reopens}) will be reopened with its map on the next action.`);
  } else parts.push(`The loaded data (${facts.reopens}) will be reopened on the next action.`);
  if (facts.lostProjection) parts.push(`${facts.lostProjection} are lost too: project the file again.`);
  return parts.join(' ');
}

/** The largest number N in any 'prefix-N' id among `value`'s string fields (0 when none). */
export function highestIdIn(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let best = 0;
  for (const field of Object.values(value as Record<string, unknown>)) {
    if (typeof field !== 'string') continue;
    const match = /-(\d+)$/.exec(field);
    if (match) best = Math.max(best, Number(match[1]));
  }
  return best;
}
