/**
 * Whether a result path asks for AnnData: a file of its own, so that the CLI decides it before it loads the
 * writers (which load TensorFlow).
 */

/** True when `path` asks for an AnnData result (by its extension; anything else is CSV). */
export function isH5adPath(path: string): boolean {
  return /\.h5ad$/i.test(path);
}
