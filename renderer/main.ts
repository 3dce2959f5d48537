/**
 * TripletLens renderer entry: builds the one-window UI (Import, Train, Explore, Export + status bar), picks
 * the transport — `window.tripletlens` (the Electron preload, made EngineApi by ipc-engine.ts) when present, else
 * the HTTP transport to `tripletlens serve` — and routes every state change through state.ts's reducer,
 * rendering at most once per animation frame.
 *
 * data-testid reference (for the end-to-end tests):
 *   app                      root element
 *   tab-import|train|explore|export   the screen tabs (role=tab); screen-import|train|explore|export the panels
 *   status-bar, backend-badge, backend-hint, worker-state, busy-progress, busy-cancel
 *   notices, notice-error|warning|info (one per message), notice-dismiss
 *   Import:  open-sample, import-file (file input), drop-zone, upload-progress, upload-text, upload-cancel,
 *            file-browser (serve only: browse-path, browse-up, browse-open-folder, browse-list, browse-folder,
 *            browse-open, browse-message), import-settings, import-delimiter, import-decimal,
 *            import-orientation, import-id-column, import-metadata-columns, import-missing, import-reopen,
 *            import-summary, summary-source, summary-shape, summary-orientation, summary-values,
 *            import-warnings, import-info, import-preview, label-column, label-summary, class-counts,
 *            unlabeled-count, label-too-small, label-needs-input, metadata-file, preprocess-form,
 *            preprocess-<key>, go-train
 *   Train:   train-form, train-<key> (sampler, loss, distance, margin, dims, preset, epochs, batchSize,
 *            learningRate, patience, seed, holdoutPercent, unlabeled, snapshotEvery), train-start, train-stop,
 *            train-reset, train-label, train-progress, train-stage, train-epoch, train-loss-value (the
 *            progress read-out; train-loss is the loss select), train-eta, train-summary (the finished run's
 *            figures, regime and metric notes), loss-plot, live-map, live-map-caption
 *   Explore: explore-plot (the Plotly div: `.data` holds the traces), explore-empty, explore-counts,
 *            explore-dims, explore-color-by, explore-gene, explore-gene-apply, explore-hover-fields,
 *            explore-point-size, explore-opacity, explore-search, explore-search-go, explore-search-result,
 *            metrics, metric-<name>, project-file (desktop: project-choose-file|folder), project-upload-
 *            progress|text|cancel, project-browser (serve only: project-browse-path|up|open-folder|list|folder|
 *            open|message), project-matrix, project-info, project-clear, neighbour-k,
 *            neighbour-status (the strip under the map with neighbour-overlap and neighbour-clear: the
 *            neighbourhood check; a click on a cell starts it)
 *   Export:  export-csv, export-png, export-svg, export-html, export-model, export-report, export-note
 */
import type { EngineBridge } from '../src/api/ipc-channels.js';
// (the desktop transport, imported apart from the HTTP one below)
import { createIpcEngine } from './transport/ipc-engine.js';
import type { EngineApi, EngineEvent, RunStoppedBy } from '../src/api/engine-api.js';
import { ownOpenOutrun } from './app/opened-elsewhere.js';
import type { Screen } from './app-context.js';
import {
  adoptEngineState,
  adoptReplacedData,
  eventsAfterJoin,
  SCREEN_ORDER,
  otherWindowFollowed,
} from './app/app-model.js';
import { installEscapeFolds } from './escape-folds.js';
import { createAppContext } from './app/context.js';
import { confirmDialog } from './confirm-dialog.js';
import { createTabBar } from './app/tab-bar.js';
import { installWindowGuards } from './app/window-guards.js';
import { h } from './dom.js';
import { createExploreScreen } from './screens/explore-screen.js';
import { createExportScreen } from './screens/export-screen.js';
import { createImportScreen } from './screens/import-screen.js';
import { createTrainScreen } from './screens/train-screen.js';
import { INITIAL_STATE, reduce, type Action, type AppState, type ScreenName } from './state.js';
import { installShellMenu } from './shell-menu.js';
import { createStatusBar } from './status-bar.js';
import { coalesce } from './throttle.js';
import { createHttpEngine } from './transport/http-engine.js';
import { createServerFiles } from './transport/server-files.js';
import { newPageId, withOpener } from './transport/opener.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload: EngineApi's calls, resolving to plain outcome data. */
    tripletlens?: EngineBridge;
  }
}

