/**
 * What the UI is told about an imported table (DatasetSummary, LabelSummary, ColumnValues), computed from
 * the importer's facts. Kept apart from EngineSession so the session only deals with state and lifecycle.
 */
import type {
  ColumnRequest,
  ColumnValues,
  DatasetSummary,
  FileFormatSummary,
  FilePreview,
  ImportSettings,
  MetadataColumnSummary,
} from '../api/engine-api.js';
import { EngineError } from '../api/errors.js';
import { countText } from '../api/count-text.js';
import { rowNoun } from '../api/file-format.js';
import { embeddingOfMatrix } from '../api/matrix-input.js';
import type { ExpressionTable, FilePreview as DataPreview, ImportOptions } from '../data/index.js';
import { countMetadataColumn, inspectMatrix, suggestLabelFromClasses } from '../data/index.js';
import { columnOf } from '../data/sparse.js';
import { countFactors } from '../markers/marker-genes.js';
import { hasNegativeValues, looksLogTransformed } from '../data/counts.js';
import { holdsCoordinates } from '../data/coordinates-table.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import { encodeColumnCodes } from '../api/column-codes.js';

/** The importer's options for the API's import settings. */
export function importOptions(settings: ImportSettings = {}): ImportOptions {
  const options: ImportOptions = {};
  if (settings.delimiter && settings.delimiter !== 'auto') options.delimiter = settings.delimiter;
  if (settings.decimal && settings.decimal !== 'auto') options.decimal = settings.decimal;
  if (settings.orientation === 'genes-as-rows') options.transpose = true;
  // Explicit, so a MatrixMarket file without telling name files is not turned round by detection.
  if (settings.orientation === 'cells-as-rows') options.transpose = false;
  if (settings.idColumn) options.idColumn = settings.idColumn;
  if (settings.metadataColumns?.length) options.metaColumns = settings.metadataColumns;
  if (settings.genesFrom) options.genesFrom = settings.genesFrom;
  if (settings.missing) options.missing = settings.missing;
  if (settings.layer) options.layer = settings.layer;
  if (settings.input) options.input = settings.input;
  return options;
}

/**
 * The settings the open data is read again with to join a metadata file (openMetadata): its own, and — for an
 * h5ad, loom or 10x input (`kind`), whose settings hold no decimal separator, since it has no text — the one
 * chosen with the metadata file (`decimal`), which then reads that file's numbers only. A text table's own
 * choice reads both files, as it did the data.
 */
export function metadataJoinSettings(
  settings: ImportSettings,
  decimal: ImportSettings['decimal'],
  kind: string,
): ImportSettings {
  if (kind === 'text' || decimal === undefined || decimal === 'auto') return settings;
  return { ...settings, decimal };
}

const TOP_VALUES = 12;

/**
 * The Import summary of each metadata column and the suggested label, from one count of each column
 * (`countMetadataColumn`: a column held as numbers is counted from its numbers, without making its text): its
 * distinct count, top values, continuous flag (`isContinuousCounts`) and classes for the suggestion
 * (`suggestLabelFromClasses`). A column named like an earlier one is judged by the earlier one's
 * values, as `findLabelColumn` finds it.
 */
function metadataSummaries(table: ExpressionTable): {
  metadata: MetadataColumnSummary[];
  suggestedLabel: string | null;
} {
  const rows = table.ids.length;
  const counted = table.metadata.map((m) => countMetadataColumn(m, rows));
  const names = table.metadata.map((m) => m.name);
  const byName = names.map((name) => counted[names.indexOf(name)]);
  const metadata = counted.map((c, i) => ({
    name: names[i],
    distinct: c.distinct,
    missing: c.missing,
    topValues: c.top(TOP_VALUES).map(([value, count]) => ({ value, count })),
    ...(byName[i].continuous ? { continuous: true } : {}),
    ...(table.metadata[i].joined ? { joined: true } : {}),
  }));
  const classes = byName.map((c, i) => ({ name: names[i], classes: c.classes }));
  return { metadata, suggestedLabel: suggestLabelFromClasses(classes) ?? null };
}

/**
 * A table's format as the page is told it, copied (the dataset's and a projected file's): a table without one
 * (a text table) is kind 'text' with matrix ''.
 */
export function formatSummary(f: ExpressionTable['format']): FileFormatSummary {
  if (!f) return { kind: 'text', matrix: '', layers: [], obsm: [], embeddings: [] };
  return {
    kind: f.kind,
    matrix: f.matrix,
    layers: [...f.layers],
    ...(f.layerGenes ? { layerGenes: { ...f.layerGenes } } : {}),
    obsm: [...f.obsm],
    embeddings: (f.embeddings ?? []).map((e) => ({ ...e })),
  };
}

/**
 * Names a file in the table's import notes as the user knows it: an uploaded file by its own name, not the
 * server's temporary path (the importer only knows the path it read).
 */
export function nameInWarnings(table: Pick<ExpressionTable, 'warnings'>, path: string, name: string): void {
  if (path === name) return;
  table.warnings = table.warnings.map((w) => ({ ...w, message: w.message.split(path).join(name) }));
}

/**
 * Counts, or else log data when the values look like log1p of counts — unless the matrix is an embedding
 * (obsm/X_pca: components, not log expression), whose values are only continuous.
 */
function valueKindOf(counts: boolean, matrix: string, values: ExpressionMatrix): DatasetSummary['valueKind'] {
  if (counts) return 'counts';
  if (embeddingOfMatrix(matrix) !== null) return 'other';
  // a processed h5ad's X after sc.pp.scale was called 'already log-transformed', as if its fold changes held
  if (hasNegativeValues(values)) return 'scaled';
  // iris's measurements (0.1 to 7.9, no zeros) were called 'already log-transformed' too
  return looksLogTransformed(values) ? 'log' : 'non-negative';
}

