/**
 * "Labels": the label column picker, what import-model.ts's labelInfo says about the chosen column (class
 * counts, classes too small for a triplet, or where labels come from), and the optional metadata file.
 */
import type { DatasetSummary } from '../../../src/api/engine-api.js';
import { field, h, replaceChildren } from '../../dom.js';
import { labelChoices } from '../../label-choices.js';
import { joinedMetadataText, labelFieldText, type LabelInfo } from './import-model.js';

export interface LabelPanel {
  element: HTMLElement;
  /** The picker's options for a newly read file. */
  showChoices(d: DatasetSummary): void;
  /** Names the metadata file joined to the open data by the Metadata file field (none: nothing shown). */
  showJoined(d: DatasetSummary | null): void;
  /** Selects `column` ('' for none) when the picker shows another. */
  showColumn(column: string): void;
  showInfo(info: LabelInfo): void;
}

export function createLabelPanel(handlers: {
  onColumn(column: string | null): void;
  onMetadataFile(file: File): void;
}): LabelPanel {
  const labelSelect = h('select', { 'data-testid': 'label-column' });
  const labelInfo = h('div', { class: 'label-info', 'data-testid': 'label-summary', 'aria-live': 'polite' });
  const metadataInput = h('input', {
    type: 'file',
    accept: '.csv,.tsv,.txt,.tab,.gz',
    'data-testid': 'metadata-file',
  });
  const metadataField = field('Metadata file (optional)', metadataInput, labelFieldText(null).metadataHint);
  // the browser clears the input once its file is read: the joined file is named beside it
  const joined = h('p', {
    class: 'hint',
    'data-testid': 'metadata-joined',
    'aria-live': 'polite',
    hidden: true,
  });
  joined.id = `${metadataInput.id}-joined`;
  metadataField.insertBefore(joined, metadataInput.nextSibling);
  metadataInput.setAttribute('aria-describedby', `${joined.id} ${metadataInput.id}-hint`);
  const element = h(
    'section',
    { class: 'panel', hidden: true, 'aria-labelledby': 'import-label-h' },
    h('h2', { id: 'import-label-h' }, 'Labels'),
    field(labelFieldText(null).title, labelSelect, labelFieldText(null).hint),
    labelInfo,
    metadataField,
  );
  labelSelect.addEventListener('change', () => handlers.onColumn(labelSelect.value || null));
  metadataInput.addEventListener('change', () => {
    const file = metadataInput.files?.[0];
    metadataInput.value = '';
    if (file) handlers.onMetadataFile(file);
  });

  return {
    element,
    showChoices(d) {
      // the words of the file's rows (import-model.ts labelFieldText): a text table's are 'rows'
      const text = labelFieldText(d);
      setFieldText(element, labelSelect, text.title, text.hint);
      setFieldText(element, metadataInput, null, text.metadataHint);
      replaceChildren(
        labelSelect,
        h('option', { value: '' }, '— choose —'),
        labelChoices(d).options.map((o) => h('option', { value: o.value, disabled: o.disabled }, o.text)),
      );
    },
    showJoined(d) {
      const text = joinedMetadataText(d);
      joined.textContent = text;
      joined.hidden = text === '';
    },
    showColumn(column) {
      if (labelSelect.value !== column) labelSelect.value = column;
    },
    showInfo(info) {
      replaceChildren(labelInfo, infoElements(info));
    },
  };
}

/** Rewrites the label (unless `title` is null) and the hint `field` gave `control`. */
function setFieldText(root: HTMLElement, control: HTMLElement, title: string | null, hint: string): void {
  const label = root.querySelector(`label[for="${control.id}"]`);
  if (label && title !== null) label.textContent = title;
  const hintEl = root.querySelector(`[id="${control.id}-hint"]`);
  if (hintEl) hintEl.textContent = hint;
}

function infoElements(info: LabelInfo): HTMLElement[] {
  if (info.kind === 'hint') {
    return [
      info.warning
        ? h('p', { class: 'warning', 'data-testid': 'label-hint' }, info.text)
        : h('p', { class: 'hint' }, info.text),
    ];
  }
  if (info.kind === 'counting') return [h('p', { class: 'hint' }, info.text)];
  if (info.kind === 'needs-input')
    return [h('p', { class: 'hint', 'data-testid': 'label-needs-input' }, info.text)];
  const out: HTMLElement[] = [
    h('p', {}, info.headline, h('span', { 'data-testid': 'unlabeled-count' }, info.unlabeled)),
  ];
  if (info.tooSmall) {
    out.push(h('p', { class: 'warning', role: 'alert', 'data-testid': 'label-too-small' }, info.tooSmall));
  }
  out.push(
    h(
      'div',
      { class: 'counts-scroll' },
      h(
        'table',
        { class: 'counts', 'data-testid': 'class-counts' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'class'), h('th', { scope: 'col' }, info.countHeader)),
        ),
        h(
          'tbody',
          {},
          info.rows.map((r) =>
            h(
              'tr',
              { class: r.tooSmall ? 'too-small' : null },
              h('td', {}, r.name),
              h('td', { class: 'num' }, r.count),
            ),
          ),
        ),
      ),
    ),
  );
  if (info.more) out.push(h('p', { class: 'hint counts-more' }, info.more));
  return out;
}
