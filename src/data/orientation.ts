/**
 * Spotting a genes × samples file read the wrong way round. GEO count tables put genes in rows; read as
 * cells × genes, their "cell ids" are gene symbols or probe ids. We then suggest --transpose.
 */
import { countText } from '../api/count-text.js';
import type { ExpressionTable } from './types.js';

const BARCODE = /^[ACGTN]{8,}(-\d+)?$/;
const SAMPLE = /^(GSM|SRR|SRX|ERR|DRR)\d+$/i;
const GENE_LIKE =
  /^(ENS[A-Z]*G\d{6,}(\.\d+)?|[A-Z][A-Z0-9]{1,14}(-[A-Z0-9]{1,10})*(\.\d+)?|[A-Z][a-z][a-z0-9]{1,12}|[\w.-]*_(s_|x_|i_|f_|r_|g_)?at|ILMN_\d+|\d{6,8}(_at)?)$/;

/** True when a name looks like a gene symbol, Ensembl id or array probe id (and not a barcode or sample). */
export function isGeneLike(name: string): boolean {
  return !BARCODE.test(name) && !SAMPLE.test(name) && GENE_LIKE.test(name);
}

function geneLikeFraction(names: string[], limit = 500): number {
  const sample = names.slice(0, limit);
  if (sample.length === 0) return 0;
  return sample.filter(isGeneLike).length / sample.length;
}

/**
 * Whose words a hint uses: the CLI's `--transpose`, or the app's Import settings ▸ Orientation (a walkthrough:
 * the Import summary told a GEO table's user to "import it with --transpose", a flag the page has no field for).
 */
export type HintWords = 'cli' | 'app';

const TURN_ROUND: Record<HintWords, { turn: string; back: string }> = {
  cli: { turn: 'import it with --transpose', back: 'try without --transpose' },
  app: {
    turn: 'choose Import settings ▸ Orientation: genes are rows (transpose)',
    back: 'choose Import settings ▸ Orientation: cells are rows',
  },
};

/**
 * How to turn a table round, in `words`' side: read as the file is laid out (`transposed` false), turn it
 * round; turned round already, read it as laid out.
 */
export function turnRoundAdvice(transposed: boolean, words: HintWords): string {
  return transposed ? TURN_ROUND[words].back : TURN_ROUND[words].turn;
}

/**
 * A hint when the table looks transposed: its row ids look like genes while its numeric column names do not
 * (or the other way round after --transpose). Undefined when nothing is odd. `words`: whose (default: the CLI's).
 */
export function orientationHint(
  table: ExpressionTable,
  transposed: boolean,
  words: HintWords = 'cli',
): string | undefined {
  const rowsGeneLike = geneLikeFraction(table.ids) >= 0.6;
  const colsGeneLike = geneLikeFraction(table.genes) >= 0.6;
  const rows = table.ids.length;
  const cols = table.genes.length;
  if (!transposed && rowsGeneLike && !colsGeneLike) {
    return `The row ids look like genes (e.g. ${table.ids.slice(0, 3).join(', ')}) and there are ${countText(rows)} rows × ${countText(cols)} numeric columns: if the file has genes as rows and samples as columns, ${TURN_ROUND[words].turn}.`;
  }
  // turned round, the rows are the file's columns: gene-like column names mean the file had its cells or samples
  // as rows already (only a text table turns round, which may be a bulk panel: not 'cells', rowNoun)
  if (transposed && rowsGeneLike && !colsGeneLike) {
    return `After turning the file round, its column names look like genes (e.g. ${table.ids.slice(0, 3).join(', ')}): the file may already have cells or samples as rows; ${TURN_ROUND[words].back}.`;
  }
  return undefined;
}
