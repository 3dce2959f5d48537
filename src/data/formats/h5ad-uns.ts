/**
 * An h5ad's `uns` read whole to be copied into a result as anndata stores it: every group (a `dict`, and the
 * dataframes, categoricals or sparse matrices nested in one) and dataset with its attributes
 * (`encoding-type`, `encoding-version`, a dataframe's `column-order`…), its dtype and shape. uns is a
 * dataset's metadata — the neighbour graph's keys and parameters (`neighbors`), category colours
 * (`<column>_colors`), `pca`'s variances, `log1p`, `rank_genes_groups` — small beside the matrices, so it is
 * read into memory at once (an array above `MAX_UNS_VALUES` values, a record array above `MAX_RECORD_VALUES`,
 * is left out with a note, before it is read). The one large kind is rank_genes_groups' record arrays
 * (genes × groups), read from their rows as stored and decoded field by field (`Hdf5File.readRecords`,
 * `h5-records.ts`), not through h5wasm's read, which makes a JS array a row and a typed array a value: for
 * 20 000 genes × 30 groups that copy took 5–10 s and ~150 MB on a loaded 2-core machine (bench/README.md).
 *
 * What h5wasm cannot write back is found here, before anything is written: a record array (`rec-array`,
 * rank_genes_groups' names and scores) is written back by `engine/h5ad/write-records.ts`, text fields as
 * variable-length UTF-8 as anndata writes them; types other than numbers, text, h5py's booleans (written back
 * as int8: anndata reads 0/1 — h5wasm cannot write an HDF5 enum) and record arrays of those (references,
 * links, a record field of records or arrays…) are left out too. An entry that cannot be read is left out
 * with one note naming it: inside a `dict` group that entry alone, inside any other encoded group (a dataframe
 * missing a column would make the whole file unreadable) the group's nearest member of a dict.
 */
import { countText } from '../../api/count-text.js';
import type { Metadata, OutputData } from 'h5wasm/node';
import { isBooleanEnum, type Hdf5File, type NumericArray } from './h5-file.js';
import { readFields, type FieldColumn } from './h5-records.js';

/** The most values one uns array may hold to be copied (2²⁴, 64 MB of float32); above it, left out with a note. */
export const MAX_UNS_VALUES = 2 ** 24;
/**
 * The most values (rows × fields) one uns record array may hold to be copied (2²², e.g. 20 000 genes × 200
 * groups): a text field's values are JS strings, tens of bytes each.
 */
export const MAX_RECORD_VALUES = 2 ** 22;

/** The most values one uns array (`values`) and one record array (`records`) may hold to be copied. */
export interface UnsLimits {
  values: number;
  records: number;
}

/** The limits of a copy: `MAX_UNS_VALUES`, `MAX_RECORD_VALUES`. */
export const UNS_LIMITS: UnsLimits = { values: MAX_UNS_VALUES, records: MAX_RECORD_VALUES };

/** Why a dataset of `meta` is too large to read for a copy, or null; checked before it is read. */
function tooLarge(meta: Metadata, limits: UnsLimits = UNS_LIMITS): string | null {
  const count = (meta.shape ?? []).reduce((a, b) => a * Number(b), 1);
  const fields = meta.compound_type?.members.length;
  const [values, limit] = fields === undefined ? [count, limits.values] : [count * fields, limits.records];
  if (values <= limit) return null;
  const what = fields === undefined ? 'uns array' : 'uns record array';
  return `it holds ${countText(values)} values, more than the ${countText(limit)} TripletLens copies of one ${what}`;
}

/** A field of a record array: its name, h5wasm dtype ('<f', '<d'…; 'S' for text of any kind) and its values. */
export interface RecordField {
  name: string;
  dtype: string;
  values: string[] | NumericArray;
}

/** The values of a dataset or attribute, in a form h5wasm writes back. */
export type StoredData =
  /** Text (variable-length UTF-8 once written), row-major; shape [] for a scalar. */
  | { kind: 'strings'; values: string[]; shape: number[] }
  /** Numbers in an h5wasm dtype ('<f', '<d', '<q', '<b' — booleans too); shape [] for a scalar. */
  | { kind: 'numbers'; values: NumericArray; shape: number[]; dtype: string }
  /** A 1-D record array (numpy structured array) by field. */
  | { kind: 'records'; length: number; fields: RecordField[] }
  /** An empty dataspace: anndata's None (encoding-type 'null'). */
  | { kind: 'none' };

