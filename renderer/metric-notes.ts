/**
 * The run's training regime, its objective's recipe and the caveats the engine attaches to its metrics
 * (issue 13), read from the run report that comes with a RunResult (`report.regime`, `report.objectiveRecipe`,
 * `report.metricNotes`: src/engine/types.ts) and put into the words the UI shows beside the metrics. Pure (no
 * DOM). The report crosses the wire as plain JSON, so every field is checked before use: an older engine's
 * report without them shows nothing.
 */
import type { RunMetrics, RunResult } from '../src/api/engine-api.js';
import { reportFormatKind, rowWords, type RowWords } from '../src/api/file-format.js';
import { regimeWords } from '../src/api/regime-words.js';

export type RunRegime = 'standard' | 'small';

/**
 * What the run's rows are called (`rowWords` of the format its report names): 'cells', or 'rows' for a run
 * on a text table; 'cells' for a report that does not say.
 */
export function runRowWords(result: { report?: unknown }): RowWords {
  return rowWords(reportFormatKind(result.report));
}

/** The metrics in the order the UI lists them, with the short names notes are grouped under. */
function metricNames(words: RowWords): readonly (readonly [keyof RunMetrics, string])[] {
  return [
    ['knn_holdout', `kNN accuracy, held-out ${words.many}`],
    ['knn_holdout_pca', 'PCA baseline'],
    ['knn_holdout_input', 'input space'],
    ['knn_train', `kNN accuracy, training ${words.many}`],
    ['silhouette', 'silhouette'],
    ['trustworthiness', 'trustworthiness'],
  ];
}

/** The regime the run trained in, or null when the report does not say. */
export function runRegime(result: Pick<RunResult, 'report'>): RunRegime | null {
  const regime = result.report.regime;
  return regime === 'standard' || regime === 'small' ? regime : null;
}

/** The note beside one metric (e.g. a hold-out too small to mean much), or null. */
export function metricNoteFor(result: Pick<RunResult, 'report'>, metric: keyof RunMetrics): string | null {
  const notes = result.report.metricNotes;
  if (typeof notes !== 'object' || notes === null) return null;
  const note = (notes as Record<string, unknown>)[metric];
  return typeof note === 'string' && note.trim() ? note.trim() : null;
}

/** "Regime: small (…)" — what the regime means for this run, in a sentence; null when unknown. */
export function regimeText(result: Pick<RunResult, 'report'>): string | null {
  const regime = runRegime(result);
  if (regime === null) return null;
  const split = result.report.split as { train?: unknown } | undefined;
  const train = typeof split?.train === 'number' ? split.train : undefined;
  return `Regime: ${regimeWords(regime, train, reportFormatKind(result.report))}.`;
}

/**
 * "Objective: neighbourhoods, graph recipe (…)" — the recipe of the terms that keep neighbourhoods the run
 * used (src/engine/objective.ts), or null for the plain triplet map and for a report that does not say.
 */
export function objectiveText(result: Pick<RunResult, 'report'>): string | null {
  const recipe = result.report.objectiveRecipe;
  if (recipe === 'graph') {
    return 'Objective: keep neighbourhoods, graph recipe (parametric UMAP’s graph term with order, class-ratio and classifier terms).';
  }
  if (recipe === 'order') {
    return 'Objective: keep neighbourhoods, order recipe (within-class order, class-ratio and classifier terms).';
  }
  if (recipe === 'order-wide') {
    return 'Objective: keep neighbourhoods, wide order recipe (within-class order, class-ratio and classifier terms on a 3 × 256 network, up to 480 epochs).';
  }
  return null;
}

/** The lines about how the run trained: its regime and, when one was used, the objective's recipe. */
export function runSettingLines(result: Pick<RunResult, 'report'>): string[] {
  return [regimeText(result), objectiveText(result)].filter((line): line is string => line !== null);
}

/**
 * The metric notes as lines, metrics sharing one note named together: "kNN accuracy, held-out cells, PCA
 * baseline, input space: too small a hold-out for a reliable estimate (…)".
 */
export function metricNoteLines(result: Pick<RunResult, 'report'>): string[] {
  const byNote = new Map<string, string[]>();
  for (const [metric, name] of metricNames(runRowWords(result))) {
    const note = metricNoteFor(result, metric);
    if (note !== null) byNote.set(note, [...(byNote.get(note) ?? []), name]);
  }
  return [...byNote].map(([note, names]) => `${names.join(', ')}: ${note}.`);
}