function pickEngine(): EngineApi {
  return window.tripletlens ? createIpcEngine(window.tripletlens) : createHttpEngine();
}

function start(root: HTMLElement): void {
  // this page's opens carry its id, by which it tells them from another window's (transport/opener.ts)
  const pageId = newPageId();
  const engine = withOpener(pickEngine(), pageId);
  // the page came from `tripletlens serve` (not the desktop app): uploads stream to it, its folder is browsable
  const server = window.tripletlens ? undefined : createServerFiles();
  let state: AppState = { ...INITIAL_STATE, pageId };
  let rendered: AppState = state;
  const { ctx, clearColumnCache } = createAppContext(engine, server, () => state, dispatch, confirmDialog);

  const importScreen = createImportScreen(ctx);
  const trainScreen = createTrainScreen(ctx);
  const exploreScreen = createExploreScreen(ctx);
  const exportScreen = createExportScreen(ctx, exploreScreen, window.tripletlensShell);
  const status = createStatusBar(ctx);
  const screens: Record<ScreenName, Screen> = {
    import: importScreen,
    train: trainScreen,
    explore: exploreScreen,
    export: exportScreen,
  };
  const tabBar = createTabBar(
    {
      import: importScreen.element,
      train: trainScreen.element,
      explore: exploreScreen.element,
      export: exportScreen.element,
    },
    (screen) => dispatch({ type: 'show-screen', screen }),
  );
  root.append(
    h('header', { class: 'app-header' }, h('h1', {}, 'TripletLens'), tabBar.element),
    status.notices,
    h(
      'main',
      { class: 'screens' },
      SCREEN_ORDER.map((n) => screens[n].element),
    ),
    status.bar,
  );

  const render = coalesce(
    () => {
      const previous = rendered;
      rendered = state;
      if (state.dataset?.datasetId !== previous.dataset?.datasetId) clearColumnCache();
      tabBar.show(state.screen);
      status.update(state, previous);
      for (const name of SCREEN_ORDER) screens[name].update(state, previous);
      if (state.screen !== previous.screen) screens[state.screen].shown?.();
    },
    (cb) => requestAnimationFrame(cb),
  );

  function dispatch(action: Action): void {
    // this page's open ended, but another window's finished after it: the engine holds that one's data
    const outrun = ownOpenOutrun(state, action);
    state = reduce(state, action);
    render(undefined);
    if (outrun) followEngine(outrun.by);
  }
  /** Shows the data the engine holds now, which another window's `by` opened (adoptReplacedData). */
  function followEngine(by: RunStoppedBy): void {
    void engine.getState().then(
      (held) => {
        for (const action of adoptReplacedData(held, state, by)) dispatch(action);
      },
      () => undefined, // an unreachable engine is said by the next call
    );
  }

  // events that come before the page took over the engine's state (getState below): applied after it, as
  // they happened after the state it takes over — dropped before, an epoch that ended meanwhile had no point
  // on a joined run's loss chart
  let early: EngineEvent[] | null = [];
  engine.onEvent((event) => {
    if (early) early.push(event);
    else applyEvent(event);
  });
  function applyEvent(event: EngineEvent): void {
    const by = otherWindowFollowed(event, state);
    dispatch({ type: 'engine', event });
    // another window's Open stopped this page's run, or opened other data while it only viewed its own: show
    // the data the engine holds now, not the old file's (whose Start the engine refuses)
    if (by) followEngine(by);
  }
  const applyEarlyEvents = (): void => {
    const held = early ?? [];
    early = null;
    for (const event of eventsAfterJoin(held, state)) applyEvent(event);
  };
  // desktop app only: File-menu commands (a no-op in the browser)
  installShellMenu(ctx, window.tripletlensShell, () => importScreen.metadataSettings());
  installWindowGuards(dispatch);
  installEscapeFolds(document);

  render(undefined);
  void engine.backendInfo().then(
    (info) => dispatch({ type: 'backend', info }),
    (err: unknown) =>
      dispatch({ type: 'backend-failed', message: err instanceof Error ? err.message : String(err) }),
  );
  // after a page reload the engine may still hold data and a finished run
  void engine.getState().then(
    (held) => {
      for (const action of adoptEngineState(held, state)) dispatch(action);
      applyEarlyEvents();
    },
    () => applyEarlyEvents(), // the backend call above reports an unreachable engine
  );
}

const root = document.getElementById('app');
if (root) start(root);
