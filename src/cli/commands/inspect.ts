/**
 * `tripletlens inspect FILE`: what is in an expression file — shape, metadata columns, the label column
 * to use, counts or log data, missing values, the preprocessing to apply. `--json` prints the same facts
 * as one object for scripts. Never loads TensorFlow.
 */
import { flag, inputPath, parseCommandArgs, type OptionSpec } from '../args.js';
import { IMPORT_HELP, IMPORT_OPTIONS, importOptionsFromArgs } from '../import-args.js';
import { importCountingMissing } from '../inspect-missing.js';
import type { CliCommand } from '../io.js';
import { UsageError } from '../usage-error.js';
import {
  INSPECT_READ_LIMIT,
  describeValues,
  describeEmbeddingValues,
  describeCoordinateValues,
  inspectTable,
  codedLabelGenes,
  labelColumnSummary,
  RECOMMENDED_PCA,
  type TableFacts,
} from '../../data/index.js';
import type { PreprocessOptions } from '../../api/preprocess-options.js';
import type { ExpressionTable, SourceFormat } from '../../data/types.js';
import {
  FORMAT_NAMES,
  matrixText,
  nonZeroPercent,
  rowCountText,
  rowsText,
  rowWords,
  type FileFormatKind,
} from '../../api/file-format.js';
import { columnsText, embeddingOfMatrix } from '../../api/matrix-input.js';
import { countText } from '../../api/count-text.js';
import { maxLabelClasses } from '../../api/label-names.js';
import { CASE_VARIANT_CODE, caseVariantWarnings } from '../inspect-case-variants.js';
import { holdsCoordinates, namesCoordinates } from '../../data/coordinates-table.js';