/** An attribute of a uns group or dataset. */
export interface StoredAttribute {
  name: string;
  data: StoredData;
}

/** A member of uns: a group with its members, or a dataset. */
export type UnsEntry =
  | { kind: 'group'; name: string; attributes: StoredAttribute[]; members: UnsEntry[] }
  | { kind: 'dataset'; name: string; attributes: StoredAttribute[]; data: StoredData };

/** Why one object of uns cannot be copied (caught by the nearest dict, which leaves the member out). */
class Uncopyable extends Error {
  override name = 'Uncopyable';
}

const INT_DTYPES: Record<number, string> = { 1: 'b', 2: 'h', 4: 'i', 8: 'q' };

const TYPED: Record<string, new (values: ArrayLike<never>) => NumericArray> = {
  '<b': Int8Array,
  '<B': Uint8Array,
  '<h': Int16Array,
  '<H': Uint16Array,
  '<i': Int32Array,
  '<I': Uint32Array,
  '<q': BigInt64Array,
  '<Q': BigUint64Array,
  '<f': Float32Array,
  '<d': Float64Array,
};

/** The h5wasm dtype numbers of `meta` are written back with, or null when they are not numbers h5wasm writes. */
function numericDtype(meta: Metadata): string | null {
  if (meta.type === 8) return isBooleanEnum(meta.enum_type) ? '<b' : null;
  if (meta.type === 0) {
    const letter = INT_DTYPES[meta.size];
    return letter ? `<${meta.signed ? letter : letter.toUpperCase()}` : null;
  }
  if (meta.type === 1) return meta.size === 8 ? '<d' : meta.size <= 4 ? '<f' : null;
  return null;
}

/** `value` (a typed array of any kind, a number, bigint or boolean) as the typed array of `dtype`. */
function typed(dtype: string, value: OutputData): NumericArray | null {
  const Typed = TYPED[dtype];
  // h5wasm returns a fresh array of the stored type: kept as it is (no element-wise copy of a large array)
  if (ArrayBuffer.isView(value) && value instanceof Typed) return value;
  const items: unknown[] | null = ArrayBuffer.isView(value)
    ? Array.from(value as ArrayLike<unknown>)
    : typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
      ? [value]
      : null;
  if (items === null) return null;
  const big = dtype === '<q' || dtype === '<Q';
  return new Typed(items.map((v) => (big ? BigInt(v as number) : Number(v))) as never[]);
}

/**
 * A record array's fields read from its rows as stored (`Hdf5File.readRecords`, `h5-records.ts`): numbers
 * into typed arrays of their stored type, text — variable-length or fixed — into strings; or why it cannot be
 * copied (a field of another type: a nested record, an array, a reference…).
 */
function readRecordArray(h5: Hdf5File, path: string, meta: Metadata): StoredData | string {
  const shape = (meta.shape ?? []).map(Number);
  if (shape.length !== 1) return 'a record array that is not one-dimensional';
  const length = shape[0];
  const columns: FieldColumn[] = [];
  const fields: RecordField[] = [];
  for (const member of meta.compound_type?.members ?? []) {
    if (member.type === 3) {
      const values = new Array<string>(length);
      columns.push({ member, values });
      fields.push({ name: member.name, dtype: 'S', values });
      continue;
    }
    const dtype = numericDtype(member);
    const values = dtype === null ? null : new TYPED[dtype](length as never);
    // a half float (2 bytes) would be read as float32: not a field copied byte for byte
    if (dtype === null || values === null || values.BYTES_PER_ELEMENT !== member.size)
      return `its record field '${member.name}' is of a type TripletLens cannot write`;
    columns.push({ member, values });
    fields.push({ name: member.name, dtype, values });
  }
  h5.readRecords(path, (rows, heap, start) => readFields(columns, rows, heap, meta.size, start));
  return { kind: 'records', length, fields };
}

