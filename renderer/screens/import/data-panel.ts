/**
 * "What was read": the file's summary (import-model.ts's lines), the import notes no banner shows, and the
 * preview table of the first rows and columns as read.
 */
import type { DatasetSummary } from '../../../src/api/engine-api.js';
import { h, replaceChildren } from '../../dom.js';
import type { InlineImportNotes } from '../../import-notes.js';
import { previewText, summaryLines } from './import-model.js';

export interface DataPanel {
  element: HTMLElement;
  showDataset(d: DatasetSummary): void;
  /** The import's notes that no banner shows (import-notes.ts): warnings, and information apart. */
  showNotes(notes: InlineImportNotes): void;
}

export function createDataPanel(): DataPanel {
  const summary = h('div', { class: 'summary', 'data-testid': 'import-summary' });
  // the import's notes no banner shows (import-notes.ts): kept apart from the summary, updated as banners go
  const warningsList = h('ul', { class: 'warnings', 'data-testid': 'import-warnings', hidden: true });
  // information (a metadata file that matched every cell) is not drawn as a warning
  const infoList = h('ul', { class: 'import-info', 'data-testid': 'import-info', hidden: true });
  const previewTable = h('table', { class: 'preview', 'data-testid': 'import-preview' });
  const element = h(
    'section',
    { class: 'panel wide', hidden: true, 'aria-labelledby': 'import-data-h' },
    h('h2', { id: 'import-data-h' }, 'What was read'),
    summary,
    h('div', { class: 'table-scroll' }, previewTable),
  );

  function showDataset(d: DatasetSummary): void {
    replaceChildren(
      summary,
      h(
        'dl',
        {},
        summaryLines(d).flatMap((line) => [
          h('dt', {}, line.term),
          h('dd', { 'data-testid': line.testid, title: line.title }, line.text),
        ]),
      ),
      warningsList,
      infoList,
    );
    const p = d.preview;
    const { caption, more } = previewText(p);
    replaceChildren(
      previewTable,
      h('caption', {}, caption),
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
  }

  function showNotes(notes: InlineImportNotes): void {
    for (const [list, items] of [
      [warningsList, notes.warnings],
      [infoList, notes.info],
    ] as const) {
      list.hidden = items.length === 0;
      replaceChildren(
        list,
        items.map((note) => h('li', {}, note)),
      );
    }
  }

  return { element, showDataset, showNotes };
}
