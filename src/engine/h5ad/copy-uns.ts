/**
 * The input's uns (read whole by `data/formats/h5ad-uns.ts`) written into a result's uns as anndata stores it:
 * groups and datasets with their attributes, dtypes and shapes — so `neighbors` (the keys of the obsp graph
 * and its parameters, which `sc.tl.umap` and `sc.tl.leiden` read), `<column>_colors`, `pca`, `log1p`,
 * `rank_genes_groups` read back as they were — but not `log1p` when the result's X is one of the input's
 * layers (counts, most often; `UnsTaken.xFrom`). What the result writes itself wins: an input entry named like
 * the result's own (uns['tripletlens'] of an earlier result) is kept under a new name with a note, as obsm
 * X_tripletlens is; the colours the result writes for a column come from the input's own list for it, so that
 * list is not kept twice; the input's colours of an obs column the result writes anew (an earlier result's
 * `tripletlens_split_colors`, `tripletlens_predicted_colors`), which pair colours with that earlier column's
 * categories by position, are kept only rebuilt for the new categories by the result (`UnsTaken.rewritten`).
 * Text is written as variable-length UTF-8 (anndata reads fixed-length text the same), a record array's text
 * fields too (`write-records.ts`), h5py's booleans as int8 (h5wasm's writer has no HDF5 enum type), anndata's
 * None as an empty array with its 'null' encoding.
 */
import type { Dataset, Group } from 'h5wasm/node';
import type { StoredAttribute, StoredData, UnsEntry } from '../../data/formats/h5ad-uns.js';
import { makeUnique } from '../../data/unique-names.js';
import { writeRecords } from './write-records.js';

/** The uns names a result writes itself. */
export interface UnsTaken {
  /** Names the result writes (the report): an input entry of the same name is kept as `<name>.1`. */
  taken: readonly string[];
  /** Names the result writes from the input's own entry (a column's colours): that entry is not kept twice. */
  replaced: readonly string[];
  /**
   * obs columns the result writes anew without colours for them (the input's list, an earlier result's, does
   * not colour each new category): the input's `<column>_colors` is left out with a note, as scanpy pairs
   * colours with categories by position (a list for other categories mis-colours the plot, or fails it), and
   * picks its own colours when the list is missing. Default none.
   */
  rewritten?: readonly string[];
  /**
   * The input's matrix the result's X holds, named as in the file ('X', 'layers/counts', 'raw/X'). A layer
   * leaves the input's uns['log1p'] out with a note: it says the input's X is log-transformed, and scanpy
   * would take the result's X (counts from a layer) for log-transformed too. raw/X keeps it: scanpy's
   * pipeline sets `adata.raw` after `sc.pp.log1p`, so raw holds the log-normalised values. Default 'X'.
   */
  xFrom?: string;
}

/** The uns entry scanpy's `sc.pp.log1p` writes: X holds log-transformed values. */
const LOG1P = 'log1p';

/** A dataset holding `data` under `name`. */
function writeData(parent: Group, name: string, data: StoredData): Dataset {
  switch (data.kind) {
    case 'strings':
      return data.shape.length === 0
        ? parent.create_dataset({ name, data: data.values[0] ?? '', shape: [], dtype: 'S' })
        : parent.create_dataset({ name, data: data.values, shape: data.shape, dtype: 'S' });
    case 'numbers':
      return parent.create_dataset({ name, data: data.values, shape: data.shape, dtype: data.dtype });
    case 'records':
      return writeRecords(parent, name, data.length, data.fields);
    case 'none':
      // anndata reads an element encoded 'null' as None whatever it holds; h5wasm makes no empty dataspace
      return parent.create_dataset({ name, data: new Float32Array(0), shape: [0] });
  }
}

/** The attributes of a copied group or dataset, as stored. */
function writeAttributes(target: Group | Dataset, attributes: readonly StoredAttribute[]): void {
  for (const { name, data } of attributes) {
    if (data.kind === 'strings') {
      if (data.shape.length === 0) target.create_attribute(name, data.values[0] ?? '');
      else target.create_attribute(name, data.values, data.shape, 'S');
    } else if (data.kind === 'numbers') {
      target.create_attribute(name, data.values, data.shape, data.dtype);
    }
  }
}

/** `entry` written under `name` in `parent`, its members and attributes as stored. */
function writeEntry(parent: Group, name: string, entry: UnsEntry): void {
  if (entry.kind === 'dataset') {
    writeAttributes(writeData(parent, name, entry.data), entry.attributes);
    return;
  }
  const group = parent.create_group(name);
  writeAttributes(group, entry.attributes);
  for (const member of entry.members) writeEntry(group, member.name, member);
}

/**
 * Writes the input's uns entries into the result's `uns`, besides the entries the result writes itself
 * (`own`); returns the notes (entries kept under a new name).
 */
export function copyUns(uns: Group, entries: readonly UnsEntry[], own: UnsTaken): string[] {
  const replaced = new Set(own.replaced);
  const stale = new Map((own.rewritten ?? []).map((column) => [`${column}_colors`, column]));
  const notes: string[] = [];
  for (const entry of entries) {
    const column = stale.get(entry.name);
    if (column === undefined || replaced.has(entry.name)) continue;
    notes.push(
      `the input's uns '${entry.name}' is not copied: it colours the categories of the input's obs '${column}', not those of the result's own '${column}', which it does not all colour (scanpy picks new colours when it plots the column).`,
    );
  }
  const xFrom = own.xFrom ?? 'X';
  const dropLog1p =
    xFrom.startsWith('layers/') && entries.some((e) => e.name === LOG1P) && !replaced.has(LOG1P);
  if (dropLog1p) {
    notes.push(
      `the input's uns '${LOG1P}' is not copied: it says the input's X is log-transformed, but the result's X holds the input's ${xFrom}, which scanpy would then take as log-transformed too (sc.pp.log1p would skip it).`,
    );
  }
  const copied = entries.filter(
    (e) => !replaced.has(e.name) && !stale.has(e.name) && !(dropLog1p && e.name === LOG1P),
  );
  const names = makeUnique([...own.taken, ...own.replaced, ...copied.map((e) => e.name)]).names.slice(
    own.taken.length + own.replaced.length,
  );
  copied.forEach((entry, i) => {
    writeEntry(uns, names[i], entry);
    if (names[i] !== entry.name) {
      notes.push(
        `the input's uns '${entry.name}' is kept as uns '${names[i]}', as the result's own uns '${entry.name}' takes its name.`,
      );
    }
  });
  return notes;
}
