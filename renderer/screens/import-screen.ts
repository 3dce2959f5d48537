/**
 * Import: open a file (picker, drag & drop, the bundled sample, or — under `tripletlens serve` — a file or
 * folder on the server through the file browser), see what the importer made of it
 * (preview, orientation, value kind, column roles — editable, then re-opened), pick the label column with
 * its class counts, join an optional metadata file, and set preprocessing (detected defaults pre-filled).
 */
import type { DatasetSummary, FileSource, ImportSettings, LabelSummary } from '../../src/api/engine-api.js';
import type { AppContext, Screen } from '../app-context.js';
import { field, h, replaceChildren, select, setText } from '../dom.js';
import { formatCount, plural } from '../format.js';
import type { AppState } from '../state.js';
import { fieldControl } from '../form-controls.js';
import { inlineImportNotes } from '../import-notes.js';
import { labelChoices } from '../label-choices.js';
import { preprocessFields } from '../train-fields.js';
import { createFileBrowser } from './file-browser.js';
import { createUploader } from './uploader.js';

/** Class-count rows the Import screen's table shows without scrolling (styles.css .counts-scroll). */
const SHOWN_CLASS_ROWS = 19;

/**
 * What the file pickers offer: text tables and the single-cell formats (the engine detects the format by
 * content, so a mislabelled file still opens).
 */
export const ACCEPTED_FILES =
  '.csv,.tsv,.txt,.tab,.gz,.h5ad,.h5,.hdf5,.loom,.mtx,.mtx.gz,text/csv,text/tab-separated-values';

export interface ImportScreen extends Screen {
  /** The preprocessing form (read by the Train screen when training starts). */
  preprocessForm: HTMLFormElement;
}

