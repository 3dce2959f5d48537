/**
 * Import: open a file (picker, drag & drop, the bundled sample, or — under `tripletlens serve` — a file or
 * folder on the server through the file browser), see what the importer made of it
 * (preview, orientation, value kind, column roles — editable, then re-opened), pick the label column with
 * its class counts, join an optional metadata file, and set preprocessing (detected defaults pre-filled).
 * What it shows is derived in import/import-model.ts; the panels are drawn by the builders in import/.
 */
import type { FileSource, ImportSettings } from '../../src/api/engine-api.js';
import type { AppContext, Screen } from '../app-context.js';
import { inlineImportNotes } from '../import-notes.js';
import type { AppState } from '../state.js';
import { createFileBrowser } from './file-browser.js';
import { createUploader } from './uploader.js';
import { createDataPanel } from './import/data-panel.js';
import {
  columnRoles,
  importSettingsFrom,
  labelInfo,
  labelSummaryToFetch,
  sourceName,
  toTrainButton,
  type LabelFetchTracker,
} from './import/import-model.js';
import { createImportSettingsForm } from './import/import-settings-form.js';
import { createLabelPanel } from './import/label-panel.js';
import { createOpenPanel } from './import/open-panel.js';
import { createPreprocessPanel } from './import/preprocess-panel.js';
import { h } from '../dom.js';

export function createImportScreen(ctx: AppContext): Screen {
  const uploader = createUploader(ctx);
  // remembered before each attempt so that "Re-open with these settings" can retry a file that failed
  let lastSource: FileSource | null = null;

  const open = async (source: FileSource, settings: ImportSettings = {}): Promise<void> => {
    const name = sourceName(source);
    lastSource = source;
    settingsForm.reopenButton.disabled = false;
    const summary = await ctx.busy(
      { kind: 'import', message: `Reading ${name}…`, fraction: null, cancellable: true },
      `Could not open ${name}`,
      () => ctx.engine.openFile(source, settings),
    );
    if (summary) ctx.dispatch({ type: 'dataset-opened', summary });
  };
  const openPicked = async (file: File): Promise<void> => {
    settingsForm.reset();
    const source = await uploader.source(file, `Could not open ${file.name}`);
    if (source) await open(source);
  };
  const joinMetadata = async (file: File): Promise<void> => {
    const source = await uploader.source(file, `Could not join ${file.name}`);
    if (!source) return;
    const joined = await ctx.busy(
      { kind: 'metadata', message: `Joining ${file.name}…`, fraction: null, cancellable: true },
      `Could not join ${file.name}`,
      () => ctx.engine.openMetadata(source),
    );
    if (joined) ctx.dispatch({ type: 'metadata-joined', summary: joined });
  };

  const settingsForm = createImportSettingsForm(() => {
    if (lastSource) void open(lastSource, importSettingsFrom(settingsForm.values()));
  });
  // under `tripletlens serve` only: files and folders on the server, opened by path (nothing uploaded)
  const browser = ctx.server
    ? createFileBrowser(ctx.server, (path) => {
        settingsForm.reset();
        void open({ kind: 'path', path });
      })
    : null;
  const openPanel = createOpenPanel({
    onSample() {
      settingsForm.reset();
      void open({ kind: 'sample' });
    },
    onFile: (file) => void openPicked(file),
    uploadRow: uploader.element,
    browser: browser ? browser.element : null,
    settingsForm: settingsForm.element,
  });
  const dataPanel = createDataPanel();
  const labelPanel = createLabelPanel({
    onColumn: (column) => ctx.dispatch({ type: 'label-chosen', column }),
    onMetadataFile: (file) => void joinMetadata(file),
  });
  const preprocessPanel = createPreprocessPanel({
    onEdit: (values) => ctx.dispatch({ type: 'preprocess-edited', values }),
    onToTrain: () => ctx.dispatch({ type: 'show-screen', screen: 'train' }),
  });

  const element = h(
    'div',
    { class: 'screen import-screen', 'data-testid': 'screen-import' },
    openPanel.element,
    dataPanel.element,
    labelPanel.element,
    preprocessPanel.element,
  );

  let labelFetch: LabelFetchTracker = { pending: null, failed: null };
  /** Asks the engine for the chosen column's class counts when they are missing (once; see the model). */
  function fetchLabelSummary(state: AppState, previous: AppState): void {
    const next = labelSummaryToFetch(state, previous, labelFetch);
    labelFetch = next.tracker;
    if (!next.fetch) return;
    const { key, column } = next.fetch;
    void ctx.engine.labelSummary(column).then(
      (s) => {
        if (labelFetch.pending === key) labelFetch = { ...labelFetch, pending: null };
        ctx.dispatch({ type: 'label-summary', summary: s });
      },
      (err: unknown) => {
        labelFetch = { pending: labelFetch.pending === key ? null : labelFetch.pending, failed: key };
        ctx.dispatch({ type: 'failed', title: `Could not count classes of ${column}`, error: err });
      },
    );
  }

  function update(state: AppState, previous: AppState): void {
    const d = state.dataset;
    dataPanel.element.hidden = labelPanel.element.hidden = preprocessPanel.element.hidden = d === null;
    openPanel.sampleButton.disabled = state.busy !== null;
    if (d && d !== previous.dataset) {
      dataPanel.showDataset(d);
      settingsForm.showColumns(columnRoles(d));
      labelPanel.showChoices(d);
      preprocessPanel.showFields(d.recommendedPreprocess, state.preprocessValues);
    }
    if (d && (d !== previous.dataset || state.notices !== previous.notices)) {
      dataPanel.showNotes(inlineImportNotes(d.warnings, state.notices));
    }
    if (d) labelPanel.showColumn(state.labelColumn ?? '');
    if (
      d !== previous.dataset ||
      state.labelColumn !== previous.labelColumn ||
      state.labelSummary !== previous.labelSummary
    ) {
      labelPanel.showInfo(labelInfo(d, state.labelColumn, state.labelSummary));
    }
    preprocessPanel.showToTrain(toTrainButton(state));
    fetchLabelSummary(state, previous);
  }

  return { element, update };
}
