/**
 * "Open from the server's folder" (only under `tripletlens serve`): browses the folder the server was given
 * with --root, one level at a time, and opens a file — or a folder, since a 10x Cell Ranger output folder is
 * one dataset — by its path on the server. Nothing is uploaded; this is the way to open files too large for
 * the browser. Explore ▸ Project another file (for the file projected, and for its metadata file: files only)
 * and Edit labels ▸ "Open the input file again" have one too, each with its own words and data-testids.
 */
import type { FolderListingReply as FolderListing } from '../../src/api/server-files.js';
import type { ServerFiles } from '../transport/server-files.js';
import { h, replaceChildren, setText } from '../dom.js';
import { formatBytes, nameEnds } from '../format.js';

export interface FileBrowser {
  element: HTMLElement;
  /** Lists the root (again); called when the panel is opened. */
  refresh(): void;
}

/** What a browser's buttons say and its data-testids: the Open panel's by default (OPEN_WORDS). */
export interface BrowserWords {
  /** The folded panel's title. */
  summary: string;
  /** A file's and a folder's button. */
  file: string;
  folder: string;
  /** The button acting on the folder shown. */
  here: string;
  /** The panel's data-testid, and the prefix of its parts' ('browse' → browse-list, browse-open…). */
  testid: string;
  prefix: string;
  /**
   * Only files are picked (a metadata table is never a folder): folders are browsed, not offered, and there
   * is no button for the folder shown. Default false: a folder opens as one dataset (a 10x output folder).
   */
  filesOnly?: boolean;
}

/** The Import screen's browser. */
export const OPEN_WORDS: BrowserWords = {
  summary: 'Open from the server’s folder (no upload; for large files and 10x folders)',
  file: 'Open',
  folder: 'Open folder',
  here: 'Open this folder as a dataset',
  testid: 'file-browser',
  prefix: 'browse',
};

/**
 * Explore ▸ Edit labels ▸ "Open the input file again": a reopened session's moved input, found on the server
 * (a file of 2 GB or more, or a 10x folder, cannot be uploaded).
 */
export const REATTACH_WORDS: BrowserWords = {
  summary: 'Find it in the server’s folder (no upload; for large files and 10x folders)',
  file: 'Re-attach',
  folder: 'Re-attach folder',
  here: 'Re-attach this folder',
  testid: 'session-attach-browser',
  prefix: 'session-attach-browse',
};

/** `open(path)` opens a file or folder path relative to the server's root. */
export function createFileBrowser(
  files: ServerFiles,
  open: (path: string) => void,
  words: BrowserWords = OPEN_WORDS,
): FileBrowser {
  const id = (part: string): string => `${words.prefix}-${part}`;
  const where = h('code', { 'data-testid': id('path') }, '/');
  const up = h('button', { type: 'button', class: 'small', 'data-testid': id('up'), disabled: true }, '↑ Up');
  const openHere = h(
    'button',
    {
      type: 'button',
      class: 'small',
      'data-testid': id('open-folder'),
      disabled: true,
      hidden: !!words.filesOnly,
    },
    words.here,
  );
  const list = h('ul', { class: 'file-list', 'data-testid': id('list') });
  const message = h('p', { class: 'hint', 'data-testid': id('message'), 'aria-live': 'polite' });
  const summary = h('summary', {}, words.summary);
  const element = h(
    'details',
    { class: 'file-browser', 'data-testid': words.testid },
    summary,
    h('div', { class: 'browse-bar' }, up, ' ', where, ' ', openHere),
    message,
    list,
  );
  let current: FolderListing | null = null;

  const row = (entry: FolderListing['entries'][number]): HTMLElement => {
    const name =
      entry.kind === 'folder'
        ? // no folder emoji: without an emoji font (Debian's Chromium) it draws as an empty box; the slash says it
          h(
            'button',
            { type: 'button', class: 'link file-name', 'data-testid': id('folder'), title: `${entry.name}/` },
            shortenable(`${entry.name}/`),
          )
        : h('span', { class: 'file-name', title: entry.name }, shortenable(entry.name));
    if (entry.kind === 'folder') name.addEventListener('click', () => show(entry.path));
    const offered = entry.kind === 'file' || !words.filesOnly;
    const openButton = h(
      'button',
      { type: 'button', class: 'small', 'data-testid': id('open'), 'data-path': entry.path },
      entry.kind === 'folder' ? words.folder : words.file,
    );
    openButton.addEventListener('click', () => open(entry.path));
    const detail =
      entry.kind === 'file'
        ? formatBytes(entry.size ?? 0)
        : entry.cellRanger
          ? '10x Cell Ranger matrix'
          : 'folder';
    return h(
      'li',
      { 'data-kind': entry.kind, 'data-name': entry.name },
      name,
      h('span', { class: 'hint' }, ` ${detail} `),
      // a folder opens as one dataset (the engine detects a 10x layout inside); a click on its name browses it
      ...(offered ? [openButton] : []),
    );
  };

  function show(path: string): void {
    setText(message, 'Listing…');
    files.list(path).then(
      (listing) => {
        current = listing;
        setText(where, `/${listing.path}`);
        up.disabled = listing.parent === null;
        openHere.disabled = listing.path === '';
        setText(
          message,
          listing.entries.length === 0
            ? 'This folder is empty (hidden files are not shown).'
            : listing.truncated
              ? `Showing the first ${listing.entries.length} entries.`
              : '',
        );
        replaceChildren(list, listing.entries.map(row));
      },
      (err: unknown) => setText(message, err instanceof Error ? err.message : String(err)),
    );
  }

  up.addEventListener('click', () => {
    if (current?.parent !== null && current?.parent !== undefined) show(current.parent);
  });
  openHere.addEventListener('click', () => {
    if (current && current.path !== '') open(current.path);
  });
  // Escape folds the panel from anywhere in it, as it does the page's other panels (escape-folds.ts)
  element.addEventListener('toggle', () => {
    if ((element as HTMLDetailsElement).open && current === null) show('');
  });

  return { element, refresh: () => show(current?.path ?? '') };
}

/**
 * `name` on one line, cut in the middle when the column is too narrow: its head shortened with an ellipsis by
 * the stylesheet, its end and extension always shown (format.ts: nameEnds); the row's title gives it whole.
 */
function shortenable(name: string): HTMLElement[] {
  const { head, tail } = nameEnds(name);
  return [h('span', { class: 'name-head' }, head), h('span', { class: 'name-tail' }, tail)];
}
