/**
 * The AnnData result of `train` and of `embed`, assembled from the imported table and the run: the input's
 * metadata as obs, the run's split / predicted label / confidence as obs columns, the genes the recipe
 * used as var with their input values as X (a run on an h5ad's embedding: the input's own X and var, and
 * the embedding in obsm under its name; an h5ad's obsm entries, obsp, raw and uns either way), and the
 * coordinates as obsm['X_tripletlens'].
 */
import type { EditedLabels } from '../../api/annotation.js';
import type { ExpressionTable, MetadataColumn } from '../../data/types.js';
import type { DataSource } from '../../data/options.js';
import { editedValues } from '../retrain.js';
import { makeUnique } from '../../data/unique-names.js';
import type { LoadedModel } from '../model-folder.js';
import { packageVersion } from '../../util/paths.js';
import type { EmbedOutput } from '../embed-with-model.js';
import type { TrainingRun } from '../types.js';
import { predictUntrained } from '../untrained-predictions.js';
import { encodeObsColumn, obsColumnOf, sortCategories, type ObsColumn } from './obs-encoding.js';
import { validColumnName } from './column-names.js';
import { editedCategories } from './class-order.js';
import { embeddingOfMatrix } from '../../api/matrix-input.js';
import { columnNumbers, type ColumnNumbers } from '../../data/numeric-column.js';
import { columnCodes, type CategoryCodes } from '../../data/category-column.js';
import type { H5adResult } from './write-result-h5ad.js';
import {
  colourUncovered,
  coveringCategories,
  modelColours,
  withShownColours,
  type ShownColours,
} from './shown-colours.js';
import { coloursByClass } from '../model-colours.js';

/**
 * obs columns the run adds. An input column of the same name (an earlier result trained on again) is kept
 * under a suffixed name, `tripletlens_split.1`, as the writer keeps an earlier map's obsm and uns entries:
 * users compare runs, and the earlier predictions were lost without a word.
 */
export const SPLIT_COLUMN = 'tripletlens_split';
export const PREDICTED_COLUMN = 'tripletlens_predicted';
export const CONFIDENCE_COLUMN = 'tripletlens_confidence';

/**
 * The input's metadata as obs columns (renamed where anndata needs it) followed by `extra` (the columns the
 * result writes anew, `own`), with the input's category colours keyed by the written names — an extra
 * column's from the input's column of its name (an earlier result's), for the writer to rebuild by category;
 * the predicted labels' from the label column `labelColumn` when the input coloured it (its categories are
 * the label column's, so `sc.pl.embedding(color=[label, 'tripletlens_predicted'])` shows a class in one colour).
 * `shown` (the page's class colours) go over the input's for the columns it names (by their input names).
 */
function obsOf(
  table: ExpressionTable,
  extra: ObsColumn[],
  labelColumn?: string,
  shown?: ShownClasses,
): { obs: ObsColumn[]; colors: Record<string, Record<string, string>>; own: string[]; notes: string[] } {
  const shownOf = (column: string) => (shown?.columns.has(column) ? shown.colours : null);
  const kept: MetadataColumn[] = table.metadata;
  // the run's own columns first, so they take their names and an earlier run's get the suffix
  const unique = makeUnique([...extra.map((c) => c.name), ...kept.map((m) => validColumnName(m.name))]);
  const own = unique.names.slice(0, extra.length);
  const names = unique.names.slice(extra.length);
  const colors: Record<string, Record<string, string>> = {};
  const obs: ObsColumn[] = kept.map((m, i) => {
    const given = withShownColours(table.categoryColors?.[m.name], shownOf(m.name));
    if (given) colors[names[i]] = given;
    // a numeric column still held as numbers, a categorical still held as codes, is written from them, its
    // text never made
    return obsColumnOf(names[i], m);
  });
  extra.forEach((c, i) => {
    obs.push({ ...c, name: own[i] });
    const ofLabel =
      c.name === PREDICTED_COLUMN && labelColumn ? table.categoryColors?.[labelColumn] : undefined;
    const given = withShownColours(ofLabel ?? table.categoryColors?.[c.name], shownOf(c.name));
    if (given) colors[own[i]] = given;
  });
  const keptAside = keptAsideNote(unique.renamed.filter(([from]) => own.includes(from)));
  const forAnndata = kept
    .map((m, i): [string, string] => [m.name, names[i]])
    .filter(([from]) => validColumnName(from) !== from);
  return { obs, colors, own, notes: [...keptAside, ...renamedForAnndataNote(forAnndata)] };
}

/**
 * The one note on the input's obs columns whose names anndata cannot hold, written under another ('batch/lane'
 * as 'batch_lane': a metadata file's column was renamed in the result without a word); none: no note.
 */
