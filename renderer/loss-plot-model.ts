/**
 * The live loss curve as Plotly data + layout: loss per step (x = fractional epoch) and, on a second axis,
 * the share of triplets still violating the margin — the two numbers that tell whether training is learning.
 * Pure; the Train screen feeds it the points collected from progress events.
 */
import type { Data, Layout } from 'plotly.js-dist';
import { appendLossPoint, fractionalEpoch, type LossStepPoint } from '../src/api/loss-steps.js';

/** One progress reading (the chart's points, thinned as the engine's copy of them: src/api/loss-steps.ts). */
export type LossPoint = LossStepPoint;
export { appendLossPoint, fractionalEpoch };

/**
 * `points` (a run's steps as this page saw them) after the run's epochs it did not see, from the finished
 * run's per-epoch `history`: a page reloaded or opened after a run's first steps drew a chart starting where
 * it joined, or empty beside "finished". An epoch's mean loss is drawn at its end (x = epoch).
 */
export function withEarlierEpochs(
  points: readonly LossPoint[],
  history: readonly { epoch: number; loss: number; activeFraction: number }[],
): LossPoint[] {
  const firstSeen = points.length > 0 ? points[0].x : Infinity;
  const earlier = history
    .filter((h) => h.epoch < firstSeen && Number.isFinite(h.loss))
    .map((h) => ({ x: h.epoch, loss: h.loss, activeFraction: h.activeFraction }));
  return earlier.length > 0 ? [...earlier, ...points] : [...points];
}

/**
 * The axes of a chart without points: Plotly autoranges an axis with no data to the range it last drew, so a
 * new run's empty chart kept the last run's epochs and loss until its first point came.
 */
const EMPTY_RANGE = { autorange: false, range: [0, 1] };

/**
 * Plotly's mode bar, shown on hover, takes the top 24 px of the plot at its right (2 px down, buttons 22 px
 * high): the legend row goes under it, or the mode bar covered the 'active triplets' entry.
 */
export const MODE_BAR_PX = 24;
/** The legend's one row (12 px text with Plotly's padding). */
export const LEGEND_ROW_PX = 28;

/**
 * The chart of one run's `points`. `runId` names the run: Plotly keeps the user's zoom while the run's points
 * stream in, and a new run starts from its own ranges, not the zoom of the run before.
 */
export function buildLossFigure(
  points: readonly LossPoint[],
  runId: string,
): { data: Data[]; layout: Partial<Layout> } {
  const x = Float32Array.from(points, (p) => p.x);
  const empty = points.length === 0 ? EMPTY_RANGE : {};
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'loss',
        x,
        y: Float32Array.from(points, (p) => p.loss),
        line: { color: '#0072B2', width: 2 },
        hovertemplate: 'epoch %{x:.2f}<br>loss %{y:.4f}<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: 'active triplets',
        x,
        y: Float32Array.from(points, (p) => p.activeFraction),
        yaxis: 'y2',
        line: { color: '#E69F00', width: 1, dash: 'dot' },
        hovertemplate: 'epoch %{x:.2f}<br>%{y:.0%} of triplets active<extra></extra>',
      },
    ] as Data[],
    layout: {
      // per run: with one revision for every run, Plotly kept the zoom the user left on run 1's chart for run
      // 2's (seen in Chromium on the share axis, whose range the figure never changes)
      uirevision: `loss:${runId}`,
      margin: { l: 56, r: 56, t: MODE_BAR_PX + LEGEND_ROW_PX, b: 40 },
      xaxis: { title: { text: 'epoch' }, rangemode: 'tozero', ...empty },
      yaxis: { title: { text: 'loss' }, rangemode: 'tozero', ...empty },
      yaxis2: {
        title: { text: 'active triplets' },
        overlaying: 'y',
        side: 'right',
        range: [0, 1],
        // round shares: Plotly's default for an overlaying axis ('sync') puts its ticks on the loss axis's
        // grid lines, at 13 %, 38 %, 63 %…
        tickmode: 'linear',
        tick0: 0,
        dtick: 0.25,
        tickformat: '.0%',
        showgrid: false,
      },
      // just above the plot area, in the top margin under the mode bar
      legend: { orientation: 'h', x: 0, y: 1, yanchor: 'bottom' },
      showlegend: true,
    } as Partial<Layout>,
  };
}
