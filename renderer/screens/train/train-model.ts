/**
 * The Train screen's derived state and text, pure (no DOM) so the rules are unit-tested: which buttons are
 * enabled, the label line, the request built from the Train form and the Import screen's preprocessing
 * settings (kept in the app state) or the notice that says why not, the progress figures, the live map's
 * figure and caption, and the finished run's regime and metric notes. The DOM builders in this folder only
 * draw what it says.
 */
import type { Data, Layout } from 'plotly.js-dist';
import type { ColumnValues, DatasetSummary, TrainRequest } from '../../../src/api/engine-api.js';
import { codedValue, encodeColumnCodes, type ColumnCodes } from '../../../src/api/column-codes.js';
import type { EditedLabels } from '../../../src/api/annotation.js';
import { REMAINING_FINISHING, remainingWords } from '../../../src/api/remaining-time.js';
import { inputShownName } from '../../../src/api/output-stem.js';
import { formatCount, formatDuration, formatLoss, formatMetric, formatPercent } from '../../format.js';
import { metricNoteLines, runRowWords, runSettingLines } from '../../metric-notes.js';
import { rowWords, type RowWords } from '../../../src/api/file-format.js';
import { stageStepText } from '../../../src/api/stage-step.js';
import { buildMapFigure, DEFAULT_MAP_VIEW } from '../../plot-model.js';
import { subsampleRows, SUBSAMPLE_3D_ABOVE } from '../../map-subsample.js';
import type { AppState, Notice, TrainingView } from '../../state.js';
import { buildTrainRequest } from '../../train-fields.js';
import { stoppingStep } from '../../training-status.js';

/** The Stop button's words while a stopped run computes its metrics: a press skips them. */
export const SKIP_METRICS = 'Skip metrics';

/**
 * Start, Stop and the line naming what will be trained on. Stop is pressed once; while the run it stopped
 * computes its metrics (minutes at 10⁵ cells, and the button was disabled all along, "stopping…") it is
 * enabled again as Skip metrics, which skips those not yet computed, as a Stop during the metrics does.
 */
export function trainControls(
  state: Pick<AppState, 'dataset' | 'labelColumn' | 'training'> & Partial<Pick<AppState, 'busy'>>,
): {
  startDisabled: boolean;
  stopDisabled: boolean;
  /** The Stop button's words: 'Stop', or SKIP_METRICS. */
  stopLabel: string;
  labelLine: string;
} {
  const status = state.training?.status;
  const running = status === 'running' || status === 'stopping';
  const skippable =
    status === 'stopping' && state.training?.stage === 'metrics' && !state.training.skippingMetrics;
  // While another file uploads or opens, the shown file and label are about to go: a Start then trained the
  // engine's new file with the old file's label column ("there is no label column 'bulk_labels'", naming a
  // temporary upload path), or, had the new file a column of that name, a file the page did not show.
  const opening = OPENING_TASKS.has(state.busy?.kind ?? '');
  return {
    startDisabled: running || opening || !state.dataset || !state.labelColumn,
    stopDisabled: !running || (status === 'stopping' && !skippable),
    stopLabel: skippable ? SKIP_METRICS : 'Stop',
    labelLine: opening
      ? `${state.busy?.message ?? 'Opening a file…'} Start training waits until it is open.`
      : state.dataset && state.labelColumn
        ? // the file's name, not its path: the bundled sample's is a folder of the installed package (under
          // serve a temporary snapshot's), which said nothing the user knew; a Cell Ranger folder's from its
          // sample's folder down, as the File line names it (every sample's is filtered_feature_bc_matrix)
          `Training on ${inputShownName(state.dataset.source)}, label column “${state.labelColumn}”.`
        : 'Open data and choose a label column on the Import screen first.',
  };
}

/** The busy tasks that replace the data the engine holds (BusyTask['kind']). */
const OPENING_TASKS: ReadonlySet<string> = new Set(['upload', 'import', 'metadata']);

