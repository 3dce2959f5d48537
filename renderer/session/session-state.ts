/**
 * What reopening a `.tripletlens` session does to the page's state (the reducer's 'session-opened' case):
 * the saved dataset summary and run replace the current ones, the saved selection and edited labels become
 * the present annotation (not an undoable step: there is nothing before it to go back to), the saved view
 * settings and class colours become `exploreView` (the Explore screen applies them), and a notice says
 * whether the input was found — when it changed or is missing, the map shows but what needs the engine's
 * data is disabled (`resultLost` carries the sentence). Re-attaching the input keeps the current edits.
 */
import type { OpenedSession } from '../../src/api/annotate.js';
import type { EditedLabels } from '../../src/api/annotation.js';
import type {
  ColumnRequest,
  ColumnValues,
  DatasetSummary,
  LabelSummary,
  RunResult,
} from '../../src/api/engine-api.js';
import { rowWords } from '../../src/api/file-format.js';
import { inputShownName } from '../../src/api/output-stem.js';
import { addNotice } from '../notices.js';
import type { Action, AppState, Notice } from '../state.js';
import {
  exploreViewOf,
  viewSettingsFor,
  viewSettingsOf,
  type ExploreView,
  type ViewSettings,
} from './view-settings.js';

function notice(
  state: AppState,
  level: Notice['level'],
  title: string,
  message: string,
  about?: Notice['about'],
): Pick<AppState, 'notices' | 'nextNoticeId'> {
  const added: Notice = { id: state.nextNoticeId, level, title, message, ...(about ? { about } : {}) };
  return {
    // capped as every notice is (notices.ts): a slice of the last few dropped the data's import notes first
    notices: addNotice(state.notices, added),
    nextNoticeId: state.nextNoticeId + 1,
  };
}

/** The label column the Import and Train screens show: the column the edits started from, when the file has it. */
function labelColumnOf(opened: OpenedSession): string | null {
  return labelColumnIn(opened.summary, opened.result, opened.editedLabels);
}

/** `labelColumnOf` of a dataset `summary`, its run `result` and the edits `edited` on it. */
function labelColumnIn(
  summary: DatasetSummary,
  result: RunResult,
  edited: EditedLabels | null,
): string | null {
  const names = new Set(summary.metadata.map((m) => m.name));
  for (const c of [edited?.source, result.labelColumn]) if (c && names.has(c)) return c;
  return summary.suggestedLabel;
}

/**
 * The class counts of the run's label column from the run's own labels ('' unlabeled), as the engine counts
 * them: largest first, ties by name, classes under 2 cells too small. For a session whose input is not
 * attached the engine holds no data to count, and asking it would only fail ("No data is open").
 */