function renamedForAnndataNote(renamed: readonly [string, string][]): string[] {
  if (renamed.length === 0) return [];
  const quoted = (names: string[]) => names.map((n) => `'${n}'`).join(', ');
  const [from, to] = [quoted(renamed.map((r) => r[0])), quoted(renamed.map((r) => r[1]))];
  const [one, written] = renamed.length === 1 ? ['column', 'is'] : ['columns', 'are'];
  return [
    `the input's obs ${one} ${from} ${written} written as obs ${to}: an h5ad column name cannot hold '/', nor be '_index' or '.'.`,
  ];
}

/** The one note on the input's obs columns kept under a suffixed name (none renamed: no note). */
function keptAsideNote(renamed: readonly [string, string][]): string[] {
  if (renamed.length === 0) return [];
  const quoted = (names: string[]) => names.map((n) => `'${n}'`).join(', ');
  const [from, to] = [quoted(renamed.map((r) => r[0])), quoted(renamed.map((r) => r[1]))];
  return renamed.length === 1
    ? [`the input's obs column ${from} is kept as obs ${to}, as the result's own column takes its name.`]
    : [
        `the input's obs columns ${from} are kept as obs ${to}, as the result's own columns take their names.`,
      ];
}

/** The page's class colours and the obs columns (by their input names) whose classes they colour. */
interface ShownClasses {
  columns: ReadonlySet<string>;
  colours: ShownColours;
}

/**
 * A gene annotation restricted to the genes written (`columns`), as a column for var: one still held as
 * numbers (an h5ad's numeric var column) stays numbers, a categorical still held as codes stays codes (all
 * its categories kept, as its text is written), its text never made.
 */
function varColumn(name: string, annotation: MetadataColumn, columns: readonly number[]): ObsColumn {
  const numbers = columnNumbers(annotation);
  if (numbers && annotation.stored) {
    const picked = new (numbers.constructor as new (length: number) => ColumnNumbers)(columns.length);
    columns.forEach((c, j) => (picked[j] = numbers[c]));
    return { name, numbers: picked, stored: annotation.stored };
  }
  const held = columnCodes(annotation);
  if (held && annotation.stored?.kind === 'categorical') {
    const codes = new (held.codes.constructor as new (length: number) => CategoryCodes)(columns.length);
    columns.forEach((c, j) => (codes[j] = held.codes[c]));
    return { name, codes, categories: held.categories, stored: annotation.stored };
  }
  const values = columns.map((c) => annotation.values[c]);
  return { name, values, ...(annotation.stored ? { stored: annotation.stored } : {}) };
}

/** The table's genes that `genes` names, as ascending column indices. */
function geneColumns(table: ExpressionTable, genes: readonly string[]): number[] {
  const wanted = new Set(genes);
  const columns: number[] = [];
  table.genes.forEach((g, c) => {
    if (wanted.has(g)) columns.push(c);
  });
  return columns;
}

/** The table's columns the embedding read (matched by name or by id), ascending. */
function usedColumns(output: EmbedOutput): number[] {
  return Array.from(output.geneMatch.columns)
    .filter((c) => c >= 0)
    .sort((a, b) => a - b);
}

/**
 * The parts of a result every run shares; `columns` are the table's gene columns to write as var/X, ascending
 * (for `embed`, those its gene matching used, whatever their names). A table read from an h5ad's embedding
 * (obsm/X_pca) holds no genes: its X and var are copied from the file as the result is written, and the
 * embedding goes to obsm under its own name.
 */
function baseResult(
  table: ExpressionTable,
  columns: readonly number[],
  extra: ObsColumn[],
  source: DataSource = table.source,
  labelColumn?: string,
  shown?: ShownClasses,
): Omit<H5adResult, 'embedding' | 'report'> {
  const { obs, colors, own, notes } = obsOf(table, extra, labelColumn, shown);
  const shared = {
    source: table.source,
    obsNames: makeUnique(table.ids).names,
    // the input's id column names the index ('obs_names' stands for an h5ad index without a name)
    ...(table.idColumn && table.idColumn !== 'obs_names' ? { obsIndexName: table.idColumn } : {}),
    obs,
    categoryColors: colors,
    ownColumns: own,
    ...(notes.length ? { notes } : {}),
  };
  const embedding = table.format?.kind === 'h5ad' ? embeddingOfMatrix(table.format.matrix) : null;
  if (embedding !== null && table.format) {
    return {
      ...shared,
      varNames: [],
      X: null,
      inputGenes: { source, trainedOn: table.format.matrix },
      obsm: [{ name: embedding, matrix: table.values }],
    };
  }
  const names = makeUnique((table.geneAnnotations ?? []).map((a) => validColumnName(a.name))).names;
  return {
    ...shared,
    varNames: columns.map((c) => table.genes[c]),
    // the input's var index name (an h5ad's var.index.name), as the obs index keeps the id column's
    ...(table.geneIndexName ? { varIndexName: table.geneIndexName } : {}),
    // the genes' own annotations (h5ad var columns such as gene_ids), restricted to the genes used
    var: (table.geneAnnotations ?? []).map((a, i) => varColumn(names[i], a, columns)),
    // the writer picks these columns from the input block by block (no copy of the matrix)
    X: table.values,
    XColumns: columns,
    // an h5ad's obsm entries, obsp, raw and uns come along, copied from the file as the result is written
    // (and uns, but log1p only when X is the input's X: a layer of counts is not log-transformed)
    ...(table.format?.kind === 'h5ad' ? { inputCells: source, XFrom: table.format.matrix } : {}),
  };
}

