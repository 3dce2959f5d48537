/**
 * The `input` import setting (`ImportSettings.input`, the CLI's `--input`): what the map is trained on — the
 * file's genes ('genes', the default) or one of an h5ad's per-cell embeddings ('obsm:X_pca'), which is then
 * read as the matrix 'obsm/X_pca'. One grammar for the CLI, the h5ad reader and the Import screen.
 * Contract layer: no imports.
 */

/** The default input: the file's genes (X, or the layer chosen). */
export const GENES_INPUT = 'genes';

/** What an `input` value names: the genes, or the embedding `name` (`obsm[name]`). */
export type MatrixInput = { kind: 'genes' } | { kind: 'obsm'; name: string };

/** The input an `input` value names, or null when it is neither 'genes' nor 'obsm:NAME'. */
export function parseInput(value: string): MatrixInput | null {
  if (value === GENES_INPUT) return { kind: 'genes' };
  const name = value.startsWith('obsm:') ? value.slice('obsm:'.length) : '';
  return name.trim() === '' ? null : { kind: 'obsm', name };
}

/** The `input` value that trains on the embedding `name`: 'obsm:X_pca'. */
export function embeddingInput(name: string): string {
  return `obsm:${name}`;
}

/** The matrix an embedding is read as, named as in the file (the summary's and the run report's 'obsm/X_pca'). */
export function embeddingMatrix(name: string): string {
  return `obsm/${name}`;
}

/** The embedding a matrix name reads ('obsm/X_pca' → 'X_pca'), or null for genes (X, a layer, raw/X…). */
export function embeddingOfMatrix(matrix: string): string | null {
  return matrix.startsWith('obsm/') ? matrix.slice('obsm/'.length) : null;
}

/**
 * The `input` a file projected through a map trained on `trainedMatrix` must be read with ('obsm:X_pca' for a
 * map trained on obsm/X_pca), or null when the map was trained on genes. A map trained on an embedding places
 * only that embedding of a new file: read as genes (X, a layer), every "gene" would be missing and the error
 * would blame the gene names. The one rule for `tripletlens embed` and the app's "Project another file".
 */
export function requiredProjectionInput(trainedMatrix: string | undefined): string | null {
  const embedding = trainedMatrix === undefined ? null : embeddingOfMatrix(trainedMatrix);
  return embedding === null ? null : embeddingInput(embedding);
}

/**
 * The `input` a projected file read with `settings` (its `input` and `layer`) lacks: the embedding the map was
 * trained on when `settings` read anything else (genes, a layer, another embedding); null when they fit.
 */
export function missingProjectionInput(
  trainedMatrix: string | undefined,
  settings: { input?: string; layer?: string },
): string | null {
  const wanted = requiredProjectionInput(trainedMatrix);
  if (wanted === null) return null;
  return settings.input === wanted && !settings.layer ? null : wanted;
}

/**
 * Whether a run z-scores the columns of `matrix` (named as in the file) when the user leaves `zscore` unset
 * (the option's default, on, is for genes: no gene dominates by scale). An embedding's columns are not
 * z-scored: their scales are its structure (PC1 carries the most variance; scanpy's neighbours read X_pca
 * as it is), and z-scoring X_pca cost the map about 0.2 of trustworthiness and some held-out accuracy on
 * three datasets (bench/README.md, "An embedding as the input").
 */
export function zscoresByDefault(matrix: string): boolean {
  return embeddingOfMatrix(matrix) === null;
}

/** One per-cell embedding of an h5ad file (`obsm[name]`) that can be the input, and its width. */
export interface EmbeddingInfo {
  name: string;
  /** Its columns (e.g. 50 for scanpy's X_pca, 10 for scvi-tools' X_scVI). */
  columns: number;
}

/** "50 columns", "1 column": an embedding's width as inspect and the Import screen say it. */
export function columnsText(columns: number): string {
  return `${columns} ${columns === 1 ? 'column' : 'columns'}`;
}

/** "obsm/X_pca (50 columns)": an embedding among a file's matrices. */
export function embeddingText(e: EmbeddingInfo): string {
  return `${embeddingMatrix(e.name)} (${columnsText(e.columns)})`;
}
