/**
 * Train: every setting with its default and a one-line explanation, Start/Stop, progress with ETA, the live
 * loss curve and the embedding as it forms (a snapshot every few epochs, coloured by label), and the
 * finished run's summary with its regime and metric notes. What it shows is derived in
 * train/train-model.ts; the panels are drawn by the builders in train/. The preprocessing settings come
 * from the app state (the Import screen puts them there), not from the Import screen's form.
 */
import type { AppContext, Screen } from '../app-context.js';
import { h } from '../dom.js';
import { points3dLimit } from '../big-map.js';
import { webglIsSoftware } from '../webgl-probe.js';
import { sceneSpritesOff } from '../scene-sprites.js';
import { isActive, type AppState } from '../state.js';
import { trainFormValues } from '../settings-text.js';
import { createLivePanel } from './train/live-panel.js';
import { createProgressPanel } from './train/progress-panel.js';
import { createSettingsPanel } from './train/settings-panel.js';
import { createStageClock } from './train/stage-clock.js';
import { startRun } from './train/start-run.js';
import { rowWords } from '../../src/api/file-format.js';
import {
  finishedRunSummary,
  editedLiveLabels,
  liveLabelsOf,
  liveMap,
  needsLiveLabels,
  progressText,
  startRequest,
  trainControls,
  type LiveLabels,
} from './train/train-model.js';

export function createTrainScreen(ctx: AppContext): Screen {
  const settings = createSettingsPanel({ onStart: start, onStop: stop });
  const progress = createProgressPanel();
  const live = createLivePanel();
  const element = h(
    'div',
    { class: 'screen train-screen', 'data-testid': 'screen-train' },
    settings.element,
    progress.element,
    live.element,
  );

  // labels of the training column, fetched at start (or when the page joins a run) so snapshots can be coloured
  let liveLabels: LiveLabels | null = null;
  // the labels asked for (dataset id and column), while the reply is on its way: asked once
  let askedLabels = '';
  // when the page saw the run enter its current stage; a timer shows the time in it while no event comes
  // the rows' words of the open table: "cells", or a text table's "rows" (`rowWords`)
  const words = () => rowWords(ctx.getState().dataset?.format?.kind);
  const stageClock = createStageClock((t) => progress.show(progressText(t, stageClock.ms(), words())));

  function start(): void {
    const outcome = startRequest(ctx.getState(), settings.values());
    // a refused setting is also a message under its own field (the Import screen's fields show in the notice)
    settings.showFieldErrors(outcome.fieldErrors ?? {});
    if ('notice' in outcome) {
      ctx.dispatch({ type: 'notice', ...outcome.notice });
      return;
    }
    const { request, dataset: shown } = outcome;
    settings.setStartDisabled(true);
    const started = (runId: string) => ctx.dispatch({ type: 'training-started', runId });
    // the live map's labels only once the run has its id (start-run.ts says why)
    const afterStart = () => fetchLiveLabels(shown.datasetId, request.labelColumn);
    void startRun({ engine: ctx.engine, started, afterStart }, shown, request).catch((err: unknown) => {
      settings.setStartDisabled(false);
      ctx.dispatch({ type: 'failed', title: 'Could not start training', error: err });
    });
  }

  /** Fetches the labels of `column` that colour the map so far, unless held or asked already. */
  function fetchLiveLabels(datasetId: string, column: string): void {
    const key = `${datasetId}\u0000${column}`;
    if (!needsLiveLabels(liveLabels, datasetId, column) || askedLabels === key) return;
    liveLabels = null;
    askedLabels = key;
    // class codes and names: a byte a cell rather than a string (10⁵ strings at 10⁵ cells)
    void ctx.columnValues({ kind: 'metadata', column, coded: true }).then(
      (v) => {
        if (askedLabels !== key) return; // other labels were asked since
        askedLabels = '';
        liveLabels = liveLabelsOf(datasetId, column, v);
        // a snapshot drawn before they came was grey
        showLiveMap(ctx.getState());
      },
      // only colours the live map; training itself reports real problems (a later join may ask again)
      () => {
        if (askedLabels === key) askedLabels = '';
      },
    );
  }

  function showLiveMap(state: AppState): void {
    const map = liveMap(state, liveLabels, points3dLimit(webglIsSoftware(), sceneSpritesOff()));
    if (map) live.show(map);
  }

  function stop(): void {
    ctx.dispatch({ type: 'stop-requested' });
    void ctx.engine
      .stopTraining()
      .catch((err: unknown) =>
        ctx.dispatch({ type: 'failed', title: 'Could not stop training', error: err }),
      );
  }

  function update(state: AppState, previous: AppState): void {
    settings.show(trainControls(state));
    if (state.training !== previous.training || state.result !== previous.result) {
      progress.showSummary(finishedRunSummary(state));
    }
    const t = state.training;
    if (t === previous.training) return;
    // a retrain (started here or joined): its edited labels colour the map so far — no column the engine
    // could send, and a page that started it must not keep the last run's column's colours
    const datasetId = state.dataset?.datasetId;
    if (t?.editedLabels && t.editedLabels !== previous.training?.editedLabels && datasetId) {
      askedLabels = '';
      liveLabels = editedLiveLabels(datasetId, t.editedLabels);
      if (t.snapshot) showLiveMap(state);
    }
    // a run this page joined in progress: its settings in the form, its labels for the map so far
    if (t?.request && t.request !== previous.training?.request) {
      settings.fill(trainFormValues(t.request));
      if (datasetId && isActive(t) && !t.editedLabels) fetchLiveLabels(datasetId, t.request.labelColumn);
    }
    stageClock.see(t);
    progress.show(progressText(t, stageClock.ms(), words()));
    // a new run starts without a map (state.ts newTraining): the last run's "Final map after epoch N" stood
    // in beside its fresh progress until the first snapshot, as if it were the new run's
    if (!t?.snapshot && previous.training?.snapshot) live.clear();
    if (!t) return;
    const ended = t.status === 'finished' || t.status === 'failed';
    if (t.lossPoints !== previous.training?.lossPoints || t.status !== previous.training?.status)
      progress.showLoss(t.lossPoints, ended, t.runId);
    if (t.snapshot && t.snapshot !== previous.training?.snapshot) showLiveMap(state);
  }

  return {
    element,
    update,
    shown() {
      progress.refresh();
      live.refresh();
    },
  };
}
