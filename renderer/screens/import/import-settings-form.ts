/**
 * The "Import settings" form: the matrix of an h5ad/loom file (X, a layer, raw/X, an obsm embedding),
 * delimiter, decimal separator, orientation, the column roles (id column, where genes start, which columns are metadata) and
 * the missing-value policy, with "Re-open with these settings"; a file that is not a text table shows only
 * what applies to it. Its choices come from import-model.ts; it reads back as ImportFormValues.
 */
import type { ImportSettings } from '../../../src/api/engine-api.js';
import { field, h, replaceChildren, select } from '../../dom.js';
import {
  DEFAULT_IMPORT_FORM,
  KEPT_BEFORE_GENES_TITLE,
  columnRoleWords,
  keptBeforeGenes,
  type ColumnRoleWords,
  type ColumnRoles,
  type ImportFormValues,
} from './import-model.js';

export interface ImportSettingsForm {
  element: HTMLFormElement;
  /** "Re-open with these settings": enabled once a file was tried. */
  reopenButton: HTMLButtonElement;
  values(): ImportFormValues;
  /**
   * The settings sent with a metadata file (openMetadata): for an h5ad, loom or 10x file, which holds no text,
   * the Decimal separator chosen, which reads the metadata file's numbers only; {} otherwise (a text table's
   * own reads both files). Default: {} (detected).
   */
  metadataSettings(): ImportSettings;
  /**
   * Back to the choices a newly picked file is read with, every text-table setting shown and no matrix or
   * column choices of the last file (the column roles and the matrices follow the next summary).
   */
  reset(): void;
  /**
   * The column-role controls for a newly read file; the same roles as shown (the file's summary again, with a
   * metadata file joined) leave them as the user set them.
   */
  showColumns(roles: ColumnRoles): void;
}

/** The Decimal separator's hint for a text table. */
const TEXT_DECIMAL_HINT =
  'How numbers write decimals: 1.25, or 1,25 as Swedish or German spreadsheets save a CSV (a number with a ‘.’ is then refused, never taken as a thousands separator; the CLI’s --decimal). A metadata file joined to the data is read with it too. Default: auto — comma only for a semicolon-separated file whose numbers all use decimal commas.';

/** The Decimal separator's hint for an h5ad, loom or 10x file or folder (`noun`): what it still reads. */
export const metadataDecimalHint = (noun: 'file' | 'folder'): string =>
  `This ${noun} holds no text: the decimal separator reads the numbers of a metadata file joined to it (the Metadata file field) — 0,73 in a tab-separated file is read as a number only with comma. Default: auto — comma only for a semicolon-separated file whose numbers all use decimal commas.`;

/** The Decimal separator field as the file read makes it: the file's own, or its metadata file's. */
interface DecimalChoice {
  select: HTMLSelectElement;
  /** The select with its label and hint. */
  field: HTMLElement;
  /**
   * Shows the field for a text table (`text`) or, with the metadata hint, for another format — a file, or a
   * Cell Ranger folder (`noun` 'folder'; default 'file').
   */
  showFor(text: boolean, noun?: 'file' | 'folder'): void;
  /** The value the file itself is opened with: 'auto' for a file that is not a text table. */
  fileDecimal(): string;
  /** What goes with a metadata file: the choice for a file that is not a text table, else {}. */
  metadataSettings(): ImportSettings;
}

/**
 * An h5ad, loom or 10x file holds no text: its Decimal separator stays shown, for its metadata file's numbers (a
 * tab-separated file's 0,73 is never detected), and is not sent when the file is opened (it would be refused).
 */
function createDecimalChoice(): DecimalChoice {
  const decimal = select({ name: 'decimal', 'data-testid': 'import-decimal' }, [
    { value: 'auto', label: 'auto' },
    { value: '.', label: 'dot (1.25)' },
    { value: ',', label: 'comma (1,25)' },
  ]);
  const decimalField = field('Decimal separator', decimal, TEXT_DECIMAL_HINT);
  const hint = decimalField.querySelector('small');
  let textTable = true;
  return {
    select: decimal,
    field: decimalField,
    showFor(text, noun = 'file') {
      textTable = text;
      decimalField.hidden = false;
      if (hint) hint.textContent = text ? TEXT_DECIMAL_HINT : metadataDecimalHint(noun);
    },
    fileDecimal: () => (textTable ? decimal.value : DEFAULT_IMPORT_FORM.decimal),
    metadataSettings: () =>
      textTable || decimal.value === DEFAULT_IMPORT_FORM.decimal
        ? {}
        : { decimal: decimal.value as ImportSettings['decimal'] },
  };
}

