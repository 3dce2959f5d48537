/**
 * The refusal of a folder given as the data that holds no Cell Ranger matrix (nor a zarr store or a model
 * folder, which mtx-files.ts names first): what to give instead, in each side's words — the data files the
 * folder holds, by name, else the formats TripletLens reads and what a Cell Ranger folder holds. A folder
 * given where a file was meant (`train results/`) was told only that it "is not a Cell Ranger matrix folder".
 */
import { refusalInWords } from '../setting-words.js';
import type { DataImportError } from '../errors.js';

/** Names of the files TripletLens reads as data, by their endings (gzip too). */
const DATA_FILE = /\.(csv|tsv|txt|tab|h5ad|loom|h5|mtx)(\.gz)?$/i;
/** A 10x folder's name files, which are no data alone (refuseTenxNameFile). */
const NAME_FILE = /(^|[._-])(barcodes|features|genes)\.tsv(\.gz)?$/i;
/** Files named in the message at most; the rest counted. */
const SHOWN_FILES = 3;

/** "a.csv", "a.csv and b.h5ad", "a.csv, b.csv, c.csv and 2 more". */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, SHOWN_FILES);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The entries among `entries` named as data files TripletLens reads (a 10x folder's name files are none). */
export function dataFilesIn(entries: readonly string[]): string[] {
  return entries.filter((name) => DATA_FILE.test(name) && !NAME_FILE.test(name));
}

/**
 * A 'not-found' DataImportError for `folder`, whose entries are `entries`; `hint` (the Cell Ranger folder
 * inside it to open) replaces the advice when given.
 */
export function notADataFolder(folder: string, entries: readonly string[], hint?: string): DataImportError {
  const found = 'this folder holds no matrix.mtx.gz or matrix.mtx, so it is not a Cell Ranger matrix folder.';
  const files = dataFilesIn(entries).sort();
  const formats = '(CSV/TSV, .h5ad, .loom, Cell Ranger .h5, MatrixMarket .mtx)';
  const tenx = 'a folder holding matrix.mtx.gz, features.tsv.gz and barcodes.tsv.gz';
  return refusalInWords('not-found', folder, (side) => {
    if (hint !== undefined) return `${found} ${hint}`;
    const them = files.length === 1 ? 'it' : 'one of them';
    if (files.length > 0) {
      return side === 'cli'
        ? `${found} It holds ${listed(files)}: give ${them} as the input file.`
        : `${found} It holds ${listed(files)}: open ${them}.`;
    }
    return `${found} ${side === 'cli' ? 'Give' : 'Open'} a data file ${formats}, or ${tenx}.`;
  });
}
