/**
 * The notes on the input's dataframe columns a result cannot hold in their stored dtype, as h5wasm cannot
 * write an HDF5 enum — numpy's booleans, and the mask beside the values of pandas' nullable arrays: booleans
 * are written as 'False'/'True' categories, nullable integers as float64 with NaN (without a gap, in their
 * integer dtype), nullable strings with gaps as categoricals (`obs-encoding.ts`). Each note names the columns
 * where a scanpy user finds them (obs, var, raw.var) and gives the line that turns one back.
 */
import type { ObsColumn } from './obs-encoding.js';

/** Columns of one dataframe of the result, and where a scanpy user finds it: 'obs', 'var', 'raw.var'. */
export interface NotedFrame {
  at: string;
  columns: readonly ObsColumn[];
}

/** A column of text values (the input's, with how it was stored). */
type TextColumn = Extract<ObsColumn, { values: readonly string[] }>;

/** The text columns of `frames` that `pick` selects, with their key as scanpy spells it (`obs['x']`). */
function found(
  frames: readonly NotedFrame[],
  pick: (c: TextColumn) => boolean,
): { key: string; column: TextColumn; gaps: boolean }[] {
  return frames.flatMap(({ at, columns }) =>
    columns.flatMap((c) =>
      'values' in c && pick(c) ? [{ key: `${at}['${c.name}']`, column: c, gaps: c.values.includes('') }] : [],
    ),
  );
}

/**
 * The note on the input's boolean columns (`is_doublet`, var's `highly_variable`, raw.var's), which the result
 * holds as 'False'/'True' categories (HDF5 booleans are enums, which h5wasm does not create): said, with the
 * line that turns one back, as scanpy needs it (sc.pp.pca refuses a var['highly_variable'] that is not
 * boolean). Null when there is none.
 */
export function booleanColumnsNote(frames: readonly NotedFrame[]): string | null {
  const booleans = found(frames, (c) => c.stored?.kind === 'boolean');
  if (!booleans.length) return null;
  const keys = booleans.map((f) => f.key);
  const one = booleans.length === 1;
  const first = booleans.find((f) => !f.gaps) ?? booleans[0];
  const restore = first.gaps
    ? `adata.${first.key} = adata.${first.key}.map({'True': True, 'False': False}).astype('boolean')`
    : `adata.${first.key} = adata.${first.key} == 'True'`;
  return (
    `${keys.join(', ')} ${one ? 'was a boolean column' : 'were boolean columns'}: the result holds ` +
    `${one ? 'it' : 'them'} as 'False'/'True' categories (h5wasm cannot write HDF5 booleans). In scanpy, ` +
    `${restore} makes ${one ? 'it' : 'one'} boolean again` +
    (booleans.some((f) => f.gaps && f !== first)
      ? ` (one with missing values: .map({'True': True, 'False': False}).astype('boolean'))`
      : '') +
    (keys.includes("var['highly_variable']") ? "; sc.pp.pca needs var['highly_variable'] boolean." : '.')
  );
}

/** pandas' name of the nullable dtype of a stored integer dtype: int32 → Int32, uint8 → UInt8. */
function nullableName(dtype: string | undefined): string {
  const name = dtype ?? 'int64';
  return name.startsWith('u') ? `UInt${name.slice(4)}` : `I${name.slice(1)}`;
}

/**
 * Why a nullable column changes, worded for the columns at hand: a column without a gap loses no value, only
 * its nullable dtype (a walkthrough: an Int32 batch column without gaps was said to "keep its missing values"
 * in a mask, as if it had some).
 */
function maskWords(columns: readonly { gaps: boolean }[]): string {
  const mask = 'which h5wasm cannot write (HDF5 booleans)';
  const gapless = columns.filter((c) => !c.gaps).length;
  if (gapless === 0) return `pandas' nullable columns keep their missing values in a boolean mask, ${mask}`;
  const none = columns.length === 1 ? 'it has none' : gapless === columns.length ? 'these have none' : '';
  return none
    ? `pandas' nullable columns keep a boolean mask of their missing values, ${mask}; ${none}, so no value is lost, only the nullable dtype`
    : `pandas' nullable columns keep their missing values in a boolean mask, ${mask}; those without missing values lose no value, only the nullable dtype`;
}

/**
 * The note on the input's nullable integer columns (pandas' Int64…, written as float64 with NaN when they
 * have a gap, else in their integer dtype) and nullable string columns with gaps (written as categoricals):
 * said with what each became and the line that makes one nullable again. Null when there is none.
 */
export function nullableColumnsNote(frames: readonly NotedFrame[]): string | null {
  const columns = found(
    frames,
    (c) =>
      c.stored?.nullable === true &&
      (c.stored.kind === 'integer' || (c.stored.kind === 'string' && c.values.includes(''))),
  );
  if (!columns.length) return null;
  const said = columns.map(({ key, column, gaps }) => {
    if (column.stored?.kind === 'string') return `${key} (string, with missing values) is a categorical`;
    const dtype = nullableName(column.stored?.dtype);
    return gaps
      ? `${key} (${dtype}, with missing values) is float64 with NaN`
      : `${key} (${dtype}, no missing values) is ${column.stored?.dtype ?? 'int64'}`;
  });
  const first = columns[0];
  const restoreTo = (c: TextColumn) =>
    c.stored?.kind === 'string' ? 'string' : nullableName(c.stored?.dtype);
  const otherKind = columns.find(
    (c) => (c.column.stored?.kind === 'string') !== (first.column.stored?.kind === 'string'),
  );
  return (
    `${said.join(', ')} in the result: ${maskWords(columns)}. In scanpy, adata.${first.key} = ` +
    `adata.${first.key}.astype('${restoreTo(first.column)}') makes ${columns.length === 1 ? 'it' : 'one'} ` +
    `nullable again` +
    (otherKind ? ` (${otherKind.key}: .astype('${restoreTo(otherKind.column)}'))` : '') +
    '.'
  );
}