/** The column-role words of a table read as it is (until a file's roles say otherwise). */
const PLAIN = columnRoleWords(false);

/** The id and first-gene fields in `words` (a turned table's roles differ: columnRoleWords). */
function nameRoles(idField: HTMLElement, genesField: HTMLElement, words: ColumnRoleWords): void {
  for (const [fieldEl, w] of [
    [idField, words.id],
    [genesField, words.genesFrom],
  ] as const) {
    const label = fieldEl.querySelector('label');
    const hint = fieldEl.querySelector('small');
    if (label) label.textContent = w.label;
    if (hint) hint.textContent = w.hint;
  }
}

export function createImportSettingsForm(onSubmit: () => void): ImportSettingsForm {
  const element = h('form', { class: 'settings', 'data-testid': 'import-settings' });
  const delimiter = select({ name: 'delimiter', 'data-testid': 'import-delimiter' }, [
    { value: 'auto', label: 'auto' },
    { value: ',', label: 'comma' },
    { value: '\t', label: 'tab' },
    { value: ';', label: 'semicolon' },
  ]);
  const decimalChoice = createDecimalChoice();
  const decimal = decimalChoice.select;
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
  const matrix = h('select', { name: 'matrix', 'data-testid': 'import-matrix' });
  const matrixField = field(
    'Matrix',
    matrix,
    'Which matrix of the file to map: X, a layer such as layers/counts, raw/X, or an embedding such as obsm/X_pca (its columns instead of genes; the CLI’s --input obsm:X_pca). Default: the one read now.',
  );
  matrixField.hidden = true;
  const reopenButton = h(
    'button',
    { type: 'submit', 'data-testid': 'import-reopen', disabled: true },
    'Re-open with these settings',
  );
  // the settings of text tables only (hidden for an h5ad, loom, Cell Ranger or MatrixMarket file)
  const textFields = [
    field('Delimiter', delimiter, 'How fields are separated. Default: auto.'),
    decimalChoice.field,
    field(PLAIN.id.label, idColumn, PLAIN.id.hint),
    field(PLAIN.genesFrom.label, genesFrom, PLAIN.genesFrom.hint),
    field(
      'Missing values',
      missing,
      'What an empty, NA or NaN expression value does. Default: stop and show where it is.',
    ),
  ];
  const orientationField = field('Orientation', orientation, 'Which axis holds cells. Default: auto-detect.');
  const [delimiterField, decimalField, idField, genesField, missingField] = textFields;
  element.append(
    matrixField,
    delimiterField,
    decimalField,
    orientationField,
    idField,
    genesField,
    metaColumns,
    missingField,
    reopenButton,
  );
  /** The roles the column controls were last drawn for ('' when drawn for none). */
  let shownRoles = '';
  /**
   * The Genes start at that the last Re-open sent ('' for detected): the summary it brings names no first gene
   * column, so drawing the controls from it showed "detected" over boxes read with the chosen column.
   */
  let reopenedGenesFrom = '';
  /** A control's value, or `fallback` (what detection does) while its field is hidden. */
  const shown = (fieldEl: HTMLElement, value: string, fallback: string): string =>
    fieldEl.hidden ? fallback : value;
  const showKept = (): void =>
    showMetadataBoxes(
      metaColumns,
      shown(genesField, genesFrom.value, ''),
      shown(idField, idColumn.value, ''),
    );
  for (const control of [genesFrom, idColumn]) control.addEventListener('change', showKept);
  element.addEventListener('submit', (e) => {
    e.preventDefault();
    reopenedGenesFrom = shown(genesField, genesFrom.value, DEFAULT_IMPORT_FORM.genesFrom);
    onSubmit();
  });

  return {
    element,
    reopenButton,
    values: () => ({
      delimiter: shown(delimiterField, delimiter.value, DEFAULT_IMPORT_FORM.delimiter),
      decimal: decimalChoice.fileDecimal(),
      orientation: shown(orientationField, orientation.value, DEFAULT_IMPORT_FORM.orientation),
      missing: shown(missingField, missing.value, DEFAULT_IMPORT_FORM.missing),
      matrix: shown(matrixField, matrix.value, ''),
      idColumn: shown(idField, idColumn.value, ''),
      genesFrom: shown(genesField, genesFrom.value, DEFAULT_IMPORT_FORM.genesFrom),
      // the box of the column chosen as the Id column is hidden: the ids are no metadata
      metadataColumns: Array.from(metaColumns.querySelectorAll<HTMLInputElement>('input:checked'))
        .filter((i) => i.value !== shown(idField, idColumn.value, ''))
        .map((i) => i.value),
    }),
    metadataSettings: () => decimalChoice.metadataSettings(),
    reset() {
      // a newly picked file may be another format: no matrix of the last one, every text setting offered
      // (a CSV that fails to open may need Missing values)
      matrixField.hidden = true;
      for (const f of [...textFields, orientationField]) f.hidden = false;
      decimalChoice.showFor(true);
      delimiter.value = DEFAULT_IMPORT_FORM.delimiter;
      decimal.value = DEFAULT_IMPORT_FORM.decimal;
      orientation.value = DEFAULT_IMPORT_FORM.orientation;
      missing.value = DEFAULT_IMPORT_FORM.missing;
      // the last file's columns mean nothing for this one: re-opening it after a failure would send the old
      // id column (obs_names for a CSV) and metadata, and fail on them; detection decides until it opens
      replaceChildren(idColumn);
      replaceChildren(genesFrom, h('option', { value: DEFAULT_IMPORT_FORM.genesFrom }, 'detected'));
      replaceChildren(metaColumns);
      nameRoles(idField, genesField, PLAIN);
      shownRoles = '';
      reopenedGenesFrom = '';
    },
    showColumns(roles) {
      reopenButton.disabled = false;
      const chosen = reopenedGenesFrom;
      reopenedGenesFrom = '';
      // a metadata file joined gives a new summary of the same file, its roles unchanged: the controls keep
      // what the user set and has not re-opened with yet, which drawing them again put back as read
      const key = JSON.stringify(roles);
      if (key === shownRoles) return;
      shownRoles = key;
      drawColumnChoices({ idColumn, genesFrom, metaColumns }, roles, chosen);
      replaceChildren(matrix, roles.matrices.map(selectedOption));
      matrixField.hidden = roles.matrices.length === 0;
      for (const f of textFields) f.hidden = !roles.textTable;
      decimalChoice.showFor(roles.textTable, roles.noun);
      orientationField.hidden = !roles.orientation;
      nameRoles(idField, genesField, roles.words);
      showKept();
    },
  };
}

