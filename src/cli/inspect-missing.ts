/**
 * `inspect` of a file with missing gene values and no `--missing`: the file is described — with its missing
 * values counted — instead of refused. A walkthrough (a tumour panel exported with NA for failed probes):
 * `inspect` stopped at the first NA with exit 1, so the one command that reports "Missing values: …" could
 * not say how many there were, nor anything else about the file.
 */
import { DataImportError, type ExpressionTable, type ImportOptions } from '../data/index.js';
import { countText } from '../api/count-text.js';
import { importForCommand } from './import-args.js';

/** The warnings of the counting import that speak of a policy the user did not choose. */
const POLICY_WARNINGS = new Set(['missing-values', 'bad-values-as-missing']);

/**
 * Imports `file` as `importForCommand` does. Without a `missing` option, a refusal for a missing value is
 * followed by a second import that fills them with their gene's mean, only to count them (a mean, not 0, so
 * the value range and the share of zeros described are the file's own). Its table comes back with a warning
 * that train and embed stop at the first, in the refusal's words (where it is, what `--missing` offers), in
 * place of the policy's own ("replaced by their gene's mean"), which would describe a choice nobody made. A
 * file that also holds a value that is not a number (`abc`) is refused as before: only a policy reads it.
 */
export async function importCountingMissing(file: string, options: ImportOptions): Promise<ExpressionTable> {
  try {
    return await importForCommand(file, options);
  } catch (err) {
    if (options.missing !== undefined || !(err instanceof DataImportError) || err.kind !== 'missing-value')
      throw err;
    const table = await importForCommand(file, { ...options, missing: 'column-mean' });
    if (table.warnings.some((w) => w.code === 'bad-values-as-missing')) throw err;
    const count = table.missingValues ?? 0;
    const values = count === 1 ? '1 missing value' : `${countText(count)} missing values`;
    return {
      ...table,
      warnings: [
        ...table.warnings.filter((w) => !POLICY_WARNINGS.has(w.code)),
        {
          code: 'missing-values',
          message: `${values} in the matrix; train and embed stop at the first: ${err.message}`,
        },
      ],
    };
  }
}
