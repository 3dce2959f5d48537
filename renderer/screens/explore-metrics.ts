/** The Explore screen's Quality panel: the run's metrics table and how the run stopped. DOM only. */
import type { RunResult } from '../../src/api/engine-api.js';
import { h } from '../dom.js';
import { metricRows, metricTestId, stoppedText } from './explore-model.js';

/** The metrics table and the stop line of run `r`. */
export function metricsContent(r: RunResult): HTMLElement[] {
  const table = h(
    'table',
    { class: 'metrics-table' },
    h(
      'tbody',
      {},
      metricRows(r.metrics).map(([name, value, what]) =>
        h(
          'tr',
          { title: what },
          h('th', { scope: 'row' }, name),
          h('td', { class: 'num', 'data-testid': metricTestId(name) }, value),
        ),
      ),
    ),
  );
  // the engine's own sentence says which early-stopping rule fired
  const stop =
    r.stoppedReason === 'early-stopping' && r.stopMessage
      ? h('span', { 'data-testid': 'stop-message' }, stoppedText(r))
      : stoppedText(r);
  return [table, h('p', { class: 'hint' }, stop)];
}
