/**
 * Guesses the field delimiter and the line ending from the start of a file. Only comma, tab and semicolon
 * are candidates: a delimiter must appear on the header line and the same number of times on each of the
 * next lines (quoted text ignored). This also keeps a semicolon file with decimal commas from being read as
 * comma-separated, since its header has no commas.
 */
import type { Delimiter } from './options.js';

export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';'];

const QUOTED = /"(?:[^"]|"")*"/g;

function occurrences(line: string, delimiter: string): number {
  let count = 0;
  for (let i = line.indexOf(delimiter); i !== -1; i = line.indexOf(delimiter, i + 1)) count++;
  return count;
}

/** The first non-blank lines of `text` (a trailing partial line is dropped unless it is all there is). */
function sampleLines(text: string, max: number): string[] {
  const withoutQuoted = text.replace(QUOTED, '""');
  const lines = withoutQuoted.split(/\r\n|\n|\r/);
  if (lines.length > 1) lines.pop();
  return lines.filter((line) => line.trim() !== '').slice(0, max);
}

/** The delimiter of the table starting with `text`, or undefined when none of the candidates appears. */
export function detectDelimiter(text: string): Delimiter | undefined {
  const lines = sampleLines(text, 30);
  if (lines.length === 0) return undefined;
  const [header, ...rest] = lines;
  let best: Delimiter | undefined;
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const count = occurrences(header, delimiter);
    if (count === 0) continue;
    const consistent = rest.every((line) => occurrences(line, delimiter) === count);
    // A consistent delimiter beats any inconsistent one; among equals, more columns wins.
    const score = (consistent ? 1e9 : 0) + count;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** The line ending used by the first line break outside quotes: '\r\n', '\n' or '\r'. */
export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const plain = text.replace(QUOTED, '""');
  const n = plain.indexOf('\n');
  const r = plain.indexOf('\r');
  if (r !== -1 && (n === -1 || r < n)) return plain[r + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/** How a delimiter is named in messages. */
export function delimiterName(delimiter: string): string {
  if (delimiter === '\t') return 'tab';
  if (delimiter === ',') return "comma ','";
  if (delimiter === ';') return "semicolon ';'";
  return `'${delimiter}'`;
}
