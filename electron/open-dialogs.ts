/**
 * The native Open dialogs' options, as plain data (tested without Electron). The engine detects a file's
 * format by its content (HDF5 signature, MatrixMarket banner, a folder = Cell Ranger output), so the filters
 * only help the user find files; "All files" is always offered.
 */
import { statSync } from 'node:fs';

/**
 * Which dialog: expression data (file), a Cell Ranger output folder, a metadata table, a session, or a file
 * or Cell Ranger folder to project onto the trained map (Explore ▸ Project another file) and the metadata
 * table joined to its cells, or a reopened session's input file or Cell Ranger folder to re-attach.
 */
export type OpenDialogKind =
  | 'data'
  | 'folder'
  | 'metadata'
  | 'session'
  | 'project-file'
  | 'project-folder'
  | 'project-metadata'
  | 'input-file'
  | 'input-folder';

/** The subset of Electron's OpenDialogOptions used here. */
export interface OpenDialogOptions {
  title: string;
  properties: ('openFile' | 'openDirectory')[];
  filters?: { name: string; extensions: string[] }[];
}

/**
 * Extensions of the expression formats the importer reads. Electron filters take bare extensions, so
 * `.mtx.gz`, `.csv.gz` and `.tsv.gz` are all covered by `gz`.
 */
export const DATA_EXTENSIONS = ['csv', 'tsv', 'txt', 'tab', 'gz', 'h5ad', 'h5', 'loom', 'mtx'];

const ALL_FILES = { name: 'All files', extensions: ['*'] };

/**
 * The options of one Open dialog. macOS lets a dialog pick files and folders alike, so there Open… also
 * accepts a Cell Ranger folder; Windows and Linux show a folder picker when both are asked for, so the
 * folder has its own menu item (File ▸ Open 10x folder…) on every platform.
 */
export function openDialogOptions(kind: OpenDialogKind, platform: string): OpenDialogOptions {
  switch (kind) {
    case 'data':
    case 'project-file':
    case 'input-file':
      return {
        title:
          kind === 'data'
            ? 'Open expression data'
            : kind === 'input-file'
              ? 'Open the session’s input file again'
              : 'Project a file onto the map',
        properties: platform === 'darwin' ? ['openFile', 'openDirectory'] : ['openFile'],
        filters: [
          {
            name: 'Expression data (CSV/TSV, AnnData .h5ad, 10x .h5, loom, MatrixMarket .mtx; optionally .gz)',
            extensions: DATA_EXTENSIONS,
          },
          ALL_FILES,
        ],
      };
    case 'folder':
    case 'project-folder':
    case 'input-folder':
      return {
        title: `${kind === 'folder' ? 'Open a' : kind === 'input-folder' ? 'Open the session’s input again: its' : 'Project a'} Cell Ranger output folder (matrix.mtx, barcodes.tsv, features.tsv or genes.tsv)`,
        properties: ['openDirectory'],
      };
    case 'session':
      return {
        title: 'Open a TripletLens session',
        properties: ['openFile'],
        filters: [{ name: 'TripletLens session (.tripletlens)', extensions: ['tripletlens'] }, ALL_FILES],
      };
    case 'metadata':
    case 'project-metadata':
      return {
        title: kind === 'metadata' ? 'Open metadata table' : 'Metadata table to join to the projected cells',
        properties: ['openFile'],
        filters: [
          { name: 'Tables (CSV, TSV, optionally .gz)', extensions: ['csv', 'tsv', 'txt', 'tab', 'gz'] },
          ALL_FILES,
        ],
      };
  }
}

/** True when `path` is a folder now (a missing or unreadable path is not). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
