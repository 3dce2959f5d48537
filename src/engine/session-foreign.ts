/**
 * What a file given to Open session is when it is no ZIP archive at all: a text table, an HDF5 file, a gzip
 * file — data, which opens elsewhere. The words name that file's kind and the action that opens data, so the
 * refusal points at the right menu or screen instead of "no end-of-archive record".
 */
import { sniffBytes } from '../data/sniff.js';

/** Where data opens, in the page served and in the desktop app alike. */
const OPEN_DATA =
  'data opens on the Import screen (File ▸ Open… in the desktop app); a session is the .tripletlens file Save session wrote';

/**
 * The phrase after "cannot be opened as a TripletLens session: " for a data file's `bytes`, or null when they
 * are no data file TripletLens knows (a cut-short or damaged session keeps the ZIP reader's words).
 */
export function dataFileWords(bytes: Uint8Array): string | null {
  switch (sniffBytes(bytes.subarray(0, 8192))) {
    case 'text':
    case 'utf16':
    case 'utf32le':
    case 'utf32be':
      return `it is a text file, such as a table of data, not a session: ${OPEN_DATA}`;
    case 'hdf5':
      return `it is an HDF5 file (.h5ad, .loom or Cell Ranger .h5), data, not a session: ${OPEN_DATA}`;
    case 'gzip':
      return `it is a gzip-compressed file, such as a table of data, not a session: ${OPEN_DATA}`;
    default:
      return null;
  }
}
