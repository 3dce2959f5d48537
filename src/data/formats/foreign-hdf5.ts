/**
 * HDF5 files of other single-cell tools that users give by mistake, named with what to open instead: Cell
 * Ranger's molecule_info.h5 (beside filtered_feature_bc_matrix.h5 in outs/) and Seurat's h5Seurat
 * (SeuratDisk). Listed by their top-level names only, a user could not tell what was wrong with them.
 */
import type { Hdf5File } from './h5-file.js';

/** The sentence naming `h5` as another tool's file, or null when it is none of those known. */
export function foreignHdf5Words(h5: Hdf5File): string | null {
  const dataset = (path: string) => h5.isDataset(path);
  // molecule_info.h5: one entry a UMI, indices into its barcodes and features
  if (dataset('/barcode_idx') && dataset('/feature_idx') && (dataset('/count') || dataset('/umi'))) {
    return "this is Cell Ranger's molecule_info.h5 (one entry a UMI), not a count matrix: open filtered_feature_bc_matrix.h5 from the same outs folder, or its filtered_feature_bc_matrix folder.";
  }
  // h5Seurat: assays/<assay>/ with meta.data beside it, the default assay a root attribute
  if (
    h5.isGroup('/assays') &&
    (h5.isGroup('/meta.data') || h5.stringAttr('/', 'active.assay') !== undefined)
  ) {
    const name = h5.name.split(/[\\/]/).pop() ?? h5.name;
    // R's string, not a shell word: the quotes R needs around a name with spaces are the same
    const quoted = JSON.stringify(name);
    return `this is a Seurat h5Seurat file (SeuratDisk), not an AnnData .h5ad: convert it in R with SeuratDisk::Convert(${quoted}, dest = "h5ad") and open the .h5ad it writes.`;
  }
  return null;
}
