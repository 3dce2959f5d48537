/** Making names unique the way R and pandas readers do, deterministically: GENE, GENE.1, GENE.2 … */
import type { ImportWarning } from '../api/import-warning.js';
import { shownValue } from './errors.js';
import { countText } from '../api/count-text.js';

export interface UniqueNames {
  names: string[];
  /** [original, new name] for every renamed entry, in order. */
  renamed: [string, string][];
}

/** Later duplicates get `.1`, `.2`, … (skipping suffixes already used by another name). */
export function makeUnique(names: readonly string[]): UniqueNames {
  const taken = new Set(names);
  const seen = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const renamed: [string, string][] = [];
  const result = names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = nextSuffix.get(name) ?? 1;
    while (taken.has(`${name}.${k}`)) k++;
    const fresh = `${name}.${k}`;
    nextSuffix.set(name, k + 1);
    taken.add(fresh);
    seen.add(fresh);
    renamed.push([name, fresh]);
    return fresh;
  });
  return { names: result, renamed };
}

/** A one-line summary of renames for a warning. */
export function describeRenames(renamed: [string, string][], what: string): string {
  const shown = renamed.slice(0, 5).map(([from, to]) => `${shownValue(from)} → ${shownValue(to)}`);
  const more = renamed.length > 5 ? `, … (${countText(renamed.length)} in all)` : '';
  return `Duplicate ${what} renamed: ${shown.join(', ')}${more}.`;
}

/** Where the first repeated name is: its index and the index of the earlier name it repeats. */
export interface FirstRepeat {
  earlier: number;
  repeat: number;
}

/** The first name that repeats an earlier one, or undefined when all are unique. */
export function firstRepeat(names: readonly string[]): FirstRepeat | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const earlier = seen.get(names[i]);
    if (earlier !== undefined) return { earlier, repeat: i };
    seen.set(names[i], i);
  }
  return undefined;
}

/**
 * Gene names made unique (GENE, GENE.1 …), with a warning that lists the renames and says where the first
 * repeat is (`where`: a header column, a line of a genes file, an HDF5 dataset's entry), as cell ids' does.
 */
export function uniqueGeneNames(
  names: readonly string[],
  where: (at: FirstRepeat) => string,
): { names: string[]; warning?: ImportWarning } {
  const unique = makeUnique(names);
  if (unique.renamed.length === 0) return { names: unique.names };
  const at = firstRepeat(names);
  const place = at ? ` The first repeat: ${where(at)}.` : '';
  const message = `${describeRenames(unique.renamed, 'gene names')}${place}`;
  return { names: unique.names, warning: { code: 'duplicate-gene-names', message } };
}

/**
 * Cell ids made unique, the same for every format, as scanpy (obs_names_make_unique) and Seurat do rather
 * than refusing the file: merged samples often share barcodes. A repeat becomes ID.1, ID.2 … (R's
 * make.unique, which Seurat uses), and the warning says which ids were renamed and where the first repeat
 * is in the file.
 * @param what how the ids are called in the file ("cell ids", "cell ids (obs_names)", "barcodes")
 * @param where the place of the first repeat in the file ("line 7 repeats line 5"), given its indices
 * @param one what one of the renamed is in the user's terms, said as kept: default 'cell'; a text table's
 *   'row' (it may be a bulk panel of samples, `rowWords`) or, turned round, 'column'
 */
export function uniqueCellIds(
  ids: readonly string[],
  what: string,
  where: (at: FirstRepeat) => string,
  one = 'cell',
): { ids: string[]; warning?: ImportWarning } {
  const unique = makeUnique(ids);
  if (unique.renamed.length === 0) return { ids: unique.names };
  const at = firstRepeat(ids);
  const place = at ? ` The first repeat: ${where(at)}.` : '';
  const message = `${describeRenames(unique.renamed, what)}${place} Every ${one} is kept; the outputs use the new ids.`;
  return { ids: unique.names, warning: { code: 'duplicate-ids', message } };
}
