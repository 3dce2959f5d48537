/**
 * "Retrain with these labels": the edited labels become a label column of the loaded table (the original
 * column stays as it is), and the run's settings come from the last run — for fine-tuning with its
 * network, dimensions, preprocessing, seed and regime fixed, so the earlier encoder's weights fit and the
 * map moves rather than being redrawn.
 */
import { countText } from '../api/count-text.js';
import type { EditedLabels } from '../api/annotation.js';
import { FINE_TUNE_EPOCHS, type RetrainRequest } from '../api/annotate.js';
import type { TrainRequest } from '../api/engine-api.js';
import type { ExpressionTable } from '../data/types.js';
import type { TrainSettings, TrainingRun } from './types.js';
import { SMALL_REGIME } from './regime.js';
import { recipeOptions } from './objective.js';

/**
 * Checks edited labels sent by a page for a table of `rows` cells: an Int32Array of codes, one per cell,
 * each -1 or an index into the category names. Returns a readable reason, or null when they are fine.
 */
export function editedLabelsProblem(edited: EditedLabels | null | undefined, rows: number): string | null {
  if (!edited || typeof edited !== 'object') return 'no edited labels were sent';
  if (typeof edited.column !== 'string' || !edited.column.trim()) return 'the edited column has no name';
  if (!Array.isArray(edited.categories) || !edited.categories.every((c) => typeof c === 'string')) {
    return 'the class names are not a list of text';
  }
  if (!(edited.codes instanceof Int32Array) || edited.codes.length !== rows) {
    return `there must be one edited label per cell (${countText(rows)}); got ${typeof edited.codes?.length === 'number' ? countText(edited.codes.length) : 'none'}`;
  }
  const k = edited.categories.length;
  for (const c of edited.codes) if (c < -1 || c >= k) return `an edited label refers to class ${c} of ${k}`;
  return null;
}

/** The edited labels as text per cell ('' = unlabeled). */
export function editedValues(edited: EditedLabels): string[] {
  return Array.from(edited.codes, (c) => (c >= 0 ? edited.categories[c] : ''));
}

/**
 * The labels of a run trained on edited labels (its column `run.labelColumn`, edits started from the input's
 * column `source`) as edits again: what the coordinates CSV takes when the page sends none — its edits undone
 * since the retrain — so the file keeps the input's own label column beside them. Null for a run on the
 * input's own column (`source` absent or that column).
 */
export function runEdits(
  run: Pick<TrainingRun, 'labels' | 'labelColumn'>,
  source: string | undefined,
): EditedLabels | null {
  if (!source || source === run.labelColumn) return null;
  const categories = [...new Set(run.labels.filter((l) => l !== ''))];
  const index = new Map(categories.map((c, i) => [c, i]));
  const codes = Int32Array.from(run.labels, (l) => index.get(l) ?? -1);
  return { column: run.labelColumn, source, categories, codes };
}

/** `table` with the edited labels as its column `edited.column` (replacing an earlier one of that name). */
export function labelledTable(table: ExpressionTable, edited: EditedLabels): ExpressionTable {
  return {
    ...table,
    metadata: [
      ...table.metadata.filter((m) => m.name !== edited.column),
      { name: edited.column, values: editedValues(edited) },
    ],
  };
}

/** Settings fine-tuning may not change: they fix the encoder's shape and its input. */
const FIXED_BY_FINE_TUNING = ['dims', 'preset', 'preprocess', 'seed', 'regime'] as const;

/**
 * The settings of a retrain on `edited.column`. Fine-tuning keeps the last run's parameters (only the
 * training options the request sets change, and epochs default to FINE_TUNE_EPOCHS); from scratch takes
 * the last run's parameters, when there is one, under the request's.
 */
export function retrainSettings(request: RetrainRequest, last: TrainingRun | null): TrainSettings {
  const {
    editedLabels,
    init = 'fine-tune',
    snapshotEvery: _snapshots,
    ...given
  } = request as RetrainRequest & { labelColumn?: string };
  delete (given as { labelColumn?: string }).labelColumn;
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const previous = last ? { ...last.report.parameters, regime: last.report.regime } : {};
  if (init === 'fine-tune') {
    for (const key of FIXED_BY_FINE_TUNING) delete defined[key];
    return {
      ...previous,
      ...defined,
      epochs: (defined.epochs as number | undefined) ?? FINE_TUNE_EPOCHS,
      labelColumn: editedLabels.column,
    } as TrainSettings;
  }
  // from scratch: the choice of regime and of the objective's recipe is made again for the new labels
  const kept = last ? chosenAgain(last) : {};
  return { ...kept, ...defined, labelColumn: editedLabels.column } as TrainSettings;
}

/**
 * The last run's parameters without what its regime and its objective's recipe supplied, so that a run from
 * scratch chooses them again (a value the user had set equal to a supplied one goes too: the same choice
 * supplies it again, and another choice its own).
 */
function chosenAgain(last: TrainingRun): Record<string, unknown> {
  const kept = { ...last.report.parameters } as Record<string, unknown>;
  const supplied = {
    ...(last.report.regime === 'small' ? SMALL_REGIME : {}),
    ...recipeOptions(last.report.objectiveRecipe ?? null),
  };
  // JSON compares the layer lists too (a report read back from a session holds its own arrays)
  for (const [key, value] of Object.entries(supplied)) {
    if (JSON.stringify(kept[key]) === JSON.stringify(value)) delete kept[key];
  }
  return kept;
}

/**
 * What a page that joins a retrain in progress is told it was started with (getState's activeRequest): its
 * settings as `retrainSettings` resolved them — on the edited column, with a fine-tune's epochs and the last
 * run's kept settings, which the Retrain panel's request leaves out — and the snapshot interval it asked for.
 */
export function retrainRequest(settings: TrainSettings, request: RetrainRequest): TrainRequest {
  const snapshots = request.snapshotEvery !== undefined ? { snapshotEvery: request.snapshotEvery } : {};
  return { ...(settings as TrainRequest), ...snapshots };
}

/** A copy of `edited` that the page's later edits (its arrays are the caller's) cannot change. */
export function copyEditedLabels(edited: EditedLabels): EditedLabels {
  const { column, source, categories, codes } = edited;
  return { column, source, categories: [...categories], codes: Int32Array.from(codes) };
}
