/** The Explore screen's Quality panel: the run's metrics table, its regime and metric notes, and how the run stopped. DOM only. */
import type { RunResult } from '../../src/api/engine-api.js';
import { h } from '../dom.js';
import { qualityView, saysWhy, stoppedText } from './explore-model.js';

/** The metrics table, the run's regime and metric notes, and the stop line of run `r`. */
export function metricsContent(r: RunResult): HTMLElement[] {
  const quality = qualityView(r);
  const table = h(
    'table',
    { class: 'metrics-table' },
    h(
      'tbody',
      {},
      quality.rows.map(([name, value, what], i) =>
        h(
          'tr',
          { title: what },
          h('th', { scope: 'row' }, name),
          h('td', { class: 'num', 'data-testid': quality.testIds[i] }, value),
        ),
      ),
    ),
  );
  // the engine's own sentence says which stopping rule fired
  const stop =
    saysWhy(r.stoppedReason) && r.stopMessage
      ? h('span', { 'data-testid': 'stop-message' }, stoppedText(r))
      : stoppedText(r);
  const notes = h(
    'div',
    { class: 'hint', 'data-testid': 'metric-notes' },
    quality.notes.map((line) => h('p', {}, line)),
  );
  return [table, notes, h('p', { class: 'hint' }, stop)];
}
