/**
 * The h5wasm module for Node (real file paths), loaded once and only when an HDF5 file is read or written:
 * the readers' loader (`data/formats/h5wasm-load.ts`), so what HDF5 prints on a failed write stays off the
 * user's stderr as it does for a damaged file.
 */
export { loadH5wasm } from '../../data/formats/h5wasm-load.js';