/**
 * A notice the Train screen raises instead of starting. About the run (Notice.about 'run'): the next run's
 * start makes it stale — a refused setting's notice stood over every screen after the fixed settings trained.
 */
export type TrainNotice = { level: Notice['level']; title: string; message: string; about: 'run' };

/**
 * What Start training sends: the Train form's values (field key → text) with the preprocessing settings the
 * Import screen left in the state, or the notice saying why nothing can start.
 */
export function startRequest(
  state: Pick<AppState, 'dataset' | 'labelColumn' | 'preprocessValues'>,
  trainValues: Readonly<Record<string, string>>,
):
  | { request: TrainRequest; dataset: DatasetSummary; fieldErrors: Record<string, string> }
  | { notice: TrainNotice; fieldErrors?: Record<string, string> } {
  if (!state.dataset) {
    return {
      notice: {
        level: 'info',
        title: 'Nothing to train on',
        message: 'Open a file or the sample on the Import screen first.',
        about: 'run',
      },
    };
  }
  const { request, errors, fieldErrors } = buildTrainRequest(
    state.labelColumn ?? '',
    trainValues,
    state.preprocessValues,
    state.dataset.recommendedPreprocess,
  );
  if (!request) {
    return {
      notice: { level: 'error', title: 'Check the settings', message: errors.join(' '), about: 'run' },
      fieldErrors,
    };
  }
  return { request, dataset: state.dataset, fieldErrors };
}

/** The texts of the progress panel; '—' where there is nothing to say. */
export interface ProgressText {
  /** The progress bar's value, 0–1; null while the run has no step to count yet (an indeterminate bar). */
  value: number | null;
  stage: string;
  epoch: string;
  loss: string;
  active: string;
  elapsed: string;
  eta: string;
}

/** What a finished run's stopped reason says. */
const STAGE_TEXT: Readonly<Record<string, string>> = {
  completed: 'finished',
  'early-stopping': 'finished (stopped early: loss no longer improving)',
  budget: 'finished (step budget reached)',
  plateau: 'finished (validation score no longer improving)',
  stopped: 'stopped by you',
  nan: 'stopped: loss became NaN',
};

/** The share of the run done: by its steps when the engine counts them (a budget may end it early), else by epochs. */
function doneFraction(t: TrainingView): number {
  if (t.totalStep !== undefined && t.totalSteps !== undefined && t.totalSteps > 0) {
    return Math.min(1, t.totalStep / t.totalSteps);
  }
  return t.epochs > 0 ? Math.min(1, (t.epoch - 1 + (t.steps > 0 ? t.step / t.steps : 1)) / t.epochs) : 0;
}

/** ", step 4 200 of 22 250" when a step budget ends the run before its epochs do, else ''. */
function budgetSteps(t: TrainingView): string {
  const { totalStep, totalSteps } = t;
  if (totalStep === undefined || totalSteps === undefined || t.steps <= 0) return '';
  return totalSteps < t.epochs * t.steps
    ? `, step ${formatCount(totalStep)} of ${formatCount(totalSteps)}`
    : '';
}

/**
 * The stages after the training steps, whose time left reads REMAINING_FINISHING. The engine's time left
 * counts steps only: its last estimate ("about 9 min left" when a budgeted run stopped at a plateau, before
 * its last budgeted step) stayed on screen through them, minutes at 10⁵ cells.
 */
const AFTER_STEPS: ReadonlySet<string> = new Set(['embed', 'metrics', 'report']);

/** ": gene statistics, 40 000 of 100 000 cells" while a running run's stage says its step, else ''. */
function stepText(t: TrainingView, words: RowWords): string {
  return t.status === 'running' && t.stageStep ? `: ${stageStepText(t.stageStep, words)}` : '';
}

/** Stops whose engine sentence says which rule fired (shown instead of the generic words). */
const SAYS_WHY = new Set(['early-stopping', 'budget', 'plateau']);