export function createImportScreen(ctx: AppContext): ImportScreen {
  // ---- open ---------------------------------------------------------------------------------------------
  const fileInput = h('input', {
    type: 'file',
    accept: ACCEPTED_FILES,
    'data-testid': 'import-file',
  });
  const sampleButton = h(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'open-sample' },
    'Open sample (PBMC, 700 cells)',
  );
  const dropZone = h(
    'div',
    { class: 'drop-zone', 'data-testid': 'drop-zone' },
    h('strong', {}, 'Drop an expression file here'),
    h(
      'span',
      {},
      'CSV or TSV (cells × genes or genes × cells, optionally gzip-compressed), .h5ad, 10x .h5, .loom or .mtx',
    ),
  );
  const uploader = createUploader(ctx);

  const settingsForm = h('form', { class: 'settings', 'data-testid': 'import-settings' });
  const delimiter = select({ name: 'delimiter', 'data-testid': 'import-delimiter' }, [
    { value: 'auto', label: 'auto' },
    { value: ',', label: 'comma' },
    { value: '\t', label: 'tab' },
    { value: ';', label: 'semicolon' },
  ]);
  const orientation = select({ name: 'orientation', 'data-testid': 'import-orientation' }, [
    { value: 'auto', label: 'auto-detect' },
    { value: 'cells-as-rows', label: 'cells are rows' },
    { value: 'genes-as-rows', label: 'genes are rows (transpose)' },
  ]);
  const idColumn = h('select', { name: 'idColumn', 'data-testid': 'import-id-column' });
  const genesFrom = h('select', { name: 'genesFrom', 'data-testid': 'import-genes-from' });
  const missing = select({ name: 'missing', 'data-testid': 'import-missing' }, [
    { value: 'error', label: 'stop with an error' },
    { value: 'zero', label: 'read as 0' },
    { value: 'drop-row', label: 'leave the cell out' },
    { value: 'column-mean', label: 'use the gene’s mean' },
  ]);
  const metaColumns = h('fieldset', { class: 'checks', 'data-testid': 'import-metadata-columns' });
  const reopenButton = h(
    'button',
    { type: 'submit', 'data-testid': 'import-reopen', disabled: true },
    'Re-open with these settings',
  );
  settingsForm.append(
    field('Delimiter', delimiter, 'How fields are separated. Default: auto.'),
    field('Orientation', orientation, 'Which axis holds cells. Default: auto-detect.'),
    field('Id column', idColumn, 'The column holding cell ids. Default: the first text column.'),
    field('Genes start at', genesFrom, 'This column and all after it are genes. Default: detected.'),
    metaColumns,
    field(
      'Missing values',
      missing,
      'What an empty, NA or NaN expression value does. Default: stop and show where it is.',
    ),
    reopenButton,
  );

  const metadataInput = h('input', {
    type: 'file',
    accept: '.csv,.tsv,.txt,.tab,.gz',
    'data-testid': 'metadata-file',
  });

  // under `tripletlens serve` only: files and folders on the server, opened by path (nothing uploaded)
  const browser = ctx.server
    ? createFileBrowser(ctx.server, (path) => {
        resetSettings();
        void open({ kind: 'path', path });
      })
    : null;

  // ---- summary ------------------------------------------------------------------------------------------
  const summary = h('div', { class: 'summary', 'data-testid': 'import-summary' });
  // the import's notes no banner shows (import-notes.ts): kept apart from the summary, updated as banners go
  const warningsList = h('ul', { class: 'warnings', 'data-testid': 'import-warnings', hidden: true });
  const previewTable = h('table', { class: 'preview', 'data-testid': 'import-preview' });
  const labelSelect = h('select', { 'data-testid': 'label-column' });
  const labelInfo = h('div', { class: 'label-info', 'data-testid': 'label-summary', 'aria-live': 'polite' });
  const preprocessForm = h('form', { class: 'settings', 'data-testid': 'preprocess-form', novalidate: true });
  const toTrain = h(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'go-train', disabled: true },
    'Next: Train →',
  );

  const dataPanel = h(
    'section',
    { class: 'panel wide', hidden: true, 'aria-labelledby': 'import-data-h' },
    h('h2', { id: 'import-data-h' }, 'What was read'),
    summary,
    h('div', { class: 'table-scroll' }, previewTable),
  );
  const labelPanel = h(
    'section',
    { class: 'panel', hidden: true, 'aria-labelledby': 'import-label-h' },
    h('h2', { id: 'import-label-h' }, 'Labels'),
    field(
      'Label column (cell types)',
      labelSelect,
      'Cells sharing a label are pulled together; others pushed apart.',
    ),
    labelInfo,
    field(
      'Metadata file (optional)',
      metadataInput,
      'A CSV/TSV keyed by cell id; its columns are joined in.',
    ),
  );
  const preprocessPanel = h(
    'section',
    { class: 'panel', hidden: true, 'aria-labelledby': 'import-pre-h' },
    h('h2', { id: 'import-pre-h' }, 'Preprocessing'),
    preprocessForm,
    toTrain,
  );

  const element = h(
    'div',
    { class: 'screen import-screen', 'data-testid': 'screen-import' },
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'import-open-h' },
      h('h2', { id: 'import-open-h' }, 'Open data'),
      sampleButton,
      field('Expression file', fileInput, 'Pick a file, or drop one on the area below.'),
      dropZone,
      uploader.element,
      browser ? browser.element : null,
      h('details', {}, h('summary', {}, 'Import settings'), settingsForm),
    ),
    dataPanel,
    labelPanel,
    preprocessPanel,
  );

  // ---- behaviour ----------------------------------------------------------------------------------------
  let lastSource: FileSource | null = null;

  const openPicked = async (file: File): Promise<void> => {
    resetSettings();
    const source = await uploader.source(file, `Could not open ${file.name}`);
    if (source) await open(source);
  };

  const currentSettings = (): ImportSettings => {
    const s: ImportSettings = {
      delimiter: delimiter.value as ImportSettings['delimiter'],
      orientation: orientation.value as ImportSettings['orientation'],
      missing: missing.value as ImportSettings['missing'],
    };
    if (idColumn.value) s.idColumn = idColumn.value;
    if (genesFrom.value) s.genesFrom = genesFrom.value;
    const metas = Array.from(metaColumns.querySelectorAll<HTMLInputElement>('input:checked')).map(
      (i) => i.value,
    );
    if (metas.length > 0) s.metadataColumns = metas;
    return s;
  };

  const open = async (source: FileSource, settings: ImportSettings = {}): Promise<void> => {
    const name =
      source.kind === 'upload' || source.kind === 'uploaded'
        ? source.name
        : source.kind === 'path'
          ? source.path
          : 'the sample';
    // remembered before the attempt so that "Re-open with these settings" can retry a file that failed
    lastSource = source;
    reopenButton.disabled = false;
    const summaryResult = await ctx.busy(
      { kind: 'import', message: `Reading ${name}…`, fraction: null, cancellable: true },
      `Could not open ${name}`,
      () => ctx.engine.openFile(source, settings),
    );
    if (summaryResult) {
      ctx.dispatch({ type: 'dataset-opened', summary: summaryResult });
    }
  };

  sampleButton.addEventListener('click', () => {
    resetSettings();
    void open({ kind: 'sample' });
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void openPicked(file);
    fileInput.value = '';
  });
  const dragOver = (e: DragEvent): void => {
    e.preventDefault();
    dropZone.classList.add('over');
  };
  dropZone.addEventListener('dragenter', dragOver);
  dropZone.addEventListener('dragover', dragOver);
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (e) => {
    e.preventDefault();
    dropZone.classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file) void openPicked(file);
  });
  settingsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (lastSource) void open(lastSource, currentSettings());
  });
  metadataInput.addEventListener('change', () => {
    const file = metadataInput.files?.[0];
    metadataInput.value = '';
    if (!file) return;
    void (async () => {
      const source = await uploader.source(file, `Could not join ${file.name}`);
      if (!source) return;
      const joined = await ctx.busy(
        { kind: 'metadata', message: `Joining ${file.name}…`, fraction: null, cancellable: true },
        `Could not join ${file.name}`,
        () => ctx.engine.openMetadata(source),
      );
      if (joined) ctx.dispatch({ type: 'metadata-joined', summary: joined });
    })();
  });
  labelSelect.addEventListener('change', () => {
    ctx.dispatch({ type: 'label-chosen', column: labelSelect.value || null });
  });
  toTrain.addEventListener('click', () => ctx.dispatch({ type: 'show-screen', screen: 'train' }));

  function resetSettings(): void {
    delimiter.value = 'auto';
    orientation.value = 'auto';
    missing.value = 'error';
    genesFrom.value = '';
  }

  // ---- rendering ----------------------------------------------------------------------------------------
  function renderDataset(d: DatasetSummary): void {
    const valueText =
      d.valueKind === 'counts'
        ? 'raw counts (normalise + log1p recommended)'
        : d.valueKind === 'log'
          ? 'already log-transformed'
          : 'continuous values';
    replaceChildren(
      summary,
      h(
        'dl',
        {},
        h('dt', {}, 'File'),
        h(
          'dd',
          { 'data-testid': 'summary-source' },
          d.source + (d.metadataSource ? ` + ${d.metadataSource}` : ''),
        ),
        h('dt', {}, 'Shape'),
        h('dd', { 'data-testid': 'summary-shape' }, `${plural(d.rows, 'cell')} × ${plural(d.genes, 'gene')}`),
        h('dt', {}, 'Orientation'),
        h(
          'dd',
          { 'data-testid': 'summary-orientation' },
          `${d.orientation.applied.replace(/-/g, ' ')} — ${d.orientation.reason}`,
        ),
        h('dt', {}, 'Values'),
        h('dd', { 'data-testid': 'summary-values' }, valueText),
        h('dt', {}, 'Id column'),
        h('dd', {}, d.idColumn),
        h('dt', {}, 'Metadata'),
        h(
          'dd',
          {},
          d.metadata.length ? d.metadata.map((m) => `${m.name} (${m.distinct})`).join(', ') : 'none',
        ),
      ),
      warningsList,
    );
    const p = d.preview;
    const more =
      p.totalColumns > p.header.length ? `… ${formatCount(p.totalColumns - p.header.length)} more` : null;
    replaceChildren(
      previewTable,
      h(
        'caption',
        {},
        `First ${p.rows.length} rows and ${p.header.length} of ${formatCount(p.totalColumns)} columns, as read`,
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          p.header.map((c) => h('th', { scope: 'col' }, c)),
          more ? h('th', {}, more) : null,
        ),
      ),
      h(
        'tbody',
        {},
        p.rows.map((r) =>
          h(
            'tr',
            {},
            r.map((c) => h('td', {}, c)),
            more ? h('td', {}, '…') : null,
          ),
        ),
      ),
    );
    // editable column roles
    replaceChildren(
      idColumn,
      p.header.map((c) => {
        const o = h('option', { value: c }, c);
        if (c === d.idColumn) o.selected = true;
        return o;
      }),
    );
    replaceChildren(
      genesFrom,
      h('option', { value: '' }, 'detected'),
      p.header.filter((c) => c !== d.idColumn).map((c) => h('option', { value: c }, c)),
    );
    const metaNames = new Set(d.metadata.map((m) => m.name));
    replaceChildren(
      metaColumns,
      h('legend', {}, 'Metadata (text) columns'),
      p.header
        .filter((c) => c !== d.idColumn)
        .map((c) =>
          h(
            'label',
            { class: 'check' },
            h('input', { type: 'checkbox', value: c, checked: metaNames.has(c) }),
            ` ${c}`,
          ),
        ),
    );
    reopenButton.disabled = false;
    // label picker
    replaceChildren(
      labelSelect,
      h('option', { value: '' }, '— choose —'),
      labelChoices(d).options.map((o) => h('option', { value: o.value, disabled: o.disabled }, o.text)),
    );
    // preprocessing with detected defaults
    replaceChildren(
      preprocessForm,
      preprocessFields(d.recommendedPreprocess).map((f) => fieldControl(f, 'preprocess')),
    );
  }

  function renderNotes(d: DatasetSummary, state: AppState): void {
    const notes = inlineImportNotes(d.warnings, state.notices);
    warningsList.hidden = notes.length === 0;
    replaceChildren(
      warningsList,
      notes.map((note) => h('li', {}, note)),
    );
  }

  function renderLabel(d: DatasetSummary | null, column: string | null, s: LabelSummary | null): void {
    if (!column) {
      // a Cell Ranger folder / .h5 / plain .mtx has no label column at all: say where labels come from
      const hint = d ? labelChoices(d).hint : null;
      replaceChildren(
        labelInfo,
        hint
          ? h('p', { class: 'warning', 'data-testid': 'label-hint' }, hint)
          : h('p', { class: 'hint' }, 'Choose the column that names each cell’s type.'),
      );
      return;
    }
    if (!s) {
      replaceChildren(labelInfo, h('p', { class: 'hint' }, 'Counting classes…'));
      return;
    }
    const tooSmall = new Set(s.tooSmall);
    replaceChildren(
      labelInfo,
      h(
        'p',
        {},
        `${plural(s.classes.length, 'class', 'classes')}, ${plural(
          s.classes.reduce((n, c) => n + c.count, 0),
          'labelled cell',
        )}, `,
        h('span', { 'data-testid': 'unlabeled-count' }, `${formatCount(s.unlabeled)} unlabeled`),
      ),
      s.tooSmall.length
        ? h(
            'p',
            { class: 'warning', role: 'alert', 'data-testid': 'label-too-small' },
            `${plural(s.tooSmall.length, 'class', 'classes')} with fewer than 2 cells cannot form a triplet: ${s.tooSmall.join(', ')}`,
          )
        : null,
      h(
        'div',
        { class: 'counts-scroll' },
        h(
          'table',
          { class: 'counts', 'data-testid': 'class-counts' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'class'), h('th', { scope: 'col' }, 'cells'))),
          h(
            'tbody',
            {},
            s.classes.map((c) =>
              h(
                'tr',
                { class: tooSmall.has(c.name) ? 'too-small' : null },
                h('td', {}, c.name),
                h('td', { class: 'num' }, formatCount(c.count)),
              ),
            ),
          ),
        ),
      ),
      // the box shows about 20 rows; say so when there are more, since a scroll bar is easy to miss
      s.classes.length > SHOWN_CLASS_ROWS
        ? h(
            'p',
            { class: 'hint counts-more' },
            `Scroll the table for all ${formatCount(s.classes.length)} classes.`,
          )
        : null,
    );
  }

  // the (dataset, column) whose class counts are being fetched, and one whose fetch failed (not retried
  // until the user picks again, so a failing column does not loop)
  let pendingLabel: string | null = null;
  let failedLabel: string | null = null;
  function update(state: AppState, previous: AppState): void {
    const d = state.dataset;
    dataPanel.hidden = labelPanel.hidden = preprocessPanel.hidden = d === null;
    sampleButton.disabled = state.busy !== null;
    if (d && d !== previous.dataset) renderDataset(d);
    if (d && (d !== previous.dataset || state.notices !== previous.notices)) renderNotes(d, state);
    if (d && labelSelect.value !== (state.labelColumn ?? '')) labelSelect.value = state.labelColumn ?? '';
    if (
      d !== previous.dataset ||
      state.labelColumn !== previous.labelColumn ||
      state.labelSummary !== previous.labelSummary
    ) {
      renderLabel(d, state.labelColumn, state.labelSummary);
    }
    toTrain.disabled = !d || !state.labelColumn;
    // whenever a column is chosen and its counts are missing, ask for them (unless already asked)
    const key = d && state.labelColumn ? `${d.datasetId}\u0000${state.labelColumn}` : null;
    if (state.labelColumn !== previous.labelColumn) failedLabel = null;
    if (key && !state.labelSummary && key !== pendingLabel && key !== failedLabel) {
      pendingLabel = key;
      const column = state.labelColumn as string;
      void ctx.engine.labelSummary(column).then(
        (s) => {
          if (pendingLabel === key) pendingLabel = null;
          ctx.dispatch({ type: 'label-summary', summary: s });
        },
        (err: unknown) => {
          if (pendingLabel === key) pendingLabel = null;
          failedLabel = key;
          ctx.dispatch({ type: 'failed', title: `Could not count classes of ${column}`, error: err });
        },
      );
    }
    setText(
      toTrain,
      state.labelColumn ? `Next: Train on “${state.labelColumn}” →` : 'Choose a label column first',
    );
  }

  return { element, update, preprocessForm };
}
