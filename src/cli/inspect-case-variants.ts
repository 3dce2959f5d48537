/**
 * `inspect`'s warning about a label column whose classes differ only in letter case ('Colon' beside 'colon', as
 * a spreadsheet typed by hand holds them), for every candidate column before one is chosen (`train` warns of
 * its label column's as training starts): a 26-sample panel whose 7 tissues were spelt in two cases was told
 * only that no column had few enough classes.
 */
import type { ExpressionTable } from '../data/types.js';
import { labelColumnSummary } from '../data/label-column.js';
import { maxLabelClasses } from '../api/label-names.js';

/** The warnings' code in `inspect --json`'s `warnings`, beside the import's own. */
export const CASE_VARIANT_CODE = 'label-case-variants';

/** Groups a warning names; more are counted. */
const GROUPS_NAMED = 5;

/**
 * The warnings (without the "Warning: " prefix) for the columns `names` of `table` whose classes differ only in
 * letter case, in `names`' order. `distinct`: each column's count of distinct values, so a column of many —
 * an id column, a measurement — is not counted: at most twice the table's label classes are looked at.
 */
export function caseVariantWarnings(
  table: ExpressionTable,
  columns: readonly { name: string; distinct: number }[],
): string[] {
  const most = 2 * maxLabelClasses(table.ids.length);
  const warnings: string[] = [];
  for (const { name, distinct } of columns) {
    if (distinct > most) continue;
    const groups = new Map<string, { name: string; count: number }[]>();
    for (const c of labelColumnSummary(table, name).classes) {
      const key = c.name.toLowerCase();
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const variants = [...groups.values()].filter((group) => group.length > 1);
    if (variants.length === 0) continue;
    const shown = variants
      .slice(0, GROUPS_NAMED)
      .map((group) => group.map((c) => `'${c.name}' (${c.count})`).join(' and '))
      .join('; ');
    const more = variants.length > GROUPS_NAMED ? ` and ${variants.length - GROUPS_NAMED} more groups` : '';
    warnings.push(
      `Column '${name}': classes differing only in letter case would train as different classes: ${shown}${more}. ` +
        'If each group is one class, spell it one way in the file.',
    );
  }
  return warnings;
}