/**
 * The predicted-label column, with the label column's stored categories (their order, their dtype when
 * numeric, e.g. leiden codes as int64, and pandas' `ordered` flag): pandas compares two categoricals only
 * when their categories and ordering match — an ordered label column beside unordered predictions raised
 * "Categoricals can only be compared if 'categories' are the same" —, so `obs.leiden ==
 * obs.tripletlens_predicted` then works, numbers against numbers. A label column stored as plain integers
 * gives categories of its values, of its integer dtype (int64, int32, a loom's uint8…). A label column typed by inference (CSV, a loom's text col_attr, a
 * joined metadata file) gives the predictions the categories it is written with; another kind (plain strings)
 * text categories of their own.
 */
function predictedColumn(table: ExpressionTable, labelColumn: string, predicted: string[]): ObsColumn {
  const column = table.metadata.find((m) => m.name === labelColumn);
  const stored = column?.stored;
  if (column && stored?.kind === 'integer') {
    // cluster codes stored as plain integers (not a categorical): categories of the column's own integer dtype
    // (anndata keeps int32/uint8 categories as they are) in numeric order, so obs.leiden ==
    // obs.tripletlens_predicted compares numbers with numbers (text categories never matched)
    const codes = [...new Set(column.values.filter((v) => v !== ''))].sort((a, b) => Number(a) - Number(b));
    return {
      name: PREDICTED_COLUMN,
      values: predicted,
      stored: { kind: 'categorical', categories: codes, categoryDtype: stored.dtype ?? 'int64' },
    };
  }
  if (stored?.kind !== 'categorical' || stored.categories === undefined) {
    // a label column typed by inference (a CSV's, a loom's text col_attr, a joined --meta-file's) is written
    // as a categorical of all its classes: the predictions take those categories, as pandas compares only
    // categoricals of the same categories (a class no held-out cell was predicted as made them differ)
    const inferred = column && !stored ? encodeObsColumn({ name: column.name, values: column.values }) : null;
    if (inferred?.kind === 'categorical') {
      return {
        name: PREDICTED_COLUMN,
        values: predicted,
        stored: { kind: 'categorical', categories: inferred.categories },
      };
    }
    return { name: PREDICTED_COLUMN, values: predicted, as: 'categorical' };
  }
  const { categories, categoryDtype, ordered } = stored;
  return {
    name: PREDICTED_COLUMN,
    values: predicted,
    stored: {
      kind: 'categorical',
      categories,
      ...(categoryDtype ? { categoryDtype } : {}),
      ...(ordered ? { ordered } : {}),
    },
  };
}

/**
 * The h5ad result of a training run on `table`; with `edited` (labels edited on the map), their column
 * (`label_edited`) is added beside the original label column, which is kept. `source` is the input as it
 * can be read again (a run on an h5ad's embedding copies its X and var from it); default `table.source`, the
 * path it was read from — a session holding an upload's bytes passes them. `shown`, the page's class colours
 * (default none), colour the label column, the edited labels and the predictions as the map drew them.
 */
