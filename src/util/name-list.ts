/**
 * A list of names for a message, quoted and cut short: a label column of 400 one-cell classes must not turn
 * one warning into a screenful. "'A', 'B', 'C'" or "'A', 'B', … (400 in all)".
 */

import { countText } from '../api/count-text.js';

/** How many names a message shows before it summarises the rest. */
export const NAMES_SHOWN = 10;

export function quotedNames(names: readonly string[], shown: number = NAMES_SHOWN): string {
  const quoted = names.slice(0, shown).map((n) => `'${n}'`);
  return names.length > shown
    ? `${quoted.join(', ')}, … (${countText(names.length)} in all)`
    : quoted.join(', ');
}
