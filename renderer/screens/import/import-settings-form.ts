/**
 * The "Import settings" form: the matrix of an h5ad/loom file (X, a layer, raw/X), delimiter, orientation,
 * the column roles (id column, where genes start, which columns are metadata) and the missing-value policy,
 * with "Re-open with these settings". Its choices come from import-model.ts; it reads back as
 * ImportFormValues.
 */
import { field, h, replaceChildren, select } from '../../dom.js';
import { DEFAULT_IMPORT_FORM, type ColumnRoles, type ImportFormValues } from './import-model.js';

export interface ImportSettingsForm {
  element: HTMLFormElement;
  /** "Re-open with these settings": enabled once a file was tried. */
  reopenButton: HTMLButtonElement;
  values(): ImportFormValues;
  /** Back to the choices a newly picked file is read with (the column roles follow the next summary). */
  reset(): void;
  /** The column-role controls for a newly read file. */
  showColumns(roles: ColumnRoles): void;
}

export function createImportSettingsForm(onSubmit: () => void): ImportSettingsForm {
  const element = h('form', { class: 'settings', 'data-testid': 'import-settings' });
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
  const matrix = h('select', { name: 'layer', 'data-testid': 'import-matrix' });
  const matrixField = field(
    'Matrix',
    matrix,
    'Which matrix of the file to read: X, a layer such as layers/counts, or raw/X. Default: the one read now.',
  );
  matrixField.hidden = true;
  const reopenButton = h(
    'button',
    { type: 'submit', 'data-testid': 'import-reopen', disabled: true },
    'Re-open with these settings',
  );
  element.append(
    matrixField,
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
  element.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit();
  });

  return {
    element,
    reopenButton,
    values: () => ({
      delimiter: delimiter.value,
      orientation: orientation.value,
      missing: missing.value,
      layer: matrixField.hidden ? '' : matrix.value,
      idColumn: idColumn.value,
      genesFrom: genesFrom.value,
      metadataColumns: Array.from(metaColumns.querySelectorAll<HTMLInputElement>('input:checked')).map(
        (i) => i.value,
      ),
    }),
    reset() {
      delimiter.value = DEFAULT_IMPORT_FORM.delimiter;
      orientation.value = DEFAULT_IMPORT_FORM.orientation;
      missing.value = DEFAULT_IMPORT_FORM.missing;
      genesFrom.value = DEFAULT_IMPORT_FORM.genesFrom;
    },
    showColumns(roles) {
      replaceChildren(idColumn, roles.idColumns.map(selectedOption));
      replaceChildren(
        genesFrom,
        roles.genesFrom.map((c) => h('option', { value: c.value }, c.label)),
      );
      replaceChildren(
        metaColumns,
        h('legend', {}, 'Metadata (text) columns'),
        roles.metadata.map((c) =>
          h(
            'label',
            { class: 'check' },
            h('input', { type: 'checkbox', value: c.value, checked: c.checked }),
            ` ${c.value}`,
          ),
        ),
      );
      replaceChildren(matrix, roles.matrices.map(selectedOption));
      matrixField.hidden = roles.matrices.length === 0;
      reopenButton.disabled = false;
    },
  };
}

/** An option showing its value, selected when `c.selected` (the id column and matrix lists). */
function selectedOption(c: { value: string; selected: boolean }): HTMLOptionElement {
  const o = h('option', { value: c.value }, c.value);
  if (c.selected) o.selected = true;
  return o;
}
