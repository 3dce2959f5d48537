/**
 * Markdown output for bench/README.md. Every benchmark owns one section delimited by HTML comment markers
 * (`<!-- bench:NAME -->` … `<!-- /bench:NAME -->`), so each run rewrites its own section and leaves the
 * others — and any prose around them — untouched.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';

export type Cell = string | number | null | undefined;

/** Formats a number for a table: `digits` decimals, '—' for missing or non-finite values. */
export function num(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** A GitHub-flavoured Markdown table; numbers are printed as given (format them first with `num`). */
export function markdownTable(headers: string[], rows: Cell[][]): string {
  const cell = (c: Cell): string => (c === null || c === undefined ? '—' : String(c).replace(/\|/g, '\\|'));
  const lines = [
    `| ${headers.map(cell).join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function readmePath(): string {
  return join(packageRoot(), 'bench', 'README.md');
}

/** Replaces (or appends) the section `name` of `text` with `body`. Pure; exported for tests. */
export function replaceSection(
  text: string,
  name: string,
  body: string,
  position: 'top' | 'end' = 'end',
): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const block = `${open}\n${body.trim()}\n${close}`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start !== -1 && end > start) return text.slice(0, start) + block + text.slice(end + close.length);
  if (position === 'top') return `${block}\n\n${text.trimStart()}`;
  return `${text.trimEnd()}${text.trim() ? '\n\n' : ''}${block}\n`;
}

/** Rewrites one section of bench/README.md in place (atomically). */
export async function updateReadmeSection(
  name: string,
  body: string,
  position: 'top' | 'end' = 'end',
): Promise<void> {
  const path = readmePath();
  const text = await readFile(path, 'utf8').catch(() => '');
  await writeFileAtomic(path, replaceSection(text, name, body, position));
}
