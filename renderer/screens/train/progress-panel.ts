/**
 * "Progress": the progress bar, stage, epoch, loss, active triplets, elapsed and remaining time (the texts of
 * train-model.ts's progressText), the live loss curve, and the finished run's summary with its regime and
 * metric notes.
 */
import { h, replaceChildren, setText } from '../../dom.js';
import type { LossPoint } from '../../loss-plot-model.js';
import { buildLossFigure } from '../../loss-plot-model.js';
import { createPlotView } from '../../plot-view.js';
import { createLossPace } from './loss-pace.js';
import type { ProgressText } from './train-model.js';

export interface ProgressPanel {
  element: HTMLElement;
  show(text: ProgressText): void;
  /**
   * Draws run `runId`'s loss curve, at most once per LOSS_PLOT_EVERY_MS while the run goes on (`ended`: at
   * once). A new run id starts the chart unzoomed.
   */
  showLoss(points: LossPoint[], ended: boolean, runId: string): void;
  /** The finished run's lines (train-model.ts's finishedRunSummary); none hides the summary. */
  showSummary(lines: readonly string[]): void;
  /** Plots need a resize once their screen is visible. */
  refresh(): void;
}

export function createProgressPanel(): ProgressPanel {
  const progressBar = h('progress', {
    max: 1,
    value: 0,
    'data-testid': 'train-progress',
    'aria-label': 'Training progress',
  });
  const stage = h('span', { 'data-testid': 'train-stage' }, '—');
  const epoch = h('span', { 'data-testid': 'train-epoch' }, '—');
  const loss = h('span', { 'data-testid': 'train-loss-value' }, '—');
  const active = h('span', {}, '—');
  const elapsed = h('span', { 'data-testid': 'train-elapsed' }, '—');
  const eta = h('span', { 'data-testid': 'train-eta' }, '—');
  const summary = h('div', { class: 'hint', 'data-testid': 'train-summary', hidden: true });
  const lossPlot = createPlotView({ 'data-testid': 'loss-plot', class: 'loss-plot' });
  const element = h(
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
      h('dd', {}, epoch),
      h('dt', {}, 'Loss'),
      h('dd', {}, loss),
      h('dt', {}, 'Active triplets'),
      h('dd', {}, active),
      h('dt', {}, 'Elapsed'),
      h('dd', {}, elapsed),
      h('dt', {}, 'Time left'),
      h('dd', {}, eta),
    ),
    summary,
    lossPlot.element,
  );
  let summaryShown: readonly string[] = [];
  // the run of the latest points: a paced draw shows those points, so it names their run
  let lossRun = '';
  const lossPace = createLossPace((points) => lossPlot.render(buildLossFigure(points, lossRun)));

  return {
    element,
    show(text) {
      // without a value the bar is indeterminate: it moves while a stage gives no fraction
      if (text.value === null) progressBar.removeAttribute('value');
      else progressBar.value = text.value;
      setText(stage, text.stage);
      setText(epoch, text.epoch);
      setText(loss, text.loss);
      setText(active, text.active);
      setText(elapsed, text.elapsed);
      setText(eta, text.eta);
    },
    showLoss(points, ended, runId) {
      lossRun = runId;
      lossPace.show(points, ended);
    },
    showSummary(lines) {
      if (lines.length === summaryShown.length && lines.every((l, i) => l === summaryShown[i])) return;
      summaryShown = lines;
      summary.hidden = lines.length === 0;
      replaceChildren(
        summary,
        lines.map((line) => h('p', {}, line)),
      );
    },
    refresh: () => lossPlot.refresh(),
  };
}
