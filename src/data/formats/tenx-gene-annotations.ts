/**
 * The per-gene annotations of a Cell Ranger .h5 file, as scanpy's `read_10x_h5` puts them in `var`:
 * - v3+: `gene_ids` (features/id; for a probe-barcode matrix features/gene_id, with the probe ids as
 *   `probe_ids`), `feature_types`, then every other 1-D dataset of `matrix/features` (`genome`, …) by name;
 * - v2: `gene_ids` (the genome group's `genes`).
 * Text as strings (numbers too, as scanpy converts them), booleans as booleans. Only the features kept
 * (`keep`) are listed, so each column lines up with the table's genes.
 */
import type { ImportWarning } from '../../api/import-warning.js';
import type { MetadataColumn } from '../types.js';
import type { Hdf5File } from './h5-file.js';
import { readTextValues } from './h5ad-frame.js';

/** Datasets of `matrix/features` that are not annotation columns (or are read under another name). */
const NOT_ANNOTATIONS = new Set(['name', 'feature_type', 'id', 'gene_id', '_all_tag_keys']);

/** One annotation column, or undefined (with a warning) when the dataset does not hold one value per feature. */
function annotation(
  h5: Hdf5File,
  path: string,
  name: string,
  features: number,
  warnings: ImportWarning[],
): MetadataColumn | undefined {
  const shape = h5.shape(path);
  const kind = h5.valueKind(path);
  if (shape.length !== 1 || shape[0] !== features || kind === 'other') {
    warnings.push({
      code: 'var-column-skipped',
      message: `${path} does not hold one value per feature (shape ${shape.join(' × ') || 'scalar'}, ${features} features), so it is not kept as the gene annotation "${name}".`,
    });
    return undefined;
  }
  const values = readTextValues(h5, path);
  return { name, values, stored: { kind: kind === 'bool' ? 'boolean' : 'string' } };
}

/**
 * The gene annotation columns of the Cell Ranger matrix group `group` (v3 when `v3`), restricted to the
 * features `keep` marks (all when undefined).
 */
export function tenxGeneAnnotations(
  h5: Hdf5File,
  group: string,
  v3: boolean,
  features: number,
  keep: boolean[] | undefined,
  warnings: ImportWarning[],
): MetadataColumn[] {
  const wanted: [string, string][] = [];
  if (!v3) wanted.push([`${group}/genes`, 'gene_ids']);
  else {
    const dir = `${group}/features`;
    const probes = h5.isDataset(`${dir}/gene_id`);
    wanted.push([`${dir}/${probes ? 'gene_id' : 'id'}`, 'gene_ids']);
    if (probes) wanted.push([`${dir}/id`, 'probe_ids']);
    wanted.push([`${dir}/feature_type`, 'feature_types']);
    const others = h5.keys(dir).filter((k) => !NOT_ANNOTATIONS.has(k) && h5.isDataset(`${dir}/${k}`));
    for (const name of others.sort()) wanted.push([`${dir}/${name}`, name]);
  }
  const columns: MetadataColumn[] = [];
  for (const [path, name] of wanted) {
    if (!h5.isDataset(path)) continue;
    const column = annotation(h5, path, name, features, warnings);
    if (!column) continue;
    if (keep) column.values = column.values.filter((_, i) => keep[i]);
    columns.push(column);
  }
  return columns;
}