export function trainingH5ad(
  table: ExpressionTable,
  run: TrainingRun,
  edited: EditedLabels | null = null,
  source: DataSource = table.source,
  shown: ShownColours | null = null,
): H5adResult {
  const coloured = [run.labelColumn, PREDICTED_COLUMN, ...(edited ? [edited.column] : [])];
  const { predicted, confidence } = predictUntrained(run);
  // the edited classes in the legend's order, not alphabetically: their colours follow the categories
  const editedColumn: ObsColumn[] = edited
    ? [
        {
          name: edited.column,
          values: editedValues(edited),
          stored: { kind: 'categorical', categories: editedCategories(table, edited) },
        },
      ]
    : [];
  // a run trained on the edited labels carries that column already: the page's current edits replace it
  const base = edited
    ? { ...table, metadata: table.metadata.filter((m) => m.name !== edited.column) }
    : table;
  // the page's colours only when they colour every class its map drew — a book grown while the map was
  // coloured by a gene lacks a new run's classes, and would colour them all grey
  const drawn = new Set((edited ? editedValues(edited) : run.labels).filter((l) => l.trim() !== ''));
  const usable = shown && [...drawn].every((c) => Object.hasOwn(shown, c)) ? shown : null;
  const predictions = predictedColumn(table, run.labelColumn, predicted);
  const categories = predictions.stored?.kind === 'categorical' ? (predictions.stored.categories ?? []) : [];
  return {
    ...baseResult(
      base,
      geneColumns(base, run.recipe.genes),
      [
        ...editedColumn,
        { name: SPLIT_COLUMN, values: run.split, as: 'categorical' },
        predictions,
        { name: CONFIDENCE_COLUMN, numbers: confidence },
      ],
      source,
      run.labelColumn,
      usable
        ? {
            columns: new Set(coloured),
            colours: coveringCategories(usable, categories, table.categoryColors?.[run.labelColumn]),
          }
        : undefined,
    ),
    embedding: run.coords,
    report: run.report,
  };
}

/**
 * `table` with its column `labelColumn`, when typed by inference (a loom's or a CSV's text), written as a
 * categorical of its classes and the model's `classes` together, so the predictions (any of the model's
 * classes) share its categories: pandas compares two categoricals only when their categories are the same.
 */
function withModelClasses(
  table: ExpressionTable,
  labelColumn: string,
  classes: readonly string[],
): ExpressionTable {
  const column = table.metadata.find((m) => m.name === labelColumn);
  if (!column || column.stored) return table;
  const inferred = encodeObsColumn({ name: column.name, values: column.values });
  if (inferred.kind !== 'categorical') return table;
  const categories = sortCategories([...new Set([...inferred.categories, ...classes])]);
  const stored = { kind: 'categorical' as const, categories };
  return { ...table, metadata: table.metadata.map((m) => (m === column ? { ...m, stored } : m)) };
}

/** The h5ad result of `embed`: `table` projected through `model`. */
export function embeddingH5ad(
  table: ExpressionTable,
  model: LoadedModel,
  output: EmbedOutput,
  sha256: string | null = null,
): H5adResult {
  const counts: Record<string, number> = {};
  for (const label of output.predicted) counts[label] = (counts[label] ?? 0) + 1;
  const report = {
    tool: { name: 'tripletlens', version: packageVersion() },
    kind: 'embed',
    createdAt: new Date().toISOString(),
    input: {
      source: table.source,
      sha256,
      idColumn: table.idColumn,
      cells: table.ids.length,
      genes: table.genes.length,
    },
    model: { dir: model.dir, ...model.manifest },
    missingGenes: output.missingGenes,
    geneMatching: { ...output.geneMatch.counts, ambiguous: output.geneMatch.ambiguousGenes },
    predictedCounts: counts,
    // the training run's report, recipe included
    training: model.report,
  };
  // a file with the model's label column (a loom's ClusterName) gets predictions of its categories
  const labelColumn = model.manifest.labelColumn;
  const labelled = withModelClasses(table, labelColumn, model.manifest.classes);
  const predictions = predictedColumn(labelled, labelColumn, output.predicted);
  // the model's classes the file's colours of its label column leave out get colours of their own (the
  // writer appends a predicted class the label column's categories lack)
  const stored = predictions.stored?.kind === 'categorical' ? (predictions.stored.categories ?? []) : [];
  const categories = [...new Set([...stored, ...model.manifest.classes])];
  const given = table.categoryColors?.[labelColumn];
  const mapColours = coloursByClass(model.manifest.classColours);
  const added = colourUncovered(categories, given, mapColours);
  // a file without colours of its own takes the training map's (model.json classColours), for its label
  // column too, so a class has one colour in both and in the map it was trained on
  const ofModel = given ? null : modelColours(categories, mapColours);
  const shown = ofModel
    ? { columns: new Set([labelColumn, PREDICTED_COLUMN]), colours: ofModel }
    : added
      ? { columns: new Set([PREDICTED_COLUMN]), colours: added }
      : undefined;
  return {
    ...baseResult(
      labelled,
      usedColumns(output),
      [predictions, { name: CONFIDENCE_COLUMN, numbers: output.confidence }],
      table.source,
      labelColumn,
      shown,
    ),
    embedding: output.coords,
    report,
  };
}
