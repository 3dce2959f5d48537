/** "Map so far": the embedding as it forms while training, and the finished map (train-model.ts's liveMap). */
import { h, setText } from '../../dom.js';
import { wireLegendTitles } from '../../legend-titles.js';
import { createPlotView } from '../../plot-view.js';
import type { LiveMapView } from './train-model.js';

export interface LivePanel {
  element: HTMLElement;
  show(map: LiveMapView): void;
  /** Back to the empty panel: a new run (or other data) has no map yet, so the last run's must not stand in. */
  clear(): void;
  refresh(): void;
}

const EMPTY_CAPTION = 'The map appears here while training.';

export function createLivePanel(): LivePanel {
  const livePlot = createPlotView({ 'data-testid': 'live-map', class: 'live-map' });
  // the legend's shortened class names show in full on hover
  wireLegendTitles(livePlot.element);
  const caption = h('p', { class: 'hint', 'data-testid': 'live-map-caption' }, EMPTY_CAPTION);
  const element = h(
    'section',
    { class: 'panel live-panel', 'aria-labelledby': 'train-live-h' },
    h('h2', { id: 'train-live-h' }, 'Map so far'),
    caption,
    livePlot.element,
  );
  return {
    element,
    show(map) {
      livePlot.render(map.figure);
      setText(caption, map.caption);
    },
    clear() {
      livePlot.clear();
      setText(caption, EMPTY_CAPTION);
    },
    refresh: () => livePlot.refresh(),
  };
}