export function runLabelSummary(result: Pick<RunResult, 'labelColumn' | 'labels'>): LabelSummary {
  const counts = new Map<string, number>();
  let unlabeled = 0;
  for (const label of result.labels) {
    if (label === '') unlabeled++;
    else counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const classes = [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    column: result.labelColumn,
    classes,
    unlabeled,
    tooSmall: classes.filter((c) => c.count < 2).map((c) => c.name),
  };
}

/**
 * The class counts of `column` when the engine holds no data (a reopened session without its input), from
 * the run's own labels: for the run's label column, and for the column its edits started from (a run trained
 * on edited labels, 'label_edited', whose Import shows 'label': the counts are those of the edited labels the
 * run used). Null when the engine holds the input (it counts), and for any other column (it cannot be counted
 * without the input: import-model.ts's labelInfo says so).
 */
export function detachedLabelSummary(
  state: Pick<AppState, 'inputMissing' | 'result' | 'annotation'>,
  column: string | null,
): LabelSummary | null {
  const result = state.result;
  if (!state.inputMissing || result === null || column === null) return null;
  const runColumns = [result.labelColumn, state.annotation.present.editedLabels?.source];
  if (!runColumns.includes(column)) return null;
  return { ...runLabelSummary(result), column };
}

/**
 * A column's values while the page shows a reopened session without its input (AppState.inputMissing): the
 * run's label column from the run; any other column, or a gene, is refused with a sentence saying the input
 * must be opened again — the engine, which holds no data, answered "No data is open: open a file (or the
 * sample) first" (Explore's colour by and hover fields, and a saved view coloured by a column).
 */
export function detachedColumnValues(
  result: Pick<RunResult, 'labelColumn' | 'labels'> | null,
  request: ColumnRequest,
): ColumnValues {
  if (result && request.kind === 'metadata' && request.column === result.labelColumn) {
    return { kind: 'text', name: request.column, values: result.labels };
  }
  throw new Error(needsInputSentence(request.kind === 'gene' ? request.gene : request.column));
}

/** `name` (a column, or the gene(s) typed) cannot be read: the session's input is not open. */
function needsInputSentence(name: string): string {
  return `${name} is read from the session’s input file, which is not open: open it again with “Open the input file again” in Explore’s Edit labels panel.`;
}

/**
 * What of Explore's colouring `view` is read from the session's input while the page shows a reopened
 * session without it (AppState.inputMissing): the column or the gene(s) typed, else null (the label
 * colouring, the run's label column, no gene typed, or the input open). Explore draws such a colouring by
 * label — quietly, the opening's one note says why — and keeps it in `exploreView`: re-attaching applies it.
 */
export function colouringNeedsInput(
  state: Pick<AppState, 'inputMissing' | 'result'>,
  view: Pick<ExploreView, 'colorBy' | 'gene'>,
): string | null {
  if (!state.inputMissing) return null;
  if (view.colorBy === 'gene') return view.gene.trim() || null;
  if (!view.colorBy.startsWith('meta:')) return null;
  const column = view.colorBy.slice('meta:'.length);
  return column === state.result?.labelColumn ? null : column;
}

/**
 * The reducer's 'explore-view' action: `patch` into `state.exploreView`, but a colour pick (a column, or a
 * gene typed) the map cannot draw while the page shows a reopened session without its input
 * (colouringNeedsInput) is refused — it stayed the view's colouring though the map kept its labels, so Save
 * session recorded a colouring the map did not show, and re-attaching the input drew it. The view keeps its
 * colouring (the labels drawn, or a saved colouring held for re-attaching: the user did not change it), a
 * warning says the input must be opened again (stale once it is: about 'open'), and the rest of the patch
 * applies. The Explore screen then shows the kept colouring in its controls.
 */
export function changeExploreView(state: AppState, patch: Partial<ExploreView>): AppState {
  const next = { ...state.exploreView, ...patch };
  const picked = patch.colorBy !== undefined || (patch.gene !== undefined && next.colorBy === 'gene');
  const refused = picked ? colouringNeedsInput(state, next) : null;
  if (refused === null) return { ...state, exploreView: next };
  const rest: Partial<ExploreView> = { ...patch };
  delete rest.colorBy;
  delete rest.gene;
  const warning: Notice = {
    id: state.nextNoticeId,
    level: 'warning',
    title: `Could not colour by ${refused}`,
    message: needsInputSentence(refused),
    about: 'open',
  };
  return {
    ...state,
    exploreView: Object.keys(rest).length ? { ...state.exploreView, ...rest } : state.exploreView,
    notices: addNotice(state.notices, warning),
    nextNoticeId: state.nextNoticeId + 1,
  };
}

/**
 * Explore's hover fields picked (`columns`) while the page shows a reopened session without its input
 * (AppState.inputMissing): the run's label column is shown (its values are the run's), any other column is
 * refused as a colour pick is (changeExploreView) — a warning each saying the input must be opened again
 * (stale once it is: about 'open'), and the control keeps only the fields shown — instead of the error of a
 * failed load. With the input open every column is kept.
 */
export function hoverFieldsNeedInput(
  state: Pick<AppState, 'inputMissing' | 'result'>,
  columns: readonly string[],
): { kept: string[]; refusals: Extract<Action, { type: 'notice' }>[] } {
  if (!state.inputMissing) return { kept: [...columns], refusals: [] };
  const needed = (column: string) => column !== state.result?.labelColumn;
  return {
    kept: columns.filter((column) => !needed(column)),
    refusals: columns.filter(needed).map((column) => ({
      type: 'notice',
      level: 'warning',
      title: `Could not show ${column} on hover`,
      message: needsInputSentence(column),
      about: 'open',
    })),
  };
}

/**
 * What the Import screen does with a metadata file dropped while the page shows a reopened session without
 * its input (AppState.inputMissing): a notice saying the input must be opened again, instead of asking the
 * engine, which holds no cells to join the file to (it answered "No data is open: open a file (or the
 * sample) first"). Null when the engine holds the data: the file is joined.
 */
export function metadataJoinRefusal(
  state: Pick<AppState, 'inputMissing'>,
  fileName: string,
): Extract<Action, { type: 'notice' }> | null {
  if (!state.inputMissing) return null;
  return {
    type: 'notice',
    level: 'warning',
    title: `Could not join ${fileName}`,
    message: `${fileName} is joined to the cells of the session’s input file, which is not open: open it again with “Open the input file again” in Explore’s Edit labels panel, then join ${fileName}.`,
  };
}

/**
 * The projected cells a reopened session holds and the column that coloured their crosses (a column they
 * lack, or none saved: the predicted class). Sessions saved before projections were kept have none.
 */
function savedProjection(opened: OpenedSession): Pick<AppState, 'projected' | 'projectedColour'> {
  const projected = opened.projected ?? null;
  const colour = viewSettingsOf(opened.view)?.projectedColour ?? '';
  const known = projected?.joinedMetadata.some((c) => c.name === colour) ?? false;
  return { projected, projectedColour: known ? colour : '' };
}

/**
 * The view settings Save session stores from `state`: the Explore view and screen, the projected crosses'
 * colouring when there are any, and the marker panel's fold-change choice when one was made.
 */
export function sessionViewOf(state: AppState): ViewSettings {
  return viewSettingsFor(
    state.exploreView,
    state.screen,
    state.projected ? state.projectedColour : undefined,
    state.markerValueLog ?? undefined,
  );
}

/**
 * The state after a session opened (`reattached` false) or after its input was attached again (true: the
 * selection and edits made since stay, with their history).
 */
export function applyOpenedSession(state: AppState, opened: OpenedSession, reattached = false): AppState {
  const labelColumn = labelColumnOf(opened);
  const shown: AppState = {
    ...state,
    screen: reattached ? state.screen : 'explore',
    busy: null,
    // re-attaching opened a file: earlier files' open failures ("Could not attach …") are stale
    notices: reattached ? state.notices.filter((n) => n.about !== 'open') : [],
    dataset: opened.summary,
    labelColumn,
    labelSummary: null,
    result: opened.result,
    resultLost: opened.inputStatus === 'attached' ? null : opened.inputMessage,
    inputMissing: opened.inputStatus !== 'attached',
    mapReplaced: false,
    // the projected cells the session holds, as saved (re-attaching the input keeps the ones shown: the map
    // is the same, and crosses removed since stay removed)
    ...(reattached ? {} : savedProjection(opened)),
    // the marker panel's fold-change choice as saved (re-attaching: the same data, the choice shown stays)
    markerValueLog: reattached ? state.markerValueLog : (viewSettingsOf(opened.view)?.markerValueLog ?? null),
    training:
      state.training && (state.training.status === 'running' || state.training.status === 'stopping')
        ? state.training
        : null,
    annotation: reattached
      ? state.annotation
      : {
          present: { selection: opened.selection, editedLabels: opened.editedLabels },
          past: [],
          future: [],
        },
    // the saved view settings and class colours (re-attaching keeps the ones shown)
    exploreView: reattached ? state.exploreView : exploreViewOf(opened.view),
  };
  // without the input, the label column's counts come from the run (the engine holds no data to count)
  const counted: AppState = { ...shown, labelSummary: detachedLabelSummary(shown, labelColumn) };
  // a projected file changed since the session was saved: its crosses are as saved, and a note says so
  const base: AppState =
    !reattached && opened.projectedMessage
      ? {
          ...counted,
          ...notice(
            counted,
            'info',
            // in the projected file's words for its rows, as the note itself counts them (a CSV/TSV's: rows)
            `Projected ${rowWords(opened.projected?.format?.kind).many} as saved`,
            opened.projectedMessage,
            'open',
          ),
        }
      : counted;
  if (opened.inputStatus === 'attached') {
    const what = reattached ? 'Input re-attached' : 'Session opened';
    // the attached input may lack what was joined to it (a metadata file's columns): a warning then
    const note = opened.inputMessage ? ` ${opened.inputMessage}` : '';
    // named as the File line names it: a Cell Ranger folder from its sample's folder down, by its saved path
    const name = inputShownName(opened.input.path || opened.input.name);
    return {
      ...base,
      ...notice(
        base,
        note ? 'warning' : 'info',
        what,
        `${name}: the map and labels are as saved, and the data is loaded.${note}`,
      ),
    };
  }
  const title =
    opened.inputStatus === 'changed'
      ? 'The session’s input file changed'
      : opened.inputStatus === 'unreadable'
        ? 'The session’s input file cannot be read'
        : 'The session’s input file is missing';
  // about the input's opening: stale once the input is re-attached (or another file opened)
  const warned: AppState = { ...base, ...notice(base, 'warning', title, opened.inputMessage, 'open') };
  const colouring = reattached ? null : colouringNeedsInput(warned, warned.exploreView);
  if (colouring === null) return warned;
  // a saved colouring by another column or a gene: the map is drawn by label, and one calm note says why
  const message = `The map was saved coloured by “${colouring}”, which is read from the session’s input file: it is coloured by its labels until the input is opened again with “Open the input file again” in Explore’s Edit labels panel.`;
  return { ...warned, ...notice(warned, 'info', 'Coloured by label', message, 'open') };
}

/**
 * Another window re-attached the input of the session this page shows without it: the engine holds the data
 * (`summary`) and the same map as run `result` (a new id). Shown as the re-attaching window shows it — the
 * data loaded, the edits, selection, view and projected cells kept — without the warnings about the missing
 * input; the notice saying what that window did is the 'data-opened' event's, and `note` — the engine's word on
 * what did not come back with the input, which that window got with its reply — a warning as there.
 */
export function applyReattachedElsewhere(
  state: AppState,
  summary: DatasetSummary,
  result: RunResult,
  note?: string,
): AppState {
  const labelColumn = labelColumnIn(summary, result, state.annotation.present.editedLabels);
  const attached: AppState = {
    ...state,
    notices: state.notices.filter((n) => n.about !== 'open'),
    dataset: summary,
    labelColumn,
    labelSummary: null,
    result,
    resultLost: null,
    inputMissing: false,
    mapReplaced: false,
  };
  // what the input lacks that was joined to it (a metadata file's columns): warned as in that window
  return note ? { ...attached, ...notice(attached, 'warning', 'Input re-attached', note) } : attached;
}
