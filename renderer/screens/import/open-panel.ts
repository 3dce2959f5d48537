/**
 * "Open data": the bundled sample, a file picker, the drop zone, the upload progress row, the server's file
 * browser (under `tripletlens serve`) and the import settings, folded away.
 */
import { field, h } from '../../dom.js';

/**
 * What the file pickers offer: text tables and the single-cell formats (the engine detects the format by
 * content, so a mislabelled file still opens).
 */
export const ACCEPTED_FILES =
  '.csv,.tsv,.txt,.tab,.gz,.h5ad,.h5,.hdf5,.loom,.mtx,.mtx.gz,text/csv,text/tab-separated-values';

export interface OpenPanel {
  element: HTMLElement;
  sampleButton: HTMLButtonElement;
}

export function createOpenPanel(parts: {
  onSample(): void;
  /** A file picked or dropped. */
  onFile(file: File): void;
  /** The upload progress row, the file browser (serve only) and the import settings form. */
  uploadRow: HTMLElement;
  browser: HTMLElement | null;
  settingsForm: HTMLElement;
}): OpenPanel {
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
  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'import-open-h' },
    h('h2', { id: 'import-open-h' }, 'Open data'),
    sampleButton,
    field('Expression file', fileInput, 'Pick a file, or drop one on the area below.'),
    dropZone,
    parts.uploadRow,
    parts.browser,
    h('details', {}, h('summary', {}, 'Import settings'), parts.settingsForm),
  );

  sampleButton.addEventListener('click', () => parts.onSample());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) parts.onFile(file);
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
    if (file) parts.onFile(file);
  });

  return { element, sampleButton };
}