const OPTIONS: OptionSpec = {
  ...IMPORT_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const USAGE = `Usage: tripletlens inspect FILE [options]

Describes an expression file, told apart by its content: a CSV/TSV table (optionally .gz; cells as rows,
genes as columns), an AnnData .h5ad, a loom file, a Cell Ranger .h5, a Cell Ranger folder or its
matrix.mtx(.gz), or a MatrixMarket .mtx with its barcodes/genes files beside it.

What it reads of each format:
  CSV/TSV        the first 5 000 rows or 32 MB of text at most; beyond that the row count is estimated
  .h5ad, .h5     the whole chosen matrix, so the counts are exact: a sparse (CSR/CSC) matrix costs time
                 and memory per stored value (8 B each, plus 8 B per cell), never cells × genes; a dense
                 X is held as stored (4 B per cell × gene); obs/var (h5ad) and barcodes/features in full
  loom           the whole matrix, read twice in blocks (time follows cells × genes, as loom stores it
                 dense; memory follows the non-zeros plus one block); row and column attributes in full
  MatrixMarket   every entry (time and memory per entry, never cells × genes) and the name files
The matrix's memory is checked against --max-memory before it is allocated, for every format.

Options:
${IMPORT_HELP}
  --json              print the facts as one JSON object (a failure too: {"error": …, "kind": …})
  -h, --help          show this help
Exit codes: 0 done, 1 data error (the message names the file, line and column), 2 bad arguments.
`;

/**
 * `cells`: the file's cells, to say why a PCA has fewer components than RECOMMENDED_PCA, in `kind`'s words for
 * its rows (`rowsText`: "the most 38 rows allow" for a text table). `coordinates`: the columns are a map's or
 * an embedding's (`holdsCoordinates`), not genes — "z-score each column", as `train` does by default.
 */
function describePreprocessing(
  p: PreprocessOptions,
  cells: number,
  kind: FileFormatKind,
  coordinates = false,
): string {
  const column = coordinates ? 'column' : 'gene';
  const steps: string[] = [];
  if (p.normalize)
    steps.push(`normalise each ${rowWords(kind).one} to ${countText(p.targetSum ?? 10_000)} counts`);
  if (p.log1p) steps.push('log1p');
  if (p.topGenes) steps.push(`keep the ${countText(p.topGenes)} most variable ${column}s`);
  if (p.zscore) steps.push(`z-score each ${column} (clip ±${p.clip ?? 10})`);
  if (p.pcaComponents)
    steps.push(
      `PCA to ${p.pcaComponents} components` +
        (p.pcaComponents < RECOMMENDED_PCA && p.pcaComponents === cells - 1
          ? ` (the most ${rowsText(cells, kind)} allow)`
          : ''),
    );
  return steps.join(' → ') || 'none';
}

/**
 * The format lines: what the file is, the matrix read and, for formats that hold more, what else it offers —
 * only what the format can hold: layers for an h5ad and a loom, embeddings (obsm) for an h5ad; a text table,
 * MatrixMarket file or Cell Ranger output holds one matrix, so "Other matrices: none" would mean nothing there. An
 * embedding — read as the input, or a text table that is one (`holdsCoordinates`) — has no sparsity line
 * (`nonZero` null), as in the Import summary: its components are dense by nature, so "Non-zero values: 100.0 %"
 * says nothing about it.
 */
function formatLines(format: SourceFormat, nonZero: number | null, genes: number): string[] {
  const matrix = format.matrix ? `; ${matrixText(format)}` : '';
  const lines = [`Format: ${FORMAT_NAMES[format.kind]}${matrix}`];
  if (nonZero !== null) lines.push(`Non-zero values: ${nonZeroPercent(nonZero)} %`);
  if (format.kind === 'h5ad' || format.kind === 'loom') {
    // "other matrices", as the Import summary says: the list holds X when a layer or an embedding is read,
    // and raw/X, neither of which is a layer
    const others = format.layers.length
      ? format.layers.map((m) => otherMatrixText(m, format, genes)).join(', ')
      : 'none';
    lines.push(`Other matrices: ${others}`);
  }
  if (format.kind === 'h5ad') {
    lines.push(`Embeddings (obsm): ${format.obsm.length ? embeddingList(format) : 'none'}`);
  }
  return lines;
}

/**
 * An other matrix as the format line lists it: raw/X with its genes (raw often keeps every gene where X holds a
 * selection, so `--layer raw` trains on other genes), another only when its count differs from the genes of
 * the matrix read (`genes`; when X is read, anndata allows that for none but raw).
 */
function otherMatrixText(name: string, format: SourceFormat, genes: number): string {
  const count = format.layerGenes?.[name];
  // an embedding read has columns, no genes: only raw's count is said beside it
  const differs = embeddingOfMatrix(format.matrix) === null && count !== genes;
  if (count === undefined || (name !== 'raw/X' && !differs)) return name;
  return `${name} (${countText(count)} ${count === 1 ? 'gene' : 'genes'})`;
}

/** The obsm entries with the widths of those --input can read ("X_pca (50 columns), protein (not a matrix)"). */
function embeddingList(format: SourceFormat): string {
  const widths = new Map((format.embeddings ?? []).map((e) => [e.name, e.columns]));
  return format.obsm
    .map((name) => {
      const columns = widths.get(name);
      return `${name} (${columns === undefined ? 'not readable as a matrix' : columnsText(columns)})`;
    })
    .join(', ');
}

function describeShape(facts: TableFacts, coordinates: boolean): string {
  const { sampled } = facts;
  // an embedding read as the input has components, not genes
  if (embeddingOfMatrix(facts.format.matrix) !== null) {
    return `${countText(facts.rows)} cells × ${columnsText(facts.genes)} of the embedding ${facts.format.matrix}`;
  }
  // a text table's rows may be a bulk panel's samples: "26 rows (cells or samples) × 301 genes"; a map's
  // coordinates CSV has columns x, y[, z], no genes
  const rows = rowCountText(facts.rows, facts.format.kind, countText);
  const genes = coordinates ? columnsText(facts.genes) : `${countText(facts.genes)} genes`;
  if (!sampled) return `${rows} × ${genes}`;
  const estimated = facts.rows === sampled.estimatedRows ? 'rows' : 'genes';
  return `about ${rows} × ${genes} (${estimated} estimated from the file size; the first ${countText(sampled.rowsRead)} rows were read)`;
}

/** Metadata columns named in the missing-values line; more are counted. */
const MISSING_COLUMNS_SHOWN = 10;

/**
 * What was counted missing, where: the matrix's values (gene columns), then the metadata columns' with their
 * counts (a walkthrough: "Missing values: none" while the label column had empty and NA cells).
 */
function missingLine(facts: TableFacts, coordinates: boolean): string {
  const what =
    embeddingOfMatrix(facts.format.matrix) !== null
      ? 'embedding values'
      : coordinates
        ? 'coordinates'
        : 'gene values';
  const matrix = `${facts.missingValues === 0 ? 'none' : countText(facts.missingValues)} in the matrix (${what})`;
  if (facts.metadataColumns.length === 0) return matrix;
  const gaps = facts.metadataColumns.filter((m) => m.missing);
  if (gaps.length === 0) return `${matrix}; none in the metadata columns`;
  const total = gaps.reduce((sum, m) => sum + (m.missing ?? 0), 0);
  const shown = gaps.slice(0, MISSING_COLUMNS_SHOWN).map((m) => `${m.name} ${countText(m.missing ?? 0)}`);
  const more = gaps.length > MISSING_COLUMNS_SHOWN ? `, … (${gaps.length} columns in all)` : '';
  return `${matrix}; ${countText(total)} in the metadata (empty, NA…): ${shown.join(', ')}${more}`;
}

/** The line of an h5ad whose uns['log1p']['base'] is set: a base the marker fold changes undo. */
function log1pBaseLine(base: number): string {
  return `Log1p base: ${base} (uns['log1p']['base']: values log1p'd in base ${base}; marker fold changes undo it)`;
}

/**
 * The report for people. `table.dense`: an embedding's or a map's coordinates (`holdsCoordinates`), which have
 * no sparsity line; `table.coordinates`: a text table named as such (`namesCoordinates`), whose shape, missing
 * values and preprocessing speak of columns, not genes.
 */
function humanReport(
  facts: TableFacts,
  valuesLine: string,
  labelLine: string,
  table: { dense: boolean; coordinates: boolean },
): string {
  const { coordinates } = table;
  const width = Math.max(4, ...facts.metadataColumns.map((m) => m.name.length));
  // an id column is marked as the page's label picker marks it (train refuses it as a label)
  const oneEach = ` (one value a ${rowWords(facts.format.kind).one}: not a label)`;
  const meta = facts.metadataColumns.length
    ? facts.metadataColumns
        .map(
          (m) =>
            `  ${m.name.padEnd(width)}  ${countText(m.distinct)} distinct${m.missing ? `, ${countText(m.missing)} missing` : ''}${m.continuous ? ' (continuous: not a label)' : ''}${m.oneRowEach ? oneEach : ''}`,
        )
        .join('\n')
    : '  (none)';
  const lines = [
    `File: ${facts.file}`,
    `Shape: ${describeShape(facts, coordinates)}`,
    ...formatLines(facts.format, table.dense ? null : facts.nonZeroFraction, facts.genes),
    `Id column: ${facts.idColumn}`,
    `Metadata columns:\n${meta}`,
    `Suggested label column: ${labelLine}`,
    `Values: ${valuesLine}`,
    ...(facts.log1pBase === undefined ? [] : [log1pBaseLine(facts.log1pBase)]),
    `Missing values: ${missingLine(facts, coordinates)}`,
    `Recommended preprocessing: ${describePreprocessing(facts.recommendedPreprocessing, facts.rows, facts.format.kind, coordinates)}`,
  ];
  if (facts.orientationHint) lines.push(`Hint: ${facts.orientationHint}`);
  for (const w of facts.warnings) lines.push(`${w.info ? 'Note' : 'Warning'}: ${w.message}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The label line of a file without a suggested label column: where labels come from — a Cell Ranger file's
 * --meta-file, a column of class codes the importer read as a gene (--meta), or a table with no metadata at
 * all (a walkthrough: a panel whose `class` column held 0–6 was told "no metadata column has 2–100 classes;
 * choose one with care", with nothing to choose), or a table read as it is that looks turned round (`transposed`:
 * --transpose was given).
 */
function noLabelLine(table: ExpressionTable, facts: TableFacts, transposed: boolean): string {
  if (facts.metadataColumns.length === 0 && facts.format.kind !== 'text') {
    // a Cell Ranger folder or .h5 never holds cell types: say where labels come from
    // named as train names it: "this file" was wrong for a Cell Ranger folder
    return `none: ${table.source} holds no cell metadata; add cell types with --meta-file FILE (a CSV whose first column is the cell id)`;
  }
  const coded = codedLabelGenes(table);
  if (coded.length > 0) {
    const names = coded.map((c) => `'${c.name}' (${c.distinct} distinct integers)`);
    const were = coded.length === 1 ? 'was read as a gene column' : 'were read as gene columns';
    const meta = coded.length === 1 ? `--meta ${coded[0].name}` : '--meta NAME';
    return `none among the metadata columns, but ${names.slice(0, 5).join(', ')} ${were}: add ${meta} to use ${coded.length === 1 ? 'it' : 'one'} as labels`;
  }
  // a genes × samples table read as it is: its columns are samples, and its metadata at most the genes' own
  // (a GEO series matrix's IDENTIFIER) — turning it round comes first (a walkthrough was told to mark a column
  // with --meta, and the Hint saying --transpose came last)
  if (facts.orientationHint && !transposed)
    return 'none: the file looks turned round (see the Hint below); with --transpose, add labels with --meta-file FILE (a sample sheet whose first column is the sample id)';
  return facts.metadataColumns.length === 0
    ? 'none: no column was read as metadata (text, or integer cluster codes named like leiden); mark one with --meta COL or add labels with --meta-file FILE'
    : `none found (${classLimitWords(table.ids.length, facts.metadataColumns)}); choose one with care`;
}

/**
 * Why no metadata column was suggested, with the class limit of this table: at most half its rows (a walkthrough:
 * a 26-sample panel whose classes were spelt in two letter cases, 14, was told "no metadata column has 2–100
 * classes"), and the columns over it with their counts.
 */
function classLimitWords(rows: number, columns: TableFacts['metadataColumns']): string {
  const most = maxLabelClasses(rows);
  const limit =
    most < 100 ? `2–${most} classes — at most half the ${countText(rows)} rows —` : `2–${most} classes`;
  const over = columns.filter((c) => !c.continuous && !c.oneRowEach && c.distinct > most);
  const named = over.slice(0, 3).map((c) => `'${c.name}' has ${countText(c.distinct)}`);
  if (over.length > 3) named.push(`${over.length - 3} more`);
  return `no metadata column has ${limit} that are not measurements${named.length ? `; ${named.join(', ')}` : ''}`;
}

/** train's options a user may give inspect (its nearest option to --label was --layer). */
const INSPECT_ELSEWHERE = {
  label:
    'inspect suggests the label column itself (its Suggested label column line); train takes one: tripletlens train FILE --label COL',
} as const;

export const inspectCommand: CliCommand = async (argv, io) => {
  const args = parseCommandArgs('inspect', argv, OPTIONS, { help: USAGE, elsewhere: INSPECT_ELSEWHERE });
  if (flag(args, 'help')) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) {
    throw new UsageError(
      `tripletlens inspect: give exactly one input FILE; got ${args.positionals.length === 0 ? 'none' : args.positionals.join(' ')}\n\n${USAGE}`,
    );
  }
  const options = importOptionsFromArgs(args);
  const table = await importCountingMissing(inputPath('inspect', args.positionals[0]), {
    readLimit: INSPECT_READ_LIMIT,
    ...options,
  });
  const facts = inspectTable(table, options.transpose ?? false);
  // the suggested label, else the columns that could be labels: spelt in two letter cases, a class counts twice
  const candidates = facts.metadataColumns.filter(
    (m) => !m.continuous && !m.oneRowEach && (facts.suggestedLabel ? m.name === facts.suggestedLabel : true),
  );
  const caseVariants = caseVariantWarnings(table, candidates);
  if (flag(args, 'json')) {
    // the same warnings as the report prints, in the shape of the import's (a script read no case warning)
    const warnings = [
      ...facts.warnings,
      ...caseVariants.map((message) => ({ code: CASE_VARIANT_CODE, message })),
    ];
    io.stdout(`${JSON.stringify({ ...facts, warnings }, null, 2)}\n`);
    return 0;
  }
  const counts = facts.looksLikeCounts;
  // the sparsity line goes for any table of coordinates; the words say so only of one named as such
  const coordinates = namesCoordinates(table);
  const valuesLine =
    embeddingOfMatrix(facts.format.matrix) !== null
      ? `${describeEmbeddingValues(table.values)} — not genes, so they are mapped as they are (no normalisation)`
      : coordinates
        ? // a map's coordinates CSV (train's output, or an export) given as the input: no expression values
          `${describeCoordinateValues(table.values, table.genes)} — not genes or counts, so no normalisation is needed`
        : `${describeValues(table.values)}${counts ? ' — raw counts, so normalisation + log1p is recommended' : ' — not raw counts, so no normalisation is needed'}`;
  let labelLine = noLabelLine(table, facts, options.transpose ?? false);
  if (facts.suggestedLabel) {
    const summary = labelColumnSummary(table, facts.suggestedLabel);
    const top = summary.classes
      .slice(0, 4)
      .map((c) => `${c.name} ${countText(c.count)}`)
      .join(', ');
    const more = summary.classes.length > 4 ? ', …' : '';
    // 'unlabeled' as train, the run report and the page spell it; a text table's rows are rows, not cells
    const unlabeled = summary.unlabeled > 0 ? `; ${countText(summary.unlabeled)} unlabeled` : '';
    const small =
      summary.tooSmall.length > 0
        ? `; classes with < 2 ${rowWords(table.format?.kind ?? 'text').many}: ${summary.tooSmall.join(', ')}`
        : '';
    labelLine = `${facts.suggestedLabel} (${summary.classes.length} classes: ${top}${more}${unlabeled}${small})`;
  }
  io.stdout(humanReport(facts, valuesLine, labelLine, { dense: holdsCoordinates(table), coordinates }));
  for (const warning of caseVariants) io.stdout(`Warning: ${warning}\n`);
  return 0;
};
