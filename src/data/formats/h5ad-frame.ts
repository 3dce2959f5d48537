/**
 * AnnData dataframes (obs, var, raw/var) → text columns. Handles the current encoding (dataframe 0.2.0:
 * categoricals as codes + categories groups, string/numeric/boolean arrays, nullable integer/boolean/string
 * with a mask) and anndata ≤ 0.7's (0.1.0: a categorical column is its codes, the categories in
 * `__categories/<column>`). Missing values (code -1, masked, NaN) become empty strings.
 */
import { countText } from '../../api/count-text.js';
import type { NumericDtype, StoredColumn } from '../types.js';
import type { ImportWarning } from '../../api/import-warning.js';
import type { Hdf5File } from './h5-file.js';
import { columnLength, formatNumbers, holdNumbers, holdableNumbers } from '../numeric-column.js';
import { holdCodes, type CategoryCodes } from '../category-column.js';

export { formatNumbers };

/** One decoded column. */
export interface FrameColumn {
  name: string;
  /**
   * The text of each row; a float or integer dataset's is made when first read (`holdNumbers`), a
   * categorical's too (`holdCodes`).
   */
  values: string[];
  /** The categories in their stored order, for categorical columns (category colours follow this order). */
  categories?: string[];
  /** How the file stored it (written back the same way by the h5ad result writer). */
  stored: StoredColumn;
}

/** A decoded dataframe. */
export interface DataFrame {
  /** The index (obs_names / var_names). */
  index: string[];
  /** The index's name ('_index' when anndata had none). */
  indexName: string;
  columns: FrameColumn[];
}

/**
 * A plain 1-D dataset column: a float or integer one held as its numbers (the text made when first read,
 * `holdNumbers`), others as text.
 */
function plainColumn(h5: Hdf5File, path: string, name: string): FrameColumn {
  const kind = h5.valueKind(path);
  if (kind === 'int' || kind === 'float') {
    const value = h5.read(path);
    const numbers = holdableNumbers(ArrayBuffer.isView(value) ? value : h5.readNumbers(path));
    if (numbers) return holdNumbers<FrameColumn>({ name, values: [], stored: storedOf(h5, path) }, numbers);
  }
  const values = readTextValues(h5, path);
  return { name, values, stored: storedOf(h5, path) };
}

/** A 1-D dataset of any simple type as text (booleans as True/False, as pandas writes them to CSV). */
export function readTextValues(h5: Hdf5File, path: string): string[] {
  const kind = h5.valueKind(path);
  if (kind === 'string') return h5.readStrings(path);
  if (kind === 'bool') return Array.from(h5.readNumbers(path), (v) => (v ? 'True' : 'False'));
  if (kind === 'int' || kind === 'float') {
    const value = h5.read(path);
    const float32 = value instanceof Float32Array;
    if (value instanceof BigInt64Array || value instanceof BigUint64Array) return formatNumbers(value, false);
    return formatNumbers(ArrayBuffer.isView(value) ? (value as Float64Array) : h5.readNumbers(path), float32);
  }
  throw h5.fail(path, 'this column holds a type TripletLens cannot show as text (compound or reference).');
}

/**
 * A categorical's codes as stored when they are int8/int16/int32 (anndata's), else as an Int32Array when
 * every code is an integer that fits (an int64 or unsigned dataset); undefined for codes that are not
 * integers, whose rows are decoded to text at once as before.
 */
function heldCodesOf(h5: Hdf5File, codesPath: string): CategoryCodes | undefined {
  const value = h5.read(codesPath);
  if (value instanceof Int8Array || value instanceof Int16Array || value instanceof Int32Array) return value;
  const numbers = h5.readNumbers(codesPath);
  for (const code of numbers) if (!Number.isInteger(code) || Math.abs(code) >= 2 ** 31) return undefined;
  return Int32Array.from(numbers);
}

/** Throws naming the first code that is neither −1 nor a category's index. */
function checkCodes(
  h5: Hdf5File,
  codesPath: string,
  codes: ArrayLike<number>,
  categories: readonly string[],
): void {
  const count = categories.length;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === -1 || (code >= 0 && code < count && Number.isInteger(code))) continue;
    throw h5.fail(
      codesPath,
      `code ${code} at row ${i + 1} has no category (there are ${countText(count)}; -1 means missing).`,
    );
  }
}

/**
 * A categorical column, held as its codes and categories (`holdCodes`: the text of a row — its category, ''
 * for −1 — made when `values` is first read).
 */
function decodeCategorical(
  h5: Hdf5File,
  codesPath: string,
  categoriesPath: string,
  name: string,
): FrameColumn {
  const categories = readTextValues(h5, categoriesPath);
  const held = heldCodesOf(h5, codesPath);
  const codes = held ?? h5.readNumbers(codesPath);
  checkCodes(h5, codesPath, codes, categories);
  const ordered = orderedFlag(h5, codesPath);
  const categoryDtype = numericDtype(h5, categoriesPath);
  const column: FrameColumn = {
    name,
    values: [],
    categories,
    stored: { kind: 'categorical', categories, ordered, ...(categoryDtype ? { categoryDtype } : {}) },
  };
  if (held) return holdCodes(column, { codes: held, categories });
  column.values = Array.from(codes, (code) => (code === -1 ? '' : categories[code]));
  return column;
}

