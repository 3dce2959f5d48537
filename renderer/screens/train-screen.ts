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
import type { AppState } from '../state.js';
import { createLivePanel } from './train/live-panel.js';
import { createProgressPanel } from './train/progress-panel.js';
import { createSettingsPanel } from './train/settings-panel.js';
import { createStageClock } from './train/stage-clock.js';
import { startRun } from './train/start-run.js';
import { rowWords } from '../../src/api/file-format.js';
import {
  finishedRunSummary,
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

  // labels of the training column, fetched at start so snapshots can be coloured
  let liveLabels: LiveLabels | null = null;
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
    const datasetId = shown.datasetId;
    // the live map's labels only once the run has its id (start-run.ts says why)
    const fetchLiveLabels = () => {
      if (!needsLiveLabels(liveLabels, datasetId, request.labelColumn)) return;
      liveLabels = null;
      // class codes and names: a byte a cell rather than a string (10⁵ strings at 10⁵ cells)
      void ctx.columnValues({ kind: 'metadata', column: request.labelColumn, coded: true }).then(
        (v) => {
          liveLabels = liveLabelsOf(datasetId, request.labelColumn, v);
        },
        () => undefined, // only colours the live map; training itself reports real problems
      );
    };
    settings.setStartDisabled(true);
    const started = (runId: string) => ctx.dispatch({ type: 'training-started', runId });
    void startRun({ engine: ctx.engine, started, afterStart: fetchLiveLabels }, shown, request).catch(
      (err: unknown) => {
        settings.setStartDisabled(false);
        ctx.dispatch({ type: 'failed', title: 'Could not start training', error: err });
      },
    );
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
    stageClock.see(t);
    progress.show(progressText(t, stageClock.ms(), words()));
    // a new run starts without a map (state.ts newTraining): the last run's "Final map after epoch N" stood
    // in beside its fresh progress until the first snapshot, as if it were the new run's
    if (!t?.snapshot && previous.training?.snapshot) live.clear();
    if (!t) return;
    const ended = t.status === 'finished' || t.status === 'failed';
    if (t.lossPoints !== previous.training?.lossPoints || t.status !== previous.training?.status)
      progress.showLoss(t.lossPoints, ended, t.runId);
    if (t.snapshot && t.snapshot !== previous.training?.snapshot) {
      const map = liveMap(state, liveLabels, points3dLimit(webglIsSoftware(), sceneSpritesOff()));
      if (map) live.show(map);
    }
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
