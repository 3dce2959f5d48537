/** Making names unique the way R and pandas readers do, deterministically: GENE, GENE.1, GENE.2 … */

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
  const shown = renamed.slice(0, 5).map(([from, to]) => `${from} → ${to}`);
  const more = renamed.length > 5 ? `, … (${renamed.length} in all)` : '';
  return `Duplicate ${what} renamed: ${shown.join(', ')}${more}.`;
}