/** Builds the summary the Import screen shows. */
export function datasetSummary(
  table: ExpressionTable,
  preview: DataPreview,
  settings: ImportSettings,
  ids: { datasetId: string; source: string; metadataSource: string | null },
): DatasetSummary {
  const transposed = settings.orientation === 'genes-as-rows';
  // the page's words: its Orientation setting, not --transpose
  const facts = inspectMatrix(table, transposed, 'app');
  const { metadata, suggestedLabel } = metadataSummaries(table);
  const filePreview: FilePreview = {
    header: preview.columns,
    rows: preview.rows,
    // the preview's own count: the id column counted only when the file has one (genes + metadata + 1 counted
    // one column too many for a table whose rows are numbered)
    totalColumns: preview.totalColumns,
    delimiter: preview.delimiter,
  };
  const applied = transposed ? 'genes-as-rows' : 'cells-as-rows';
  const reason =
    facts.orientationHint ??
    (transposed
      ? // turned round is a text table's, whose columns may be a bulk panel's samples (rowNoun)
        `Turned round as asked: columns are ${rowNoun(facts.format.kind)}, rows are genes.`
      : embeddingOfMatrix(facts.format.matrix) !== null
        ? `Rows are cells (${countText(facts.rows)}), columns are the embedding's dimensions (${countText(facts.genes)}).`
        : `Rows are ${rowNoun(facts.format.kind)} (${countText(facts.rows)}), numeric columns are genes (${countText(facts.genes)}).`);
  return {
    datasetId: ids.datasetId,
    source: ids.source,
    rows: facts.rows,
    genes: facts.genes,
    geneNames: table.genes,
    idColumn: facts.idColumn,
    metadata,
    suggestedLabel,
    valueKind: valueKindOf(facts.looksLikeCounts, facts.format.matrix, table.values),
    // read as it is yet looking turned round: the label picker says to turn it before choosing labels
    orientation: {
      applied,
      reason,
      ...(!transposed && facts.orientationHint ? { looksTurned: true as const } : {}),
    },
    preview: filePreview,
    recommendedPreprocess: facts.recommendedPreprocessing,
    format: formatSummary(facts.format),
    // an embedding's sparsity says nothing: no Sparsity line (h5ad obsm input and a coordinates table alike)
    ...(holdsCoordinates(table) ? {} : { nonZeroFraction: facts.nonZeroFraction }),
    warnings: facts.warnings,
    metadataSource: ids.metadataSource,
    ...categoryColorsOf(table),
    ...categoryOrderOf(table),
  };
}

/** At most this many categories of a column are given in `DatasetSummary.categoryOrder`. */
export const MAX_ORDERED_CATEGORIES = 1000;

/** The stored category order of the table's categorical metadata columns (none: no field at all). */
function categoryOrderOf(table: ExpressionTable): Pick<DatasetSummary, 'categoryOrder'> {
  const kept = table.metadata.flatMap((m): [string, string[]][] => {
    const categories = m.stored?.kind === 'categorical' ? m.stored.categories : undefined;
    return categories && categories.length <= MAX_ORDERED_CATEGORIES ? [[m.name, [...categories]]] : [];
  });
  return kept.length ? { categoryOrder: Object.fromEntries(kept) } : {};
}

/** The file's category colours for the metadata columns the table kept (none: no field at all). */
function categoryColorsOf(table: ExpressionTable): Pick<DatasetSummary, 'categoryColors'> {
  const names = new Set(table.metadata.map((m) => m.name));
  const kept = Object.entries(table.categoryColors ?? {}).filter(([column]) => names.has(column));
  return kept.length
    ? { categoryColors: Object.fromEntries(kept.map(([c, colors]) => [c, { ...colors }])) }
    : {};
}

/**
 * One value per cell of a metadata column (text) or a gene (its expression as imported; a file of counts's
 * log1p(count · 10 000 / the cell's total), said by `scale`).
 */
export function columnValues(table: ExpressionTable, request: ColumnRequest): ColumnValues {
  if (request.kind === 'metadata') {
    const column = table.metadata.find((m) => m.name === request.column);
    if (!column) {
      throw new EngineError({
        kind: 'invalid-request',
        message: `There is no metadata column '${request.column}'. Metadata columns: ${table.metadata.map((m) => m.name).join(', ') || 'none'}`,
      });
    }
    // the live map's labels: codes and class names, not one string a cell (column-codes.ts)
    if (request.coded === true)
      return { kind: 'coded', name: column.name, ...encodeColumnCodes(column.values) };
    return { kind: 'text', name: column.name, values: column.values };
  }
  const index = table.genes.indexOf(request.gene);
  if (index < 0) {
    throw new EngineError({
      kind: 'invalid-request',
      message: `There is no gene '${request.gene}' in ${table.source}`,
    });
  }
  // one column read straight from the stored matrix (a CSR is never densified for this)
  const values = columnOf(table.values, index);
  // counts are coloured on the marker table's scale: raw UMI counts gave a map whose colours followed the
  // cells' sequencing depth and a few high counts (CD79A dark over most B cells of a 10x folder)
  const factors = countFactors(table.values, table.genes);
  if (factors !== null)
    for (let r = 0; r < values.length; r++) values[r] = Math.log1p(values[r] * factors[r]);
  const rows = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    kind: 'numeric',
    name: request.gene,
    values,
    min: rows ? min : 0,
    max: rows ? max : 0,
    ...(factors !== null ? { scale: 'log1p-normalised' as const } : {}),
  };
}
