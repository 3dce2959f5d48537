/**
 * Which matrix of a file projected onto a trained map (the app's "Project another file") is read. Unless the
 * page names one, it is the matrix the map was trained on (`RunReport.input.format.matrix`): a map trained on
 * an h5ad's layers/counts wants counts, and a new sample's X is usually log-normalised — read as it comes,
 * every cell would land in the wrong place without an error. A file without that layer (a CSV, a 10x .h5, an
 * h5ad that lacks it) is read as it comes, and the result says so; a map trained on an embedding (obsm) can
 * only place files that have the same embedding.
 */
import { CoreError } from '../api/core-error.js';
import type { ImportSettings } from '../api/engine-api.js';
import { EngineError } from '../api/errors.js';
import { embeddingInput, embeddingOfMatrix, missingProjectionInput } from '../api/matrix-input.js';
import type { MatrixChoiceWords } from './scale-mismatch.js';
import {
  DataImportError,
  MissingEmbeddingError,
  NoEmbeddingsError,
  type ExpressionTable,
} from '../data/index.js';

/** The import settings that read the matrix `trained` names ('layers/counts', 'raw/X', 'obsm/X_pca'…); {} for X. */
export function trainedMatrixSettings(trained: string | undefined): ImportSettings {
  if (!trained) return {};
  const embedding = embeddingOfMatrix(trained);
  if (embedding !== null) return { input: embeddingInput(embedding) };
  if (trained === 'raw/X') return { layer: 'raw' };
  if (trained.startsWith('layers/')) return { layer: trained };
  // X, a loom's matrix, a Cell Ranger file's one matrix: what every file gives when nothing is asked
  return {};
}

/** The settings that choose a matrix: the app's ImportSettings and the CLI's ImportOptions both have them. */
type MatrixSettings = Pick<ImportSettings, 'layer' | 'input'>;

/** True when `settings` choose a matrix or an input themselves (then the page's choice is read, as is). */
function choosesMatrix(settings: MatrixSettings): boolean {
  return Boolean(settings.layer) || Boolean(settings.input);
}

/**
 * What was trained, as each side names it: `embed`'s model (its folder, its flags), the page's map.
 */
function trainedThing(words: MatrixChoiceWords): string {
  return words === 'cli' ? 'The model' : 'The map';
}

/**
 * Refuses to read a projected file as genes (X, a layer) or with another embedding when the map was trained on
 * an embedding: embedWithModel would find none of the model's "genes" and blame the gene naming. The CLI's
 * words name the flags: the one to give and the one given.
 */
function requireTrainedEmbedding(
  trained: string | undefined,
  read: MatrixSettings,
  words: MatrixChoiceWords,
): void {
  const wanted = missingProjectionInput(trained, read);
  if (wanted === null) return;
  const chosen = read.layer ?? read.input ?? 'X';
  const given = read.layer !== undefined ? `--layer ${read.layer}` : `--input ${read.input ?? 'genes'}`;
  const what =
    words === 'cli'
      ? `give --input ${wanted}, not ${given}`
      : `a projected file is read with that embedding, not ${chosen}`;
  throw new EngineError({
    kind: 'invalid-request',
    message: `${trainedThing(words)} was trained on ${trained} (an embedding, not genes): ${what}.`,
  });
}

/**
 * True when the import refused a layer or input the file does not hold (the importer's 'no-such-matrix'):
 * thrown as it is (the CLI's importTable) or carried by the session's EngineError.
 */
function lacksMatrix(err: unknown): boolean {
  const cause = err instanceof EngineError ? err.cause : err;
  return cause instanceof DataImportError && cause.kind === 'no-such-matrix';
}

/** A projected file as read: the table and sentences on which matrix was read when it was not the trained one. */
export interface ProjectedRead {
  table: ExpressionTable;
  notes: string[];
}

/**
 * Reads a projected file with `read` (the session's import, with progress and cancellation; the CLI's
 * importTable): with the page's (or the command line's) `settings` when they choose a matrix, else with the
 * matrix the map was trained on, falling back to the file's own when it has no such layer. `name` is the file
 * as the user knows it (for the sentences); `words`, whose words they are in: the page's map and its Project
 * another file (default), or `embed`'s model and its flags. The one rule of Project another file and `embed`.
 */
export async function readProjectedFile<S extends MatrixSettings = ImportSettings>(
  read: (settings: S) => Promise<ExpressionTable>,
  trained: string | undefined,
  settings: NoInfer<S>,
  name: string,
  words: MatrixChoiceWords = 'app',
): Promise<ProjectedRead> {
  const asTrained = trainedMatrixSettings(trained);
  requireTrainedEmbedding(trained, choosesMatrix(settings) ? settings : asTrained, words);
  if (choosesMatrix(settings) || !choosesMatrix(asTrained)) return { table: await read(settings), notes: [] };
  try {
    return { table: await read({ ...settings, ...asTrained }), notes: [] };
  } catch (err) {
    // only a file without the trained matrix is read again with its own; anything else — a bad option of the
    // page's, a damaged file, a cancelled read — is the answer
    if (!lacksMatrix(err)) throw err;
    if (asTrained.input !== undefined) {
      // the CLI's: embed read the embedding without being asked, so the flag is named as what it did
      const needs =
        words === 'cli'
          ? `so ${name} needs it too (embed reads it as --input ${asTrained.input})`
          : 'so a projected file needs it too';
      const message = `${trainedThing(words)} was trained on ${trained} (an embedding of its file, not genes), ${needs}: ${lackedEmbedding(err, name, words)}`;
      // the session's reader answers in EngineErrors (the page's); importTable's refusal is a bad request
      if (err instanceof EngineError) throw new EngineError({ ...err.toInfo(), message });
      throw new CoreError('bad-request', message);
    }
  }
  const table = await read(settings);
  return {
    table,
    notes: [
      `${name} has no ${trained}, the matrix the ${words === 'cli' ? 'model' : 'map'} was trained on, so its ${describeMatrix(table)} was read instead.`,
    ],
  };
}

/**
 * Why a file lacks the embedding its map asks for. A format without embeddings is named as what it is: its
 * importer's words advise on the --input option ("Leave --input out."), which the user of `embed` never gave —
 * the model asked for the embedding.
 */
function lackedEmbedding(err: unknown, name: string, words: MatrixChoiceWords): string {
  const cause = err instanceof EngineError ? err.cause : err;
  // the page projects a file; embed is given one
  const verb = words === 'cli' ? 'give' : 'project';
  if (cause instanceof NoEmbeddingsError) {
    return `${name} is ${cause.formatName}, which holds no embeddings (obsm); ${verb} an .h5ad file that has it.`;
  }
  // the importer's words offer the --input option and genes, which a model of an embedding cannot take
  if (cause instanceof MissingEmbeddingError) {
    const has =
      cause.offered.length > 0
        ? `its embeddings are ${cause.offered.map((e) => `obsm ${e}`).join(', ')}`
        : 'it holds no embeddings (obsm)';
    return `${name} has no obsm ${cause.embedding} (${has}); ${verb} a file that has it.`;
  }
  return (err as Error).message;
}

/**
 * The matrix a table was read from, in words ("X", "matrix", "table" for a text file). A Cell Ranger 2 .h5's
 * matrix is its genome's group: "matrix (group /GRCh38)", where "its GRCh38 was read" named no matrix.
 */
function describeMatrix(table: ExpressionTable): string {
  const matrix = table.format?.matrix;
  if (!matrix) return 'table';
  return table.format?.kind === '10x-h5' && matrix !== 'matrix' ? `matrix (group /${matrix})` : matrix;
}