/**
 * The progress panel's texts for run `t`. `stageMs`: how long the page has seen the run in its current stage
 * (the screen's clock). The stages around the training steps — preprocessing, the neighbour search, the
 * metrics — send no progress and take minutes at 200 000 cells, so a running run outside its steps shows
 * that time beside the stage, and before its first step an indeterminate bar and no elapsed time (the
 * engine's elapsed time counts the steps), rather than an empty bar and "0.0 s" that never move. A stage's step,
 * when the engine says it, follows the stage in the CLI's words ("preprocess: gene statistics, 40 000 of
 * 100 000 cells (12 s)"); `words`: what the table's rows are called (`rowWords`), default cells.
 */
export function progressText(
  t: TrainingView | null,
  stageMs?: number,
  words: RowWords = rowWords(undefined),
): ProgressText {
  if (!t) return { value: 0, stage: '—', epoch: '—', loss: '—', active: '—', elapsed: '—', eta: '—' };
  const fraction = doneFraction(t);
  const beforeSteps = t.status === 'running' && t.steps === 0;
  const stageTime =
    t.status === 'running' && t.stage !== 'training' && stageMs !== undefined
      ? ` (${formatDuration(stageMs)})`
      : '';
  return {
    value: t.status === 'finished' ? 1 : beforeSteps ? null : Math.max(0, fraction),
    stage:
      t.status === 'failed'
        ? 'failed'
        : t.status === 'stopping'
          ? `stopping…${stoppingStep(t, words)}`
          : SAYS_WHY.has(t.stage) && t.stopMessage
            ? `finished (${t.stopMessage})`
            : (STAGE_TEXT[t.stage] ?? t.stage) + stepText(t, words) + stageTime,
    epoch: t.epochs > 0 ? `${t.epoch} / ${t.epochs}${budgetSteps(t)}` : '—',
    loss: formatLoss(t.loss),
    active: formatPercent(t.activeFraction, 0),
    elapsed: beforeSteps ? '—' : formatDuration(t.elapsedMs),
    eta: t.status !== 'running' ? '—' : AFTER_STEPS.has(t.stage) ? REMAINING_FINISHING : remainingWords(t),
  };
}

/** The label column fetched when training starts, so that snapshots can be coloured. */
export interface LiveLabels {
  datasetId: string;
  column: string;
  /** Its class codes and names (the engine's coded reply: a byte a cell, not a string). */
  labels: ColumnCodes;
}

/**
 * The live labels from the engine's reply to the coded request: its codes as they came; a text reply (a
 * reopened session's page answers from the run's labels) coded here; null for a numeric column.
 */
export function liveLabelsOf(datasetId: string, column: string, reply: ColumnValues): LiveLabels | null {
  if (reply.kind === 'coded')
    return { datasetId, column, labels: { categories: reply.categories, codes: reply.codes } };
  if (reply.kind === 'text') return { datasetId, column, labels: encodeColumnCodes(reply.values) };
  return null;
}

/** The live labels of a retrain: its edited labels (an unlabeled cell's code, -1, reads as no class). */
export function editedLiveLabels(datasetId: string, edited: EditedLabels): LiveLabels {
  return { datasetId, column: edited.column, labels: { categories: edited.categories, codes: edited.codes } };
}

/** True when the labels held are not those of `column` in dataset `datasetId` (they must be fetched). */
export function needsLiveLabels(held: LiveLabels | null, datasetId: string, column: string): boolean {
  return !held || held.datasetId !== datasetId || held.column !== column;
}

/** The "Map so far" plot and its caption. */
export interface LiveMapView {
  figure: { data: Data[]; layout: Partial<Layout> };
  caption: string;
}

/**
 * The most points the "Map so far" panel draws, in 2-D or 3-D: a preview a few hundred pixels wide, drawn
 * anew at every snapshot while the run goes on. Each draw of the 100 000 points of a 200 000-cell run held the
 * page for ~2 s without a GPU (and a 2-D run drew every training cell); above this the panel draws the
 * Explore view's density-preserving subsample (map-subsample.ts).
 */
