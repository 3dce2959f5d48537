/**
 * How a crash replay ended and what it reports: reopened (all of it, or with what did not come back — a
 * session's input, its projected cells — in one notice's words), failed, or replaced by other data opened first.
 */
import type { FileSource } from '../api/engine-api.js';
import { sourceLabel } from './worker-exit-facts.js';

/**
 * What a replay that reopened the data did not bring back, which pages still show: `message` says it;
 * `projectionId`, projected cells it could not project again; `detachedRunId`, the reopened session (by its
 * run) whose input it could not load again — the map is held, its data is not.
 */
export interface ReplayIncomplete {
  message: string;
  projectionId?: string;
  detachedRunId?: string;
}

/**
 * How a replay that was due ended: it ran through ('reopened' — with `incomplete` when the data came back but
 * not all of it: a session's input, its projected cells), failed (`why`: the error's message), or was dropped
 * because other data was opened first ('replaced').
 */
export type ReplayOutcome =
  | { outcome: 'reopened'; incomplete?: ReplayIncomplete }
  | { outcome: 'failed'; why: string }
  | { outcome: 'replaced' };

/** A reopened session whose input the replay could not load again: its run, and why (a clause). */
export type Detached = { runId: string; why: string };

/** Projected cells the replay could not project again: their projection's id, and why (a clause). */
export type LostProjection = { id: string; why: string };

/** `text` ending as a sentence does (a message may end with or without its full stop). */
export function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/**
 * The data reopened (from `reopens`, the session's file), but not all of it: what is not, in one notice's
 * words (undefined: all is back).
 */
export function incompleteReplay(
  reopens: FileSource | null,
  detached: Detached | undefined,
  lost: LostProjection | undefined,
): ReplayIncomplete | undefined {
  if (!detached && !lost) return undefined;
  const session = reopens ? ` (${sourceLabel(reopens)})` : '';
  const clauses = [detached?.why, lost?.why].filter((c): c is string => c !== undefined);
  return {
    message: `The engine process stopped; its session${session} was reopened with its map, but ${clauses.join(' And ')}`,
    ...(lost ? { projectionId: lost.id } : {}),
    ...(detached ? { detachedRunId: detached.runId } : {}),
  };
}
