/**
 * The Explore view's neighbourhood check, as a panel: a click on a cell asks the engine for its k nearest
 * neighbours in the input space (EngineApi.cellNeighbours), the map rings them (neighbour-highlight.ts) and a
 * line says how many are also its map neighbours; k is adjustable (a k out of the run's range is refused in
 * that line, naming the field) and Clear forgets the cell. The line and
 * Clear sit in a strip under the map (`status`), where the user looks when they click a cell; the side panel
 * (`element`) holds k and what the rings' colours mean. The Explore screen appends `traces()` to its figure
 * and redraws when `onChange` fires.
 */
import type { Data } from 'plotly.js-dist';
import type { RunResult } from '../../src/api/engine-api.js';
import type { CellNeighbourhood } from '../../src/api/neighbourhood.js';
import { DEFAULT_NEIGHBOURHOOD_K, MAX_NEIGHBOURHOOD_K } from '../../src/api/neighbourhood.js';
import type { AppContext } from '../app-context.js';
import { field, h, setText } from '../dom.js';
import { fieldNeighbours, mostNeighbours, neighbourTraces, overlapSentence } from '../neighbour-highlight.js';
import { is3d, type MapPoints, type MapView } from '../plot-model.js';
import { runRowWords } from '../metric-notes.js';

export interface NeighbourhoodPanel {
  /** The side panel's part: k and what the rings' colours mean. */
  element: HTMLElement;
  /** The strip under the map: the verdict line (or the invitation to click a cell) and Clear. */
  status: HTMLElement;
  /** Checks dataset row `row` of the current run; null (a click on no cell) does nothing. */
  check(row: number | null): void;
  /** Forgets the checked cell; `run` is the run now shown (or null). */
  reset(run: RunResult | null): void;
  /** The rings to draw over the map of `points` drawn with `view` (none when no cell is checked). */
  traces(points: MapPoints, view: MapView): Data[];
  /** Tells the verdict line how many dimensions the map is shown in (it notes a 3-D run shown in 2-D). */
  shownIn(view: MapView): void;
}

/** The line before a click, in the run's words for its rows (a text table's: "Click a row on the map…"). */
const invitation = (run: { report?: unknown } | null): string =>
  `Click a ${run ? runRowWords(run).one : 'cell'} on the map to ring its nearest neighbours in the input space.`;

export function createNeighbourhoodPanel(ctx: AppContext, onChange: () => void): NeighbourhoodPanel {
  const kInput = h('input', {
    type: 'number',
    min: 1,
    max: MAX_NEIGHBOURHOOD_K,
    step: 1,
    value: DEFAULT_NEIGHBOURHOOD_K,
    'data-testid': 'neighbour-k',
  });
  const line = h(
    'p',
    { class: 'hint', 'data-testid': 'neighbour-overlap', 'aria-live': 'polite' },
    invitation(null),
  );
  const clear = h(
    'button',
    { type: 'button', class: 'small', 'data-testid': 'neighbour-clear', hidden: true },
    'Clear neighbours',
  );
  const element = h(
    'div',
    { class: 'neighbourhood' },
    field(
      'Neighbours (k)',
      kInput,
      'Black rings: also near on the map; magenta rings: the map put them farther away. ' +
        'The verdict shows under the map.',
    ),
  );
  // hidden until a run is shown: there is no map to click before
  const status = h(
    'div',
    { class: 'neighbour-status', 'data-testid': 'neighbour-status', hidden: true },
    line,
    clear,
  );

  let run: RunResult | null = null;
  let cell: number | null = null;
  let shown: CellNeighbourhood | null = null;
  let shownDims = 3;
  // answers arrive out of order when the user clicks quickly: only the latest request's answer is shown
  let request = 0;

  const say = (): void => {
    if (!run || !shown) return;
    setText(line, overlapSentence(shown, run.ids[shown.cell], run.coords.cols, shownDims));
  };

  async function ask(row: number): Promise<void> {
    if (!run) return;
    const mine = ++request;
    const forRun = run;
    // a k the engine would refuse is refused here, under the map, in the field's words (and the run's rows)
    const typed = fieldNeighbours(kInput.value, forRun.ids.length, runRowWords(forRun));
    if ('refusal' in typed) {
      shown = null;
      clear.hidden = true;
      setText(line, typed.refusal);
      onChange();
      return;
    }
    const k = typed.k;
    setText(line, `Finding the neighbours of ${forRun.ids[row]}…`);
    try {
      const answer = await ctx.engine.cellNeighbours(row, k);
      if (mine !== request || run !== forRun) return;
      if (answer.runId !== forRun.runId) {
        // the engine restarted or trained again while this map was shown: its neighbours are another run's
        setText(line, 'The engine no longer holds the run shown here; train again to check neighbourhoods.');
        return;
      }
      shown = answer;
      clear.hidden = false;
      say();
    } catch (err) {
      if (mine !== request) return;
      shown = null;
      setText(line, '');
      ctx.dispatch({ type: 'failed', title: 'Could not check the neighbourhood', error: err });
    }
    onChange();
  }

  kInput.addEventListener('change', () => {
    if (cell !== null) void ask(cell);
  });
  clear.addEventListener('click', () => {
    request++;
    cell = null;
    shown = null;
    clear.hidden = true;
    setText(line, invitation(run));
    onChange();
  });

  return {
    element,
    status,
    check(row) {
      if (row === null || !run || row >= run.ids.length) return;
      cell = row;
      void ask(row);
    },
    reset(next) {
      run = next;
      // the spinner stops where the engine's range does: at most rows − 1
      kInput.max = String(next ? mostNeighbours(next.ids.length) : MAX_NEIGHBOURHOOD_K);
      status.hidden = next === null;
      request++;
      cell = null;
      shown = null;
      clear.hidden = true;
      setText(line, invitation(run));
    },
    traces(points, view) {
      return shown ? neighbourTraces(points, shown, view) : [];
    },
    shownIn(view) {
      shownDims = run && is3d({ dims: run.coords.cols }, view) ? 3 : 2;
      say();
    },
  };
}
