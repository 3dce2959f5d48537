/**
 * How many threads the JavaScript-heavy searches use (the `threads` option, issue 15): the option's value
 * when given, otherwise one per logical core (os.availableParallelism()), capped at the schema's maximum.
 */
import { availableParallelism } from 'node:os';
import { OPTION_SCHEMA } from '../api/option-schema.js';

/** The thread count a search uses for `threads` (undefined: the core count); always 1 … the schema's max. */
export function resolveThreads(threads?: number): number {
  const { min, max } = OPTION_SCHEMA.threads;
  const wanted = threads ?? availableParallelism();
  return Math.max(min, Math.min(max, Math.floor(wanted)));
}
