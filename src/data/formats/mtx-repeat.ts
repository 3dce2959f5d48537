/**
 * Finds the lines of a repeated MatrixMarket entry. Only run after the fast parse found a repeat (it keeps
 * no line numbers per entry), so this second, simple read costs nothing on good files.
 */
import type { DataSource } from '../options.js';
import { readSourceText } from '../source-text.js';

/** The 1-based lines of the first two entries at (row, col) (1-based file coordinates). */
export async function linesOfEntry(
  source: DataSource,
  sizeLine: number,
  row: number,
  col: number,
): Promise<number[]> {
  const found: number[] = [];
  let line = 0;
  let carry = '';
  const take = (text: string): void => {
    line++;
    if (line <= sizeLine) return;
    const words = text.trim().split(/\s+/);
    if (Number(words[0]) === row && Number(words[1]) === col) found.push(line);
  };
  for await (const chunk of readSourceText(source)) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    for (const text of lines) {
      take(text);
      if (found.length === 2) return found;
    }
  }
  take(carry);
  return found;
}
