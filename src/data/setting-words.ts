/**
 * The import settings as each side names them in a refusal: the CLI by its flag (`--missing zero`), the page
 * by its field under Import settings ('Import settings ▸ Missing values: read as 0'). A refusal is made in
 * both words — the CLI's its `message`, the page's its `appMessage` (`withAppWords`, which the engine session
 * sends the page) — so neither side is told the other's name. A warning likewise (`warningInWords`): its
 * `message` the CLI's, its `appMessage` the page's. No text names both: a reader's refusal with one text (a
 * MatrixMarket value) offers no setting (numbers.ts explainNotAPlainNumber).
 */
import type { ImportWarning } from '../api/import-warning.js';
import { DataImportError, withAppWords, type DataImportErrorKind, type ErrorLocation } from './errors.js';

/** Whose words: the command line's, or the page's. */
export type SettingSide = 'cli' | 'app';

/** `cli` on the command line, `app` on the page. */
function named(side: SettingSide, cli: string, app: string): string {
  return side === 'cli' ? cli : app;
}

/** Where the decimal separator is chosen: "--decimal comma", or "Import settings ▸ Decimal separator: comma (1,25)". */
export function decimalSetting(separator: '.' | ',', side: SettingSide): string {
  const cli = `--decimal ${separator === ',' ? 'comma' : 'dot'}`;
  const app = `Import settings ▸ Decimal separator: ${separator === ',' ? 'comma (1,25)' : 'dot (1.25)'}`;
  return named(side, cli, app);
}

/** The missing-value policies to choose from, by each side's names of them. */
export function missingChoices(side: SettingSide): string {
  const cli = '--missing zero, drop-row or column-mean';
  const app = 'Import settings ▸ Missing values: read as 0, leave the cell out or use the gene’s mean';
  return named(side, cli, app);
}

/** The page's names of a Missing values choice, as its field shows them. */
export const MISSING_LABELS: Readonly<Record<string, string>> = {
  zero: 'read as 0',
  'drop-row': 'leave the cell out',
  'column-mean': 'use the gene’s mean',
};

/** The missing-value policy `policy` as chosen: "--missing zero", or "Import settings ▸ Missing values: read as 0". */
export function missingSetting(policy: string, side: SettingSide): string {
  return named(
    side,
    `--missing ${policy}`,
    `Import settings ▸ Missing values: ${MISSING_LABELS[policy] ?? policy}`,
  );
}

/** The setting that names a column as metadata. */
export function metaSetting(side: SettingSide): string {
  return named(side, '--meta', 'Import settings ▸ Metadata columns');
}

/** Where the first gene column is set: "--genes-from", or "Import settings ▸ Genes start at". */
export function genesFromSetting(side: SettingSide): string {
  return named(side, '--genes-from', 'Import settings ▸ Genes start at');
}

/** The settings of a text table's delimiter and decimal separator. */
export function delimiterSettings(side: SettingSide): string {
  return named(side, '--delimiter, --decimal', 'Import settings ▸ Delimiter and Decimal separator');
}

/** A text table's delimiter as both sides name its choices (`--delimiter comma`, the Delimiter field's "comma"). */
export type DelimiterName = 'comma' | 'tab' | 'semicolon';

/** The delimiter setting: "--delimiter", or "Import settings ▸ Delimiter". */
export function delimiterOption(side: SettingSide): string {
  return named(side, '--delimiter', 'Import settings ▸ Delimiter');
}

/**
 * Reading a text table by `name`, or leaving the delimiter to detection, in each side's words: "give
 * --delimiter comma, or leave --delimiter out to have it detected", or "choose Import settings ▸ Delimiter:
 * comma, or auto" (the field's choices).
 */
export function delimiterChoice(name: DelimiterName, side: SettingSide): string {
  return named(
    side,
    `give --delimiter ${name}, or leave --delimiter out to have it detected`,
    `choose Import settings ▸ Delimiter: ${name}, or auto`,
  );
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

/**
 * A warning whose text names settings: `detail('cli')` its message, `detail('app')` the page's (`appMessage`,
 * left out when the two are the same), each naming only its own side's setting.
 */
export function warningInWords(
  code: string,
  detail: (side: 'cli' | 'app') => string,
  info = false,
): ImportWarning {
  const [message, app] = [detail('cli'), detail('app')];
  return {
    code,
    message,
    ...(app !== message ? { appMessage: app } : {}),
    ...(info ? { info: true as const } : {}),
  };
}

/**
 * The import's warnings as the page is told them: each in its page words (`appMessage`) as its `message`, the
 * CLI's words dropped — the session, which serves only the page, keeps its tables' warnings so.
 */
export function inPageWords(warnings: readonly ImportWarning[]): ImportWarning[] {
  return warnings.map(({ appMessage, ...w }) =>
    appMessage === undefined ? w : { ...w, message: appMessage },
  );
}
