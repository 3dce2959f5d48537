/**
 * Export: coordinates CSV (the CLI's format, written by the engine), the AnnData .h5ad result, PNG and SVG of the current view, a
 * standalone interactive HTML file, the model folder (a .tar archive) and the run report JSON. Each button
 * says what it produces; failures become notices and nothing else changes.
 */
import type { AppContext, Screen } from '../app-context.js';
import type { ShellBridge } from '../../src/api/ipc-channels.js';
import { download, downloadFrom, h, setText } from '../dom.js';
import { buildStandaloneHtml } from '../html-export.js';
import { exportedClassColours } from '../class-colours.js';
import { plotlySource } from '../plotly-source.js';
import type { AppState } from '../state.js';
import type { ExploreScreen } from './explore-screen.js';
import {
  annDataFileName,
  annDataSavedNotice,
  annDataTarget,
  downloadHref,
  exportDescriptions,
  exportEnabled,
  exportNote,
  exportWords,
  fileStem,
  htmlSubtitle,
} from './export/export-model.js';

/**
 * The AnnData export: the desktop app asks where to save (main's save dialog) and the engine writes there;
 * under serve the engine writes a server download and the browser streams it to disk.
 */
async function exportAnnData(ctx: AppContext, shell: Pick<ShellBridge, 'chooseSavePath'> | undefined) {
  const state = ctx.getState();
  let path: string | null = null;
  if (typeof shell?.chooseSavePath === 'function') {
    path = await shell.chooseSavePath(annDataFileName(state.dataset?.source, state.result?.runNumber));
    if (!path) return; // the user cancelled the dialog
  }
  // the colours the map drew the classes in, so scanpy draws them alike (and a recoloured class as recoloured)
  const colours = exportedClassColours(state.exploreView.classColours);
  const a = await ctx.engine.exportAnnData(
    state.annotation.present.editedLabels,
    annDataTarget(path),
    colours,
  );
  const href = downloadHref(a);
  if (href) downloadFrom(href, a.fileName);
  ctx.dispatch({ type: 'notice', title: 'AnnData .h5ad', ...annDataSavedNotice(a) });
}

export function createExportScreen(
  ctx: AppContext,
  explore: ExploreScreen,
  shell?: Pick<ShellBridge, 'chooseSavePath'>,
): Screen {
  const buttons: HTMLButtonElement[] = [];
  // the descriptions of what the CSV and the h5ad hold, said in the run's words for its rows (`exportWords`)
  const described = new Map<string, HTMLElement>();
  const item = (
    testid: string,
    label: string,
    description: string,
    action: () => Promise<void>,
  ): HTMLElement => {
    const button = h('button', { type: 'button', 'data-testid': testid, disabled: true }, label);
    buttons.push(button);
    button.addEventListener('click', () => {
      void ctx
        .busy(
          { kind: 'export', message: `${label}…`, fraction: null, cancellable: false },
          `${label} failed`,
          action,
        )
        .then(() => ctx.dispatch({ type: 'idle' }));
    });
    const hint = h('span', { class: 'hint' }, description);
    described.set(testid, hint);
    return h('li', {}, button, hint);
  };
  // the run's exports of the page's own making (images, HTML) named as the engine names its: a retrain's by its number
  const stem = (): string => {
    const state = ctx.getState();
    return fileStem(state.dataset?.source, state.result?.runNumber);
  };
  // the map is saved from the Explore view without showing it: the user stays on Export
  const image = (format: 'png' | 'svg'): Promise<void> =>
    explore.plot.downloadImage(
      { format, filename: `${stem()}_map`, width: 1600, height: 1200 },
      explore.exportFigure()?.figure,
    );

  const descriptions = exportDescriptions(exportWords(ctx.getState()));
  const list = h(
    'ul',
    { class: 'exports' },
    item('export-csv', 'Coordinates CSV', descriptions.csv, async () => {
      const t = await ctx.engine.exportCoordinates(ctx.getState().annotation.present.editedLabels);
      download(t.fileName, t.text, t.mimeType);
    }),
    item('export-h5ad', 'AnnData .h5ad', descriptions.h5ad, () => exportAnnData(ctx, shell)),
    item('export-png', 'PNG image', 'The current view of the map, 1600 × 1200 px.', () => image('png')),
    item('export-svg', 'SVG image', 'The current view as SVG (3-D views embed a raster of the scene).', () =>
      image('svg'),
    ),
    item(
      'export-html',
      'Interactive HTML',
      'A single file that opens offline in any browser: rotate, zoom, hover.',
      async () => {
        const saved = explore.exportFigure();
        const figure = saved?.figure ?? explore.plot.current();
        if (!figure) throw new Error('There is no map to export yet.');
        const source = await plotlySource();
        const html = buildStandaloneHtml({
          title: explore.describe(),
          subtitle: htmlSubtitle(new Date(), saved?.shown),
          data: figure.data,
          layout: { ...figure.layout, title: undefined, height: undefined },
          plotlySource: source,
        });
        download(`${stem()}_map.html`, html, 'text/html');
      },
    ),
    item(
      'export-model',
      'Model folder',
      'The trained encoder and its preprocessing recipe, as a .tar archive.',
      async () => {
        // the colours the map drew the classes in, which embed's h5ad then gives the projected cells
        const colours = exportedClassColours(ctx.getState().exploreView.classColours);
        const m = await ctx.engine.exportModel({ kind: 'archive' }, colours);
        if (m.kind === 'archive') download(m.fileName, m.bytes as Uint8Array<ArrayBuffer>, m.mimeType);
      },
    ),
    item(
      'export-report',
      'Run report JSON',
      'Settings, data summary, metrics and loss history of the run.',
      async () => {
        const t = await ctx.engine.exportReport();
        download(t.fileName, t.text, t.mimeType);
      },
    ),
  );
  const note = h('p', { class: 'hint', 'data-testid': 'export-note' });
  const element = h(
    'div',
    { class: 'screen export-screen', 'data-testid': 'screen-export' },
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'export-h' },
      h('h2', { id: 'export-h' }, 'Export'),
      note,
      list,
    ),
  );

  function update(state: AppState): void {
    for (const b of buttons) b.disabled = !exportEnabled(state, b.dataset.testid ?? '');
    note.textContent = exportNote(state);
    const now = exportDescriptions(exportWords(state));
    const csv = described.get('export-csv');
    const h5ad = described.get('export-h5ad');
    if (csv) setText(csv, now.csv);
    if (h5ad) setText(h5ad, now.h5ad);
  }

  return { element, update };
}
