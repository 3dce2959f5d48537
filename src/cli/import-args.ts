/**
 * The import options every command that reads an expression file accepts (train, embed, inspect):
 * --id COL, --meta COL[,COL…] (repeatable), --genes-from COL, --transpose, --meta-file FILE, --missing POLICY,
 * --layer NAME (which matrix of an h5ad/loom file), --input genes|obsm:NAME (train on genes or an embedding),
 * --delimiter comma|tab|semicolon and --decimal dot|comma (a text table's; a European spreadsheet's CSV needs both).
 * --max-memory SIZE (e.g. 8G: the most memory the import may use; default the memory available; the import
 * only — train warns when its run will hold more, cli/training-memory-warning.ts, and is not stopped).
 */
import { importTable, parseMemorySize } from '../data/index.js';
import { DataImportError, isOptionErrorKind } from '../data/errors.js';
import {
  MISSING_POLICIES,
  type DecimalSeparator,
  type Delimiter,
  type ImportOptions,
  type MissingPolicy,
} from '../data/options.js';
import type { ExpressionTable } from '../data/types.js';
import { UsageError } from './usage-error.js';
import { parseInput } from '../api/matrix-input.js';
import { choiceOption, flag, pathOption, stringOption, type OptionSpec, type ParsedArgs } from './args.js';

export const IMPORT_OPTIONS: OptionSpec = {
  id: { type: 'string' },
  meta: { type: 'string', multiple: true },
  'genes-from': { type: 'string' },
  transpose: { type: 'boolean' },
  'meta-file': { type: 'string' },
  missing: { type: 'string' },
  layer: { type: 'string' },
  input: { type: 'string' },
  'max-memory': { type: 'string' },
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
};

/** --delimiter's choices. */
const DELIMITERS: Record<string, Delimiter> = { comma: ',', tab: '\t', semicolon: ';' };

/** --decimal's choices: the words, not the characters, as --delimiter's (a bare ',' reads as a typo). */
const DECIMALS: Record<string, DecimalSeparator> = { dot: '.', comma: ',' };

/** The --help lines for --layer and --input, shared by the commands that read an expression file. */
export const LAYER_INPUT_HELP = `  --layer NAME        which matrix of an h5ad/loom file to read: a layer name (e.g. counts) or raw
                      (default: X, loom's matrix; other formats hold one matrix)
  --input I           the matrix to map: genes, or an h5ad embedding such as obsm:X_pca (default: genes)`;

/**
 * embed's --layer and --input lines: without them it reads the matrix its model was trained on (when the
 * file has it), not X — the shared lines' default sent a user to give --layer counts for nothing.
 */
export const EMBED_LAYER_INPUT_HELP = `  --layer NAME        which matrix of an h5ad/loom file to read: a layer name (e.g. counts), raw or X
                      (default: the matrix the model was trained on, when the file has it; else X,
                      loom's matrix; other formats hold one matrix)
  --input I           the matrix to map: genes, or an h5ad embedding such as obsm:X_pca (default: the
                      model's: its embedding for a model trained on one, else genes)`;

/**
 * The --help lines of every import option, with its default (train, embed and inspect show the same but for
 * `layerInput`, the --layer and --input lines: embed's defaults are its model's).
 */
export function importHelp(layerInput: string = LAYER_INPUT_HELP): string {
  return `  --id COL            the column holding cell ids (default: detected)
  --meta A,B          exactly these columns are metadata (default: detected: text columns, integer
                      cluster codes such as leiden, numeric n_counts- or batch-like columns; repeatable)
  --genes-from COL    this column and all after it are genes, those before it metadata (default: detected)
  --transpose         the file has genes as rows and samples as columns
  --meta-file F       join a per-cell metadata file on the cell id (default: none)
  --missing P         missing gene values: error (default), zero, drop-row, column-mean
  --delimiter D       a text table's field delimiter: comma, tab or semicolon (default: detected)
  --decimal S         a text table's decimal separator: dot (1.25) or comma (1,25, as a Swedish or German
                      spreadsheet saves a CSV); --meta-file's numbers are read with it too — with an
                      h5ad, loom or 10x input, which holds no text, only theirs (default:
                      detected — comma only for a semicolon-separated file whose first rows' numbers all
                      use decimal commas, else dot; a --meta-file's over all its rows)
${layerInput}
  --max-memory SIZE   the most memory the import may use, e.g. 8G (default: the memory available);
                      it limits reading the file only, not the work done with it afterwards`;
}

/** The import options' --help lines of train and inspect. */
export const IMPORT_HELP = importHelp();

