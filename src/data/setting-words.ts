/**
 * The import settings as each side names them in a refusal: the CLI by its flag (`--missing zero`), the page
 * by its field under Import settings ('Import settings ▸ Missing values: read as 0'). A refusal is made in
 * both words — the CLI's its `message`, the page's its `appMessage` (`withAppWords`, which the engine session
 * sends the page) — so neither side is told the other's name. 'both' names the two in one sentence, for the
 * import's warnings, which have one text for both sides.
 */
import { DataImportError, withAppWords, type DataImportErrorKind, type ErrorLocation } from './errors.js';

/** Whose words: the command line's, the page's, or both in one sentence (warnings). */
export type SettingSide = 'cli' | 'app' | 'both';

/** `cli` on the command line, `app` on the page, both in one sentence ("--x; the app: …") for 'both'. */
function named(side: SettingSide, cli: string, app: string): string {
  if (side === 'cli') return cli;
  return side === 'app' ? app : `${cli}; the app: ${app}`;
}

/** Where the decimal separator is chosen: "--decimal comma", or "Import settings ▸ Decimal separator: comma (1,25)". */
export function decimalSetting(separator: '.' | ',', side: SettingSide): string {
  const cli = `--decimal ${separator === ',' ? 'comma' : 'dot'}`;
  const app = `Import settings ▸ Decimal separator: ${separator === ',' ? 'comma (1,25)' : 'dot (1.25)'}`;
  return side === 'both' ? `${cli}; the app: Import settings ▸ Decimal separator` : named(side, cli, app);
}

/** The missing-value policies to choose from, by each side's names of them. */
export function missingChoices(side: SettingSide): string {
  const cli = '--missing zero, drop-row or column-mean';
  const app = 'Import settings ▸ Missing values: read as 0, leave the cell out or use the gene’s mean';
  return named(side, cli, app);
}

/** The setting that names a column as metadata. */
export function metaSetting(side: SettingSide): string {
  return named(side, '--meta', 'Import settings ▸ Metadata (text) columns');
}

/** The settings of a text table's delimiter and decimal separator. */
export function delimiterSettings(side: SettingSide): string {
  return named(side, '--delimiter, --decimal', 'Import settings ▸ Delimiter and Decimal separator');
}

/**
 * A refusal whose detail names settings: `detail('cli')` its message, `detail('app')` the page's
 * (`appMessage`), each naming only its own side's setting.
 */
export function refusalInWords(
  kind: DataImportErrorKind,
  file: string,
  detail: (side: SettingSide) => string,
  where: ErrorLocation = {},
): DataImportError {
  return withAppWords(new DataImportError(kind, file, detail('cli'), where), detail('app'), where);
}