/** The numpy dtype of a numeric dataset (the categories of integer categoricals), undefined for others. */
function numericDtype(h5: Hdf5File, path: string): NumericDtype | undefined {
  const kind = h5.valueKind(path);
  if (kind !== 'int' && kind !== 'float') return undefined;
  const value = h5.read(path);
  const dtypes: [new (n: number) => unknown, NumericDtype][] = [
    [Int8Array, 'int8'],
    [Int16Array, 'int16'],
    [Int32Array, 'int32'],
    [BigInt64Array, 'int64'],
    [Uint8Array, 'uint8'],
    [Uint16Array, 'uint16'],
    [Uint32Array, 'uint32'],
    [BigUint64Array, 'uint64'],
    [Float32Array, 'float32'],
    [Float64Array, 'float64'],
  ];
  return dtypes.find(([type]) => value instanceof type)?.[1];
}

/** A categorical group's `ordered` attribute (false when absent, and for anndata ≤ 0.7's layout). */
function orderedFlag(h5: Hdf5File, codesPath: string): boolean {
  if (!codesPath.endsWith('/codes')) return false;
  const value = h5.attr(codesPath.slice(0, -'/codes'.length), 'ordered');
  return (
    (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') && Boolean(value)
  );
}

/** The stored kind of a plain 1-D dataset column (also loom attributes). */
export function storedOf(h5: Hdf5File, path: string): StoredColumn {
  const kind = h5.valueKind(path);
  if (kind === 'string') return { kind: 'string' };
  if (kind === 'bool') return { kind: 'boolean' };
  if (kind === 'int') return { kind: 'integer', dtype: numericDtype(h5, path) ?? 'int64' };
  return { kind: 'number', dtype: h5.read(path) instanceof Float32Array ? 'float32' : 'float64' };
}

function decodeMasked(h5: Hdf5File, path: string, name: string): FrameColumn {
  const values = readTextValues(h5, `${path}/values`);
  const mask = h5.readNumbers(`${path}/mask`);
  if (mask.length !== values.length) {
    throw h5.fail(
      `${path}/mask`,
      `the mask has ${countText(mask.length)} entries for ${countText(values.length)} values.`,
    );
  }
  return {
    name,
    values: values.map((v, i) => (mask[i] ? '' : v)),
    stored: { ...storedOf(h5, `${path}/values`), nullable: true },
  };
}

/** Decodes one column, or returns a warning when its encoding is not one a label could come from. */
function decodeColumn(h5: Hdf5File, frame: string, name: string): FrameColumn | ImportWarning {
  const path = `${frame}/${name}`;
  if (h5.isGroup(path)) {
    const encoding = h5.stringAttr(path, 'encoding-type');
    if (encoding === 'categorical') return decodeCategorical(h5, `${path}/codes`, `${path}/categories`, name);
    if (
      encoding === 'nullable-integer' ||
      encoding === 'nullable-boolean' ||
      encoding === 'nullable-string-array'
    ) {
      return decodeMasked(h5, path, name);
    }
    return {
      code: 'obs-column-skipped',
      message: `Column "${name}" of ${frame} has encoding "${encoding ?? 'none'}" and was not read.`,
    };
  }
  if (!h5.isDataset(path)) throw h5.fail(path, `the column "${name}" listed in column-order is missing.`);
  if (h5.shape(path).length !== 1) {
    return {
      code: 'obs-column-skipped',
      message: `Column "${name}" of ${frame} is not one-dimensional and was not read.`,
    };
  }
  // anndata ≤ 0.7: integer codes here, categories in __categories/<name> (which a `categories` attribute
  // references; the name alone is enough to find them).
  if (h5.isDataset(`${frame}/__categories/${name}`) && h5.valueKind(path) === 'int') {
    return decodeCategorical(h5, path, `${frame}/__categories/${name}`, name);
  }
  return plainColumn(h5, path, name);
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

/** The index of an AnnData dataframe group (obs names, var names) and the name it is stored under. */
export function readFrameIndex(h5: Hdf5File, frame: string): { index: string[]; indexName: string } {
  if (!h5.isGroup(frame))
    throw h5.fail(frame, 'this dataframe is missing (or is not a group).', 'bad-structure', 'group');
  const indexName = h5.stringAttr(frame, '_index') ?? '_index';
  const indexPath = `${frame}/${indexName}`;
  if (!h5.isDataset(indexPath))
    throw h5.fail(indexPath, `the index named by the _index attribute is missing.`);
  return { index: readTextValues(h5, indexPath), indexName };
}

/** Reads an AnnData dataframe group; `rows` is the expected length of every column. */
export function readDataFrame(h5: Hdf5File, frame: string, warnings: ImportWarning[]): DataFrame {
  if (h5.isDataset(frame)) {
    throw h5.fail(
      frame,
      'this dataframe is a compound dataset, the layout of anndata ≤ 0.6, which TripletLens does not read. Re-save the file with a current anndata (anndata.read_h5ad(path).write_h5ad(new_path)).',
      'unsupported-format',
    );
  }
  const { index, indexName } = readFrameIndex(h5, frame);
  const order =
    stringList(h5.attr(frame, 'column-order')) ??
    h5.keys(frame).filter((k) => k !== indexName && k !== '__categories');
  const columns: FrameColumn[] = [];
  for (const name of order) {
    if (name === indexName) continue;
    const column = decodeColumn(h5, frame, name);
    if ('code' in column) {
      warnings.push(column);
      continue;
    }
    const length = columnLength(column);
    if (length !== index.length) {
      throw h5.fail(
        `${frame}/${name}`,
        `the column has ${countText(length)} values but the index has ${countText(index.length)}.`,
      );
    }
    columns.push(column);
  }
  return { index, indexName, columns };
}
