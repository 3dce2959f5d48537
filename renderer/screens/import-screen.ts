/**
 * Import: open a file (picker, drag & drop, the bundled sample, or — under `tripletlens serve` — a file or
 * folder on the server through the file browser), see what the importer made of it
 * (preview, orientation, value kind, column roles — editable, then re-opened), pick the label column with
 * its class counts, join an optional metadata file, and set preprocessing (detected defaults pre-filled; the
 * settings go to the app state, where the Train screen reads them). What it shows is derived in
 * import/import-model.ts, drawn by the panel builders in import/, and import/import-actions.ts talks to
 * the engine.
 */
import type { AppContext, Screen } from '../app-context.js';
import { h } from '../dom.js';
import { inlineImportNotes } from '../import-notes.js';
import type { ImportSettings } from '../../src/api/engine-api.js';
import type { AppState } from '../state.js';
import { createFileBrowser } from './file-browser.js';
import { createUploader } from './uploader.js';
import { createDataPanel } from './import/data-panel.js';
import { createImportActions } from './import/import-actions.js';
import { columnRoles, importSettingsFrom, labelInfo, toTrainButton } from './import/import-model.js';
import { createImportSettingsForm } from './import/import-settings-form.js';
import { createLabelPanel } from './import/label-panel.js';
import { createOpenPanel } from './import/open-panel.js';
import { createPreprocessPanel } from './import/preprocess-panel.js';

/** The Import screen, and the settings its form gives a metadata file (for File ▸ Open metadata…). */
export function createImportScreen(ctx: AppContext): Screen & { metadataSettings(): ImportSettings } {
  const uploader = createUploader(ctx);
  const settingsForm = createImportSettingsForm(() => {
    const source = actions.lastSource();
    if (source) void actions.open(source, importSettingsFrom(settingsForm.values()));
  });
  const actions = createImportActions(ctx, uploader, () => {
    settingsForm.reopenButton.disabled = false;
  });
  /**
   * A newly chosen file is read with the default settings, not the last file's. The first file is read with what
   * the user set in Import settings before choosing it (a walkthrough set Missing values for an Excel export
   * with NA cells, then picked it: the setting was dropped and the file refused, naming that very setting).
   * Only while no data is open: a page that took over the engine's data (reloaded, or a second tab) has the form
   * filled with that file's id and metadata columns, which another file would be refused for.
   */
  const openAfresh = (open: (settings: ImportSettings) => Promise<void>): void => {
    if (actions.lastSource() === null && ctx.getState().dataset === null) {
      void open(importSettingsFrom(settingsForm.values()));
      return;
    }
    settingsForm.reset();
    void open({});
  };
  // under `tripletlens serve` only: files and folders on the server, opened by path (nothing uploaded)
  const browser = ctx.server
    ? createFileBrowser(ctx.server, (path) =>
        openAfresh((settings) => actions.open({ kind: 'path', path }, settings)),
      )
    : null;
  const openPanel = createOpenPanel({
    onSample: () => openAfresh((settings) => actions.open({ kind: 'sample' }, settings)),
    onFile: (file) => openAfresh((settings) => actions.openPicked(file, settings)),
    uploadRow: uploader.element,
    browser: browser ? browser.element : null,
    settingsForm: settingsForm.element,
  });
  const dataPanel = createDataPanel();
  const labelPanel = createLabelPanel({
    onColumn: (column) => ctx.dispatch({ type: 'label-chosen', column }),
    // an h5ad's Import settings ▸ Decimal separator reads the metadata file's numbers
    onMetadataFile: (file) => void actions.joinMetadata(file, settingsForm.metadataSettings()),
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

  function update(state: AppState, previous: AppState): void {
    const d = state.dataset;
    dataPanel.element.hidden = labelPanel.element.hidden = preprocessPanel.element.hidden = d === null;
    openPanel.sampleButton.disabled = state.busy !== null;
    // a join gives a new summary naming its file; other data opened, one without (or none at all)
    if (d !== previous.dataset) labelPanel.showJoined(d);
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
      labelPanel.showInfo(
        labelInfo(d, state.labelColumn, state.labelSummary, state.inputMissing, ctx.server === undefined),
      );
    }
    preprocessPanel.showToTrain(toTrainButton(state));
    actions.fetchLabelSummary(state, previous);
  }

  return { element, update, metadataSettings: () => settingsForm.metadataSettings() };
}