/** --input's value: 'genes' or 'obsm:NAME' (the grammar the Import screen's Matrix choice shares). */
function inputOption(args: ParsedArgs): string | undefined {
  const input = stringOption(args, 'input');
  if (input === undefined || parseInput(input) !== null) return input;
  throw new UsageError(`--input must be genes or obsm:NAME (e.g. obsm:X_pca); got '${input}'`);
}

/**
 * --layer beside --input obsm:NAME: both choose the matrix read, and the embedding won — a user's
 * `train f.h5ad --layer counts --input obsm:X_pca` mapped X_pca with --layer silently ignored.
 */
function refuseLayerWithEmbedding(layer: string | undefined, input: string | undefined): void {
  if (layer === undefined || input === undefined || parseInput(input)?.kind !== 'obsm') return;
  throw new UsageError(
    `--layer ${layer} and --input ${input} each choose the matrix to read: give --input ${input} to map that embedding, or --layer ${layer} alone to map that matrix's genes`,
  );
}

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
  const metaFile = pathOption(args, 'meta-file');
  if (metaFile !== undefined) options.metaFile = metaFile;
  const missing = choiceOption<MissingPolicy>(args, 'missing', MISSING_POLICIES);
  if (missing !== undefined) options.missing = missing;
  const layer = stringOption(args, 'layer');
  if (layer !== undefined) {
    if (layer.trim() === '') throw new UsageError('--layer needs a name (e.g. counts, or raw)');
    options.layer = layer;
  }
  const input = inputOption(args);
  if (input !== undefined) options.input = input;
  refuseLayerWithEmbedding(layer, input);
  const maxMemory = maxMemoryOption(args);
  if (maxMemory !== undefined) options.maxMemoryBytes = maxMemory;
  const delimiter = choiceOption(args, 'delimiter', Object.keys(DELIMITERS));
  if (delimiter !== undefined) options.delimiter = DELIMITERS[delimiter];
  const decimal = choiceOption(args, 'decimal', Object.keys(DECIMALS));
  if (decimal !== undefined) options.decimal = DECIMALS[decimal];
  return options;
}

/** `--max-memory SIZE` in bytes (shared by the import commands and `serve`); a bad size is a UsageError. */
export function maxMemoryOption(args: ParsedArgs): number | undefined {
  const text = stringOption(args, 'max-memory');
  if (text === undefined) return undefined;
  const bytes = parseMemorySize(text);
  if (bytes === undefined) {
    throw new UsageError(
      `--max-memory must be a size such as 512M, 8G or 1.5T (bytes, K, M, G, T); got '${text}'`,
    );
  }
  return bytes;
}

/**
 * The import's warnings (less information, `ImportWarning.info`), each as a command prints it: after the file
 * it is about — "iris.csv: Duplicate cell ids renamed…" —, unless it names that file already (an h5ad's
 * "x.h5ad has no X: …"). `file` is the input as the user gave it. A walkthrough: `embed`'s warnings said
 * "line 62 repeats the id of line 2" of no file named anywhere.
 */
export function importWarningLines(file: string, table: ExpressionTable): Map<string, string> {
  const named = new Map<string, string>();
  for (const { message, info } of table.warnings) {
    if (info) continue;
    const names = mentionsName(message, file) || mentionsName(message, table.source);
    named.set(message, names ? message : `${file}: ${message}`);
  }
  return named;
}

/**
 * True when `message` names `name` as a whole: not inside a longer name ("a.csv" is not named by "data.csv",
 * nor "x" by "x.h5ad"), a sentence's full stop or a possessive after it allowed.
 */
export function mentionsName(message: string, name: string): boolean {
  if (name === '') return false;
  for (let at = message.indexOf(name); at !== -1; at = message.indexOf(name, at + 1)) {
    const before = at === 0 ? '' : message[at - 1];
    const rest = message.slice(at + name.length);
    if (!NAME_CHAR.test(before) && !/^(?:[\w/\\-]|\.[^\s])/.test(rest)) return true;
  }
  return false;
}

/** Characters a file name or path runs on with: before a mention, they make it part of a longer name. */
const NAME_CHAR = /^[\w.\-/\\]$/;

/** Imports FILE; a column or matrix named in an option that is not in the file is a usage error (exit 2). */
export async function importForCommand(file: string, options: ImportOptions): Promise<ExpressionTable> {
  return importTable(file, options).catch(asUsageError);
}

/** Rethrows an import's refusal of an option (a column or matrix the file lacks) as a usage error (exit 2). */
export function asUsageError(err: unknown): never {
  if (err instanceof DataImportError && isOptionErrorKind(err.kind)) throw new UsageError(err.message);
  throw err;
}
