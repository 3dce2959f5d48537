/**
 * A metadata file (`--meta-file`, the UI's "Add metadata") must be delimited text. When it is one of the
 * expression formats instead — an h5ad, a loom, a Cell Ranger .h5 or matrix, a folder — this says which
 * format was detected and what to do, before the (possibly large) expression file is read.
 */
import { DataImportError } from '../errors.js';
import type { DataSource } from '../options.js';
import { assertRegularFile, sourceName } from '../source-text.js';
import { detectReader, headBytes } from './detect.js';
import { sniffBytes } from '../sniff.js';
import { Hdf5File } from './h5-file.js';
import { detectHdf5Layout } from './hdf5.js';

/** Bytes the text reader sniffs too (source-text.ts): its first chunk's first 8 kB. */
const SNIFF_BYTES = 8192;

const NEEDED =
  'a metadata file must be delimited text (CSV/TSV, optionally gzip) whose header names an id column and the metadata columns';

const COUNTS_ADVICE =
  'it holds expression values, not per-cell labels: open it as the expression file, and give as the metadata file a CSV of cell ids (barcodes) and their labels.';

/** What the detected format is and what to do with it. */
async function describeHdf5(source: DataSource): Promise<string> {
  let layout: ReturnType<typeof detectHdf5Layout>;
  try {
    const h5 = await Hdf5File.open(source);
    try {
      layout = detectHdf5Layout(h5);
    } finally {
      await h5.close();
    }
  } catch {
    layout = undefined;
  }
  switch (layout) {
    case 'h5ad':
      return "this is an AnnData .h5ad file. Open the .h5ad itself as the expression file (its obs columns become the metadata), or export them with adata.obs.to_csv('meta.csv').";
    case 'loom':
      return 'this is a loom file. Open the loom file itself as the expression file (its col_attrs become the metadata), or export those attributes to CSV.';
    case '10x-h5':
      return `this is a Cell Ranger .h5 matrix; ${COUNTS_ADVICE}`;
    default:
      return 'this is an HDF5 file, not a text table. Export the per-cell table to CSV.';
  }
}

/** Throws a 'metadata-file' error naming the detected format when `source` is not a text table. */
export async function checkMetadataSource(source: DataSource): Promise<void> {
  // A FIFO or a device is refused before detection opens it (that would block or never end).
  if (typeof source === 'string') await assertRegularFile(source);
  const reader = await detectReader(source);
  if (reader === 'text') {
    // binary bytes, which the text reader refuses listing the data formats (.h5ad, a Cell Ranger folder…) —
    // none of them a metadata file — are refused here in the metadata file's terms
    if (sniffBytes(await headBytes(source, SNIFF_BYTES)) !== 'binary') return;
    throw new DataImportError(
      'metadata-file',
      sourceName(source),
      `${NEEDED}; it holds binary bytes, not text.`,
    );
  }
  const detected =
    reader === 'hdf5'
      ? await describeHdf5(source)
      : reader === 'mtx'
        ? `this is a MatrixMarket matrix (.mtx); ${COUNTS_ADVICE}`
        : 'this is a folder, not a file (a Cell Ranger matrix folder is opened as the expression file).';
  throw new DataImportError('metadata-file', sourceName(source), `${NEEDED}; ${detected}`);
}
