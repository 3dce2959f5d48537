/**
 * The import options every command that reads an expression file accepts (train, embed, inspect):
 * --id COL, --meta COL[,COL…] (repeatable), --genes-from COL, --transpose, --meta-file FILE, --missing POLICY,
 * --max-memory SIZE (e.g. 8G: the most memory the import may use; default the memory available).
 */
import { importTable, parseMemorySize } from '../data/index.js';
import { DataImportError } from '../data/errors.js';
import { MISSING_POLICIES, type ImportOptions, type MissingPolicy } from '../data/options.js';
import type { ExpressionTable } from '../data/types.js';
import { UsageError } from './usage-error.js';
import { choiceOption, flag, stringOption, type OptionSpec, type ParsedArgs } from './args.js';

export const IMPORT_OPTIONS: OptionSpec = {
  id: { type: 'string' },
  meta: { type: 'string', multiple: true },
  'genes-from': { type: 'string' },
  transpose: { type: 'boolean' },
  'meta-file': { type: 'string' },
  missing: { type: 'string' },
  'max-memory': { type: 'string' },
};

/** ImportOptions from the parsed options; only what was given is set, so detection handles the rest. */
export function importOptionsFromArgs(args: ParsedArgs): ImportOptions {
  const options: ImportOptions = {};
  const id = stringOption(args, 'id');
  if (id !== undefined) options.idColumn = id;
  const meta = args.values.meta;
  if (Array.isArray(meta)) {
    options.metaColumns = meta
      .flatMap((m) => m.split(','))
      .map((m) => m.trim())
      .filter(Boolean);
  }
  const genesFrom = stringOption(args, 'genes-from');
  if (genesFrom !== undefined) options.genesFrom = genesFrom;
  if (flag(args, 'transpose')) options.transpose = true;
  const metaFile = stringOption(args, 'meta-file');
  if (metaFile !== undefined) options.metaFile = metaFile;
  const missing = choiceOption<MissingPolicy>(args, 'missing', MISSING_POLICIES);
  if (missing !== undefined) options.missing = missing;
  const maxMemory = stringOption(args, 'max-memory');
  if (maxMemory !== undefined) {
    const bytes = parseMemorySize(maxMemory);
    if (bytes === undefined) {
      throw new UsageError(
        `--max-memory must be a size such as 512M, 8G or 1.5T (bytes, K, M, G, T); got '${maxMemory}'`,
      );
    }
    options.maxMemoryBytes = bytes;
  }
  return options;
}

/** Imports FILE; a column named in an option that is not in the file is a usage error (exit 2). */
export async function importForCommand(file: string, options: ImportOptions): Promise<ExpressionTable> {
  try {
    return await importTable(file, options);
  } catch (err) {
    if (err instanceof DataImportError && err.kind === 'unknown-column') throw new UsageError(err.message);
    throw err;
  }
}
