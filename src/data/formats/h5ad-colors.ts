/**
 * scanpy keeps a categorical obs column's colours in `uns['<column>_colors']`, one per category in the
 * categories' order. They become `categoryColors[column][category] = '#rrggbb'`.
 */
import type { ImportWarning } from '../../api/import-warning.js';
import type { Hdf5File } from './h5-file.js';
import type { FrameColumn } from './h5ad-frame.js';

/** '#rrggbb' (lower case) from '#rgb', '#rrggbb' or '#rrggbbaa'; undefined for anything else (named colours). */
export function normaliseHex(colour: string): string | undefined {
  const hex = colour.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(hex)) return hex;
  if (/^#[0-9a-f]{8}$/.test(hex)) return hex.slice(0, 7);
  if (/^#[0-9a-f]{3}$/.test(hex)) return `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}`;
  return undefined;
}

/** The colours uns holds for the categorical columns, by column then category. */
export function categoryColors(
  h5: Hdf5File,
  columns: FrameColumn[],
  warnings: ImportWarning[],
): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const column of columns) {
    const path = `/uns/${column.name}_colors`;
    if (!column.categories || !h5.isDataset(path) || h5.valueKind(path) !== 'string') continue;
    const colours = h5.readStrings(path);
    const hex = colours.map(normaliseHex);
    if (colours.length < column.categories.length || hex.some((c) => c === undefined)) {
      warnings.push({
        code: 'category-colors-ignored',
        message: `uns/${column.name}_colors was not used: ${colours.length < column.categories.length ? `it has ${colours.length} colours for ${column.categories.length} categories` : 'it holds colours that are not #rrggbb hex codes'}.`,
      });
      continue;
    }
    result[column.name] = Object.fromEntries(column.categories.map((c, i) => [c, hex[i]!]));
  }
  return result;
}
