/**
 * The save dialog's file-type filter for an export, from its file name: the page's downloads (coordinates
 * CSV, AnnData .h5ad, report JSON, model .tar, images, HTML) each get their own type first, then "All files".
 */

/** One entry of Electron's FileFilter list. */
export interface SaveFilter {
  name: string;
  extensions: string[];
}

const FILTERS: Record<string, SaveFilter> = {
  h5ad: { name: 'AnnData (scanpy, cellxgene)', extensions: ['h5ad'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  tar: { name: 'Model archive', extensions: ['tar'] },
  png: { name: 'PNG image', extensions: ['png'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  html: { name: 'Web page', extensions: ['html'] },
  tripletlens: { name: 'TripletLens session', extensions: ['tripletlens'] },
};

const ALL_FILES: SaveFilter = { name: 'All files', extensions: ['*'] };

/** Filters for saving `fileName`: its own type (when known) followed by "All files". */
export function saveDialogFilters(fileName: string): SaveFilter[] {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const own = extension === undefined ? undefined : FILTERS[extension];
  return own ? [own, ALL_FILES] : [ALL_FILES];
}