export const LIVE_MAP_POINTS = 20_000;

/**
 * The "Map so far" view of the training's latest map, or null when there is none yet. `limit3d`: the most
 * points drawn in 3-D (above it the density-preserving subsample); default SUBSAMPLE_3D_ABOVE, the screen
 * passes big-map.ts's points3dLimit (lower without a GPU). Neither view draws more than LIVE_MAP_POINTS.
 */
export function liveMap(
  state: Pick<AppState, 'dataset' | 'result' | 'training'>,
  liveLabels: LiveLabels | null,
  limit3d = SUBSAMPLE_3D_ABOVE,
): LiveMapView | null {
  const t = state.training;
  const snap = t?.snapshot;
  if (!t || !snap) return null;
  const coords = snap.coords;
  // the finished map carries its labels; a snapshot's rows index the label column fetched at start
  const finalLabels = snap.final && state.result?.runId === t.runId ? state.result.labels : null;
  const labels = Array.from({ length: coords.rows }, (_, i) => {
    if (finalLabels) return finalLabels[i] ?? '';
    const row = snap.rows ? snap.rows[i] : i;
    return liveLabels ? codedValue(liveLabels.labels, row) : '';
  });
  const column = finalLabels ? (state.result?.labelColumn ?? 'label') : (liveLabels?.column ?? 'label');
  // the colours the file gives the label's classes (scanpy's), as the Explore view uses them
  const colors = state.dataset?.categoryColors?.[column];
  // a big map in this small panel: the Explore view's density-preserving subsample (map-subsample.ts)
  const limit = Math.min(LIVE_MAP_POINTS, coords.cols >= 3 ? limit3d : LIVE_MAP_POINTS);
  const rows = coords.rows > limit ? subsampleRows(coords.data, coords.cols, labels, { limit }) : undefined;
  const live = buildMapFigure(
    {
      coords: coords.data,
      dims: coords.cols,
      ids: labels.map((_, i) => String(i + 1)),
      labels,
      split: labels.map(() => 'train' as const),
      labelName: column,
    },
    { ...DEFAULT_MAP_VIEW, colorBy: { kind: 'label', colors }, pointSize: 3 },
    { rows },
  );
  // the dataset being trained names its rows ('rows' for a text table, which may be a bulk panel)
  const many = rowWords(state.dataset?.format?.kind).many;
  const shown = rows
    ? ` Showing a density-preserving subsample of ${formatCount(rows.length)} of ${formatCount(coords.rows)} ${many}.`
    : '';
  return {
    // the panel is narrow: the map gets all of it (the Explore screen has the legend)
    figure: { data: live.data, layout: { ...live.layout, showlegend: false } },
    caption:
      (snap.final
        ? `Final map after epoch ${snap.epoch}: ${many} coloured by ${column}.`
        : liveLabels
          ? `Epoch ${snap.epoch}: ${many} coloured by ${column}.`
          : // no labels fetched (a page reloaded during the run, or the fetch still under way): grey cells
            `Epoch ${snap.epoch}: ${many} in grey until the run ends (this page has not read their labels).`) +
      shown,
  };
}

/**
 * The finished run in a few lines: its main figures, the regime it trained in and the caveats on its
 * metrics (issue 13: the engine's run report says when a hold-out is too small to mean much); an empty list
 * while no finished run of this training is shown.
 */
export function finishedRunSummary(state: Pick<AppState, 'result' | 'training'>): string[] {
  const r = state.result;
  if (!r || state.training?.status !== 'finished' || state.training.runId !== r.runId) return [];
  const m = r.metrics;
  const figures =
    `kNN accuracy of held-out ${runRowWords(r).many} ${formatPercent(m.knn_holdout)} (PCA baseline ` +
    `${formatPercent(m.knn_holdout_pca)}), trustworthiness ${formatMetric(m.trustworthiness)}.`;
  return [figures, ...runSettingLines(r), ...metricNoteLines(r)];
}
