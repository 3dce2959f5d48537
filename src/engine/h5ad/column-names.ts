/** Names anndata accepts for the columns of a result's obs and var dataframes. */

/** A name anndata accepts for a dataframe column: non-empty, no '/', not the reserved `_index`. */
export function validColumnName(name: string): string {
  const cleaned = name.replace(/\//g, '_');
  if (cleaned === '') return 'column';
  // '.' names the group itself in HDF5: a column called '.' cannot be created (the writer crashed on it)
  if (cleaned === '.') return '_.';
  return cleaned === '_index' ? '_index_' : cleaned;
}
