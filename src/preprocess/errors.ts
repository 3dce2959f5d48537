/**
 * The error preprocessing raises for data it cannot transform honestly (non-finite values, negative
 * values under normalisation/log, mismatched gene lists). It names the cell (1-based row) and the gene so
 * the message can be traced back to the file.
 */

export type PreprocessErrorKind =
  'shape' | 'not-finite' | 'negative' | 'duplicate-gene' | 'bad-option' | 'recipe';

export class PreprocessError extends Error {
  override name = 'PreprocessError';
  readonly kind: PreprocessErrorKind;
  /** 0-based matrix row of the offending value, when there is one. */
  readonly row?: number;
  /** Gene (column) name of the offending value, when there is one. */
  readonly gene?: string;
  /** The offending value itself (a negative or non-finite one), when there is one. */
  readonly value?: number;
  /**
   * The message in the page's words, where `message` is in the CLI's (a setting's label, not its flag);
   * `toErrorInfo` sends this one to the page. Undefined: `message` is in both's words.
   */
  appMessage?: string;

  constructor(
    kind: PreprocessErrorKind,
    message: string,
    where: { row?: number; gene?: string; value?: number } = {},
  ) {
    super(message);
    this.kind = kind;
    this.row = where.row;
    this.gene = where.gene;
    this.value = where.value;
  }
}

/** "row 12, gene 'CD3E'" for messages (rows 1-based, as a person counts them; the header is not a row). */
export function describeCell(row: number, gene: string | undefined): string {
  return gene === undefined ? `row ${row + 1}` : `row ${row + 1}, gene '${gene}'`;
}