/**
 * The Id column and Genes start at choices and the Metadata columns boxes for `roles`, Genes start at showing
 * `chosen` when it offers that column (what the last Re-open was read with), else "detected".
 */
function drawColumnChoices(
  controls: { idColumn: HTMLSelectElement; genesFrom: HTMLSelectElement; metaColumns: HTMLElement },
  roles: ColumnRoles,
  chosen: string,
): void {
  const { idColumn, genesFrom, metaColumns } = controls;
  replaceChildren(
    idColumn,
    roles.idColumns.map((c) => selectedOption({ ...c, label: c.value })),
  );
  replaceChildren(
    genesFrom,
    roles.genesFrom.map((c) => h('option', { value: c.value }, c.label)),
  );
  if (roles.genesFrom.some((c) => c.value === chosen)) genesFrom.value = chosen;
  replaceChildren(
    metaColumns,
    h('legend', {}, roles.words.metadata),
    roles.metadata.map((c) =>
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', value: c.value, checked: c.checked }),
        ` ${c.value}`,
      ),
    ),
  );
}

/**
 * The Metadata columns boxes (`metaColumns`) as Genes start at (`genesFrom`, '' for detected) and the Id column
 * (`id`, '' when not shown) stand. The columns before the first gene column are kept as metadata whatever their
 * box says: ticked and fixed while it points after them, each back to the user's own tick (`data-chosen`) once
 * it no longer does. The Id column's box is hidden: the ids are no metadata (the file's id column as read has a
 * box for when another column is chosen).
 */
function showMetadataBoxes(metaColumns: HTMLElement, genesFrom: string, id: string): void {
  const boxes = Array.from(metaColumns.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
  const kept = keptBeforeGenes(
    boxes.map((b) => b.value),
    genesFrom,
    id,
  );
  for (const box of boxes) {
    const label = box.parentElement;
    if (label) label.hidden = box.value === id;
    const fixed = kept.has(box.value);
    if (fixed && !box.disabled) box.dataset.chosen = String(box.checked);
    else if (!fixed && box.disabled) box.checked = box.dataset.chosen === 'true';
    box.disabled = fixed;
    if (fixed) box.checked = true;
    box.title = fixed ? KEPT_BEFORE_GENES_TITLE(genesFrom) : '';
  }
}

/** An option showing its label, selected when `c.selected` (the id column and matrix lists). */
function selectedOption(c: { value: string; label: string; selected: boolean }): HTMLOptionElement {
  const o = h('option', { value: c.value }, c.label);
  if (c.selected) o.selected = true;
  return o;
}
