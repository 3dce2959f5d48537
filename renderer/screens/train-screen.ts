/**
 * Train: every setting with its default and a one-line explanation, Start/Stop, progress with ETA, the live
 * loss curve and the embedding as it forms (a snapshot every few epochs, coloured by label).
 */
import type { AppContext, Screen } from '../app-context.js';
import { h, setText } from '../dom.js';
import { fieldControl, formValues, showFieldMessages } from '../form-controls.js';
import { formatDuration, formatLoss, formatPercent } from '../format.js';
import { heldDataMismatch } from '../held-data.js';
import { buildLossFigure } from '../loss-plot-model.js';
import { buildMapFigure, DEFAULT_MAP_VIEW } from '../plot-model.js';
import { createPlotView } from '../plot-view.js';
import { isTraining, type AppState } from '../state.js';
import { buildTrainRequest, TRAIN_FIELDS } from '../train-fields.js';

export function createTrainScreen(ctx: AppContext, preprocessForm: HTMLFormElement): Screen {
  // novalidate: our own checks (train-fields.ts) name the field and the allowed range in a notice
  const form = h('form', { class: 'settings train-form', 'data-testid': 'train-form', novalidate: true });
  form.append(...TRAIN_FIELDS.map((f) => fieldControl(f, 'train')));
  const startButton = h(
    'button',
    { type: 'submit', class: 'primary', 'data-testid': 'train-start' },
    'Start training',
  );
  const stopButton = h('button', { type: 'button', 'data-testid': 'train-stop', disabled: true }, 'Stop');
  const resetButton = h('button', { type: 'reset', 'data-testid': 'train-reset' }, 'Reset to defaults');
  form.append(h('div', { class: 'buttons' }, startButton, stopButton, resetButton));

  const labelLine = h('p', { class: 'hint', 'data-testid': 'train-label' });
  const progressBar = h('progress', {
    max: 1,
    value: 0,
    'data-testid': 'train-progress',
    'aria-label': 'Training progress',
  });
  const stage = h('span', { 'data-testid': 'train-stage' }, '—');
  const epochText = h('span', { 'data-testid': 'train-epoch' }, '—');
  const lossText = h('span', { 'data-testid': 'train-loss' }, '—');
  const activeText = h('span', {}, '—');
  const elapsedText = h('span', {}, '—');
  const etaText = h('span', { 'data-testid': 'train-eta' }, '—');
  const lossPlot = createPlotView({ 'data-testid': 'loss-plot', class: 'loss-plot' });
  const livePlot = createPlotView({ 'data-testid': 'live-map', class: 'live-map' });
  const liveCaption = h(
    'p',
    { class: 'hint', 'data-testid': 'live-map-caption' },
    'The map appears here while training.',
  );

  const element = h(
    'div',
    { class: 'screen train-screen', 'data-testid': 'screen-train' },
    h(
      'section',
      { class: 'panel settings-panel', 'aria-labelledby': 'train-h' },
      h('h2', { id: 'train-h' }, 'Training settings'),
      labelLine,
      form,
    ),
    h(
      'section',
      { class: 'panel progress-panel', 'aria-labelledby': 'train-progress-h' },
      h('h2', { id: 'train-progress-h' }, 'Progress'),
      progressBar,
      h(
        'dl',
        { class: 'stats', 'aria-live': 'polite' },
        h('dt', {}, 'Stage'),
        h('dd', {}, stage),
        h('dt', {}, 'Epoch'),
        h('dd', {}, epochText),
        h('dt', {}, 'Loss'),
        h('dd', {}, lossText),
        h('dt', {}, 'Active triplets'),
        h('dd', {}, activeText),
        h('dt', {}, 'Elapsed'),
        h('dd', {}, elapsedText),
        h('dt', {}, 'Time left'),
        h('dd', {}, etaText),
      ),
      lossPlot.element,
    ),
    h(
      'section',
      { class: 'panel live-panel', 'aria-labelledby': 'train-live-h' },
      h('h2', { id: 'train-live-h' }, 'Map so far'),
      liveCaption,
      livePlot.element,
    ),
  );

  // labels of the training column, fetched at start so snapshots can be coloured
  let liveLabels: { datasetId: string; column: string; values: string[] } | null = null;

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const state = ctx.getState();
    if (!state.dataset) {
      ctx.dispatch({
        type: 'notice',
        level: 'info',
        title: 'Nothing to train on',
        message: 'Open a file or the sample on the Import screen first.',
      });
      return;
    }
    const { request, errors, fieldErrors } = buildTrainRequest(
      state.labelColumn ?? '',
      formValues(form),
      formValues(preprocessForm),
      state.dataset.recommendedPreprocess,
    );
    for (const f of [form, preprocessForm]) showFieldMessages(f, fieldErrors);
    if (!request) {
      ctx.dispatch({
        type: 'notice',
        level: 'error',
        title: 'Check the settings',
        message: errors.join(' '),
      });
      return;
    }
    const datasetId = state.dataset.datasetId;
    if (!liveLabels || liveLabels.datasetId !== datasetId || liveLabels.column !== request.labelColumn) {
      liveLabels = null;
      void ctx.columnValues({ kind: 'metadata', column: request.labelColumn }).then(
        (v) => {
          if (v.kind === 'text') liveLabels = { datasetId, column: request.labelColumn, values: v.values };
        },
        () => undefined, // only colours the live map; training itself reports real problems
      );
    }
    startButton.disabled = true;
    const shown = state.dataset;
    // another page on the same engine may have opened other data since: never train on a file not shown
    void ctx.engine
      .getState()
      .then((held) => {
        const mismatch = heldDataMismatch(shown, held.dataset);
        if (mismatch !== null) throw new Error(mismatch);
        return ctx.engine.startTraining(request);
      })
      .then(
        ({ runId }) => ctx.dispatch({ type: 'training-started', runId }),
        (err: unknown) => {
          startButton.disabled = false;
          ctx.dispatch({ type: 'failed', title: 'Could not start training', error: err });
        },
      );
  });
  stopButton.addEventListener('click', () => {
    ctx.dispatch({ type: 'stop-requested' });
    void ctx.engine
      .stopTraining()
      .catch((err: unknown) =>
        ctx.dispatch({ type: 'failed', title: 'Could not stop training', error: err }),
      );
  });

  function update(state: AppState, previous: AppState): void {
    const running = isTraining(state);
    startButton.disabled = running || !state.dataset || !state.labelColumn;
    stopButton.disabled = !running || state.training?.status === 'stopping';
    setText(
      labelLine,
      state.dataset && state.labelColumn
        ? `Training on ${state.dataset.source}, label column “${state.labelColumn}”.`
        : 'Open data and choose a label column on the Import screen first.',
    );
    const t = state.training;
    if (t === previous.training) return;
    if (!t) {
      progressBar.value = 0;
      for (const el of [stage, epochText, lossText, activeText, elapsedText, etaText]) setText(el, '—');
      return;
    }
    const fraction =
      t.epochs > 0 ? Math.min(1, (t.epoch - 1 + (t.steps > 0 ? t.step / t.steps : 1)) / t.epochs) : 0;
    progressBar.value = t.status === 'finished' ? 1 : Math.max(0, fraction);
    const stageText: Record<string, string> = {
      completed: 'finished',
      'early-stopping': 'finished (stopped early: loss no longer improving)',
      stopped: 'stopped by you',
      nan: 'stopped: loss became NaN',
    };
    setText(
      stage,
      t.status === 'failed'
        ? 'failed'
        : t.status === 'stopping'
          ? 'stopping…'
          : t.stage === 'early-stopping' && t.stopMessage
            ? `finished (${t.stopMessage})`
            : (stageText[t.stage] ?? t.stage),
    );
    setText(epochText, t.epochs > 0 ? `${t.epoch} / ${t.epochs}` : '—');
    setText(lossText, formatLoss(t.loss));
    setText(activeText, formatPercent(t.activeFraction, 0));
    setText(elapsedText, formatDuration(t.elapsedMs));
    setText(etaText, t.status === 'running' ? formatDuration(t.etaMs) : '—');
    if (t.lossPoints !== previous.training?.lossPoints) lossPlot.render(buildLossFigure(t.lossPoints));
    if (t.snapshot && t.snapshot !== previous.training?.snapshot) {
      const snap = t.snapshot;
      const coords = snap.coords;
      // the finished map carries its labels; a snapshot's rows index the label column fetched at start
      const finalLabels = snap.final && state.result?.runId === t.runId ? state.result.labels : null;
      const labels = Array.from({ length: coords.rows }, (_, i) => {
        if (finalLabels) return finalLabels[i] ?? '';
        const row = snap.rows ? snap.rows[i] : i;
        return liveLabels?.values[row] ?? '';
      });
      const column = finalLabels ? (state.result?.labelColumn ?? 'label') : (liveLabels?.column ?? 'label');
      // the colours the file gives the label's classes (scanpy's), as the Explore view uses them
      const colors = state.dataset?.categoryColors?.[column];
      const live = buildMapFigure(
        {
          coords: coords.data,
          dims: coords.cols,
          ids: labels.map((_, i) => String(i + 1)),
          labels,
          split: labels.map(() => 'train' as const),
        },
        { ...DEFAULT_MAP_VIEW, colorBy: { kind: 'label', colors }, pointSize: 3 },
      );
      // the panel is narrow: the map gets all of it (the Explore screen has the legend)
      livePlot.render({ data: live.data, layout: { ...live.layout, showlegend: false } });
      setText(
        liveCaption,
        snap.final
          ? `Final map after epoch ${snap.epoch}: cells coloured by ${column}.`
          : `Epoch ${snap.epoch}: cells coloured by ${column}.`,
      );
    }
  }

  return {
    element,
    update,
    shown() {
      lossPlot.refresh();
      livePlot.refresh();
    },
  };
}
