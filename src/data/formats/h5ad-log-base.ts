/**
 * The log base scanpy's `sc.pp.log1p(adata, base=…)` records in `uns['log1p']['base']`: rank_genes_groups
 * reads it back to undo the log for its fold change (`expm1(x · ln base)`), so the marker genes' fold change
 * must too (markers/marker-genes.ts). `sc.pp.log1p` without a base stores None (an empty dataspace,
 * encoding-type 'null'): natural log, as when there is no `uns['log1p']` at all.
 */
import type { ImportWarning } from '../../api/import-warning.js';
import type { Hdf5File } from './h5-file.js';

/** Where scanpy keeps the base. */
export const LOG1P_BASE_PATH = '/uns/log1p/base';

/**
 * The file's log1p base, or undefined for natural log (no entry, or None). A base that is not one number
 * above 0 other than 1 — no log has it, scanpy's log1p would have failed — or that cannot be read is left
 * out with a warning naming the HDF5 object: the fold changes are then natural-log ones.
 */
export function log1pBase(h5: Hdf5File, warnings: ImportWarning[]): number | undefined {
  if (!h5.isDataset(LOG1P_BASE_PATH)) return undefined;
  const ignored = (why: string): undefined => {
    warnings.push({
      code: 'log1p-base-ignored',
      message: `uns/log1p/base was not used (${why}): marker fold changes take the values as natural-log log1p ones.`,
    });
    return undefined;
  };
  try {
    if (h5.stringAttr(LOG1P_BASE_PATH, 'encoding-type') === 'null') return undefined;
    if (h5.metadata(LOG1P_BASE_PATH).shape === null) return undefined;
    const kind = h5.valueKind(LOG1P_BASE_PATH);
    if (kind !== 'int' && kind !== 'float') return ignored('it is not a number');
    const values = h5.readNumbers(LOG1P_BASE_PATH);
    const base = values[0];
    if (values.length !== 1 || !(Number.isFinite(base) && base > 0 && base !== 1)) {
      return ignored(values.length !== 1 ? `it holds ${values.length} values` : `it is ${base}`);
    }
    return base;
  } catch (err) {
    return ignored(err instanceof Error ? err.message : String(err));
  }
}
