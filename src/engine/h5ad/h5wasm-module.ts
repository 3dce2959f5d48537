/** The h5wasm module for Node (real file paths), loaded once and only when an HDF5 file is written. */
import type * as H5wasm from 'h5wasm/node';

let loading: Promise<typeof H5wasm> | null = null;

/** The initialised h5wasm namespace (its wasm runtime ready). */
export function loadH5wasm(): Promise<typeof H5wasm> {
  loading ??= (async () => {
    const module = await import('h5wasm/node');
    await module.ready;
    return module;
  })();
  return loading;
}