/** The values of a dataset or attribute in a writable form, or why they cannot be copied. */
function storedData(meta: Metadata, value: OutputData | null): StoredData | string {
  if (meta.shape === null) return { kind: 'none' };
  const shape = meta.shape.map(Number);
  const large = tooLarge(meta);
  if (large !== null) return large;
  if (meta.type === 3) {
    const values = typeof value === 'string' ? [value] : value;
    if (Array.isArray(values) && values.every((v) => typeof v === 'string'))
      return { kind: 'strings', values: values as string[], shape };
    return 'its text could not be read';
  }
  // a record array dataset is read by readRecordArray; one in an attribute is not copied
  if (meta.type === 6) return 'it is a record array';
  const dtype = numericDtype(meta);
  const values = dtype === null || value === null ? null : typed(dtype, value);
  if (dtype === null || values === null)
    return `it is of an HDF5 type (class ${meta.type}) TripletLens cannot write`;
  return { kind: 'numbers', values, shape, dtype };
}

/** The attributes of the object at `path`; one that cannot be copied makes the object uncopyable. */
function attributesOf(h5: Hdf5File, path: string): StoredAttribute[] {
  return h5.attributes(path).map(({ name, value, metadata }) => {
    const data = storedData(metadata, value);
    if (typeof data === 'string' || data.kind === 'none')
      throw new Uncopyable(
        `its attribute '${name}' cannot be copied${typeof data === 'string' ? `: ${data}` : ''}.`,
      );
    return { name, data };
  });
}

/** The encoding-type of an object, read from its copied attributes. */
function encodingType(attributes: StoredAttribute[]): string | undefined {
  const found = attributes.find((a) => a.name === 'encoding-type')?.data;
  return found?.kind === 'strings' ? found.values[0] : undefined;
}

/** The uns member at `path` (`name` its key), whole; throws (Uncopyable, the reader's DataImportError) when it cannot be copied. */
function readEntry(h5: Hdf5File, path: string, name: string, notes: string[], limits: UnsLimits): UnsEntry {
  if (h5.isGroup(path)) {
    const attributes = attributesOf(h5, path);
    const type = encodingType(attributes);
    // a dict (or an old file's group without encoding) may lose a member; any other encoded group must be whole
    const loose = type === undefined || type === 'dict';
    return { kind: 'group', name, attributes, members: readMembers(h5, path, loose, notes, limits) };
  }
  if (!h5.isDataset(path)) throw new Uncopyable('it is a link, not a group or dataset.');
  const attributes = attributesOf(h5, path);
  // anndata's None: an empty dataspace as h5py writes it, an empty array as a TripletLens result does
  if (encodingType(attributes) === 'null')
    return { kind: 'dataset', name, attributes, data: { kind: 'none' } };
  const meta = h5.metadata(path);
  // the size is checked before the read: a huge array must not reach memory to be refused
  const large = tooLarge(meta, limits);
  if (large !== null) throw new Uncopyable(`${large}.`);
  const data =
    meta.type === 6 && meta.shape !== null
      ? readRecordArray(h5, path, meta)
      : storedData(meta, meta.shape === null ? null : h5.read(path));
  if (typeof data === 'string') throw new Uncopyable(`${data}.`);
  return { kind: 'dataset', name, attributes, data };
}

/** The members of the group at `path`; with `loose`, one that cannot be copied is left out with a note. */
function readMembers(
  h5: Hdf5File,
  path: string,
  loose: boolean,
  notes: string[],
  limits: UnsLimits,
): UnsEntry[] {
  const members: UnsEntry[] = [];
  for (const key of h5.keys(path)) {
    const member = `${path}/${key}`;
    try {
      members.push(readEntry(h5, member, key, notes, limits));
    } catch (err) {
      // uns is the dataset's metadata, an extra of the result: whatever fails to read leaves out that entry,
      // never the export
      if (!loose || !(err instanceof Error)) throw err;
      const why = err.message;
      notes.push(
        `the result has no ${member.slice(1)}: the input's ${member.slice(1)} could not be copied (${why.replace(/\.$/, '')}).`,
      );
    }
  }
  return members;
}

/**
 * The file's uns, its members as stored ([] without one); what cannot be copied is said in `notes`. `limits`
 * (default `UNS_LIMITS`) bound the arrays read.
 */
export function readUns(h5: Hdf5File, notes: string[], limits: UnsLimits = UNS_LIMITS): UnsEntry[] {
  if (!h5.isGroup('/uns')) return [];
  return readMembers(h5, '/uns', true, notes, limits);
}
