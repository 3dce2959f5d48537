/**
 * The model folder: everything `embed` needs to project new cells the way a run mapped its own.
 *
 *   DIR/model.json       format, label column, classes (and the map's colours of them), dims, run parameters
 *                        and metrics
 *   DIR/encoder/         the tfjs encoder (TrainedEncoder.save / loadEncoder)
 *   DIR/recipe.json      the fitted preprocessing recipe (gene list, scales, PCA…)
 *   DIR/reference.json   the training cells' embedding and labels (kNN reference for predicted labels)
 *   DIR/run.json         the full run report
 *   DIR/gene-ids.json    other identifiers of the recipe's genes (Ensembl ids beside symbols…), when the
 *                        training input had them; folders saved before it was written still load (no ids)
 *
 * The folder is written atomically: built beside DIR and renamed into place, so an interrupted save never
 * leaves a half model (nor destroys the previous one).
 */
import { countText } from '../api/count-text.js';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { selectRows } from '../data/select-rows.js';
import type { DenseMatrix } from '../api/matrix.js';
import type { PreprocessRecipe } from '../preprocess/index.js';
import type { GeneIdColumn } from '../data/gene-ids.js';
import { loadEncoder, type TrainedEncoder } from '../train/index.js';
import type { ResolvedSettings, RunMetrics, RunReport, TrainingRun } from './types.js';
import { writeDirAtomic } from '../util/atomic-write.js';
import { JsonTextError, parseJsonText } from '../util/json-text.js';
import { CoreError } from '../api/core-error.js';
import { checkModelFolderPath } from './model-folder-path.js';
import { manifestProblem, reportProblem } from './model-files-check.js';
import { recipeProblem, repeatedGene } from '../preprocess/recipe-check.js';

/** Bumped when the layout changes incompatibly. */
export const MODEL_FORMAT = 'tripletlens-model';
export const MODEL_FORMAT_VERSION = 1;

/** DIR/model.json. */
export interface ModelManifest {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  createdAt: string;
  labelColumn: string;
  /**
   * For a run retrained on edited labels (`labelColumn` the edits' `label_edited`, which no other file has), the
   * input's column the edits started from: `embed` writes a file's own labels from it when the file lacks
   * `labelColumn`, as the app's projected cells keep theirs. Absent: the run trained on the input's own column
   * (or the model was saved before this was kept).
   */
  labelSource?: string;
  classes: string[];
  /**
   * The training map's class colours in its class order (model-colours.ts `mapClassColours`), which `embed`'s
   * h5ad gives the predicted classes of a file without colours of its own. Absent: a folder saved before they
   * were kept (scanpy then picks the colours), or a run of no class.
   */
  classColours?: ClassColour[];
  dims: number;
  parameters: ResolvedSettings;
  metrics: RunMetrics;
}

/** One class of a map and its colour ('#rrggbb'). */
export interface ClassColour {
  class: string;
  colour: string;
}

/**
 * What a model folder keeps besides the run itself. `labelSource`: the input's column the edits a retrained run
 * trained on started from (`ModelManifest.labelSource`); `classColours`: the map's class colours
 * (`ModelManifest.classColours`). Default: neither.
 */
export interface ModelExtras {
  labelSource?: string;
  classColours?: readonly ClassColour[];
}

/** The kNN reference: training cells in the embedding with their labels. */
export interface ModelReference {
  coords: DenseMatrix;
  labels: string[];
}

/** A loaded model folder. `dispose()` frees the encoder's tensors. */
export interface LoadedModel {
  dir: string;
  manifest: ModelManifest;
  recipe: PreprocessRecipe;
  reference: ModelReference;
  report: RunReport;
  encoder: TrainedEncoder;
  /**
   * Other identifiers of `recipe.genes` (same order) that `embed` matches a file's genes through when names
   * do not match. Absent or empty: none (a model of an input without gene ids, or saved before they were kept).
   */
  geneIds?: GeneIdColumn[];
  dispose(): void;
}

/** DIR/gene-ids.json. */
interface GeneIdsFile {
  format: typeof GENE_IDS_FORMAT;
  columns: GeneIdColumn[];
}

const GENE_IDS_FORMAT = 'tripletlens-gene-ids';

interface ReferenceFile {
  dims: number;
  labels: string[];
  /** Row-major, labels.length × dims. */
  coords: number[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;

/** The first path of `path` and its folders, from the top, that exists and is not a folder (`path` when none). */
async function fileInPath(path: string): Promise<string> {
  const parts: string[] = [];
  for (let p = path; dirname(p) !== p; p = dirname(p)) parts.unshift(p);
  for (const part of parts) {
    const info = await stat(part).catch(() => undefined);
    if (info && !info.isDirectory()) return part;
  }
  return path;
}

/**
 * Refuses to replace a folder that is neither empty nor a TripletLens model folder: `--model ~/data` by
 * mistake must not delete the user's files.
 */
export async function checkReplaceable(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') {
      // `dir` itself, or a folder of its path, is a file: say which
      const file = await fileInPath(dir);
      const why = file === dir ? 'it is a file, not a folder' : `${file} is a file, not a folder`;
      throw new CoreError('bad-model', `Cannot save the model to ${dir}: ${why}`);
    }
    throw err;
  }
  if (entries.length === 0) return;
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { format?: string };
    if (manifest.format === MODEL_FORMAT) return;
  } catch {
    // not a model folder: refused below
  }
  throw new CoreError(
    'bad-model',
    `Cannot save the model to ${dir}: the folder exists and is not a TripletLens model folder (choose a new or empty folder)`,
  );
}

/**
 * What a finished run contributes to a model: its manifest (stamped `createdAt`) and the kNN reference, the
 * training cells' coordinates and labels. Shared by the saved folder and the session's in-memory model, so
 * both project new cells against the same reference.
 */
export function modelOfRun(
  run: TrainingRun,
  createdAt: string,
  { labelSource, classColours }: ModelExtras = {},
): { manifest: ModelManifest; reference: ModelReference } {
  const trainRows = run.split.flatMap((s, r) => (s === 'train' ? [r] : []));
  const source = labelSource !== undefined && labelSource !== run.labelColumn ? { labelSource } : {};
  const colours = classColours && classColours.length > 0 ? { classColours: [...classColours] } : {};
  return {
    manifest: {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      createdAt,
      labelColumn: run.labelColumn,
      ...source,
      classes: run.classes,
      ...colours,
      dims: run.coords.cols,
      parameters: run.report.parameters,
      metrics: run.metrics,
    },
    reference: { coords: selectRows(run.coords, trainRows), labels: trainRows.map((r) => run.labels[r]) },
  };
}

/**
 * Writes a run's model files into the existing, empty folder `dir` (a temporary one: callers rename it into
 * place, see saveModelFolder and the CLI's OutputSet). The manifest goes last: its presence marks a
 * complete folder.
 */
export async function fillModelFolder(
  run: TrainingRun,
  dir: string,
  extras: ModelExtras = {},
): Promise<void> {
  const { manifest, reference: model } = modelOfRun(run, new Date().toISOString(), extras);
  const reference: ReferenceFile = {
    dims: model.coords.cols,
    labels: model.labels,
    coords: Array.from(model.coords.data),
  };
  await run.encoder.save(join(dir, 'encoder'));
  await writeFile(join(dir, 'recipe.json'), json(run.recipe));
  await writeFile(join(dir, 'reference.json'), JSON.stringify(reference));
  await writeFile(join(dir, 'run.json'), json(run.report));
  if (run.geneIds && run.geneIds.length > 0) {
    const ids: GeneIdsFile = { format: GENE_IDS_FORMAT, columns: run.geneIds };
    await writeFile(join(dir, 'gene-ids.json'), JSON.stringify(ids));
  }
  await writeFile(join(dir, 'model.json'), json(manifest));
}

/**
 * Saves a run as a model folder at `dir`, replacing a previous model folder there (never other folders), with
 * `extras` (`ModelExtras`; default none) in its model.json.
 */
export async function saveModelFolder(
  run: TrainingRun,
  dir: string,
  extras: ModelExtras = {},
): Promise<void> {
  await checkReplaceable(dir);
  await writeDirAtomic(dir, (tmp) => fillModelFolder(run, tmp, extras));
}

async function readJson<T>(dir: string, file: string): Promise<T> {
  const read = await readJsonIfPresent<T>(dir, file);
  if (read === null) {
    // past model.json (written last), a missing file is an incomplete copy, not another kind of folder
    throw new CoreError(
      'bad-model',
      file === 'model.json'
        ? `${dir} is not a TripletLens model folder: ${file} is missing (save one with 'tripletlens train … --model DIR')`
        : `the model folder ${dir} is incomplete: ${file} is missing (save or copy the model folder again)`,
    );
  }
  return read.value;
}

/** DIR/FILE parsed, or null when it does not exist; any other failure is a 'bad-model' error naming it. */
async function readJsonIfPresent<T>(dir: string, file: string): Promise<{ value: T } | null> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new CoreError(
      'bad-model',
      code === 'EISDIR'
        ? `${path} is a folder where the model keeps a file; the model folder is damaged (save or copy it again)`
        : `Cannot read ${path} (${code ?? (err as Error).message})${code === 'EACCES' || code === 'EPERM' ? '; check its permissions' : ''}`,
    );
  }
  try {
    return { value: parseJsonText(text, path) as T };
  } catch (err) {
    if (!(err instanceof JsonTextError)) throw err;
    // "…/run.json, line 3, column 5: not valid JSON: expected …", as other bad input names its place
    throw new CoreError('bad-model', `${err.message}; the model folder is damaged (save or copy it again)`);
  }
}

function checkReference(ref: ReferenceFile, manifest: ModelManifest, dir: string): ModelReference {
  const shape =
    !ref || !Array.isArray(ref.labels) || !Array.isArray(ref.coords)
      ? 'its labels or coords are missing'
      : ref.dims !== manifest.dims
        ? `it holds ${JSON.stringify(ref.dims) ?? 'no'}-D coordinates but model.json says dims ${manifest.dims}`
        : ref.coords.length !== ref.labels.length * ref.dims
          ? `it holds ${countText(ref.coords.length)} coordinates for ${countText(ref.labels.length)} cells × ${ref.dims} dims`
          : null;
  if (shape !== null)
    throw new CoreError(
      'bad-model',
      `${join(dir, 'reference.json')} is damaged (its shape does not match model.json: ${shape})`,
    );
  const bad = ref.coords.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0)
    throw new CoreError(
      'bad-model',
      `${join(dir, 'reference.json')} is damaged: coords[${bad}] is ${JSON.stringify(ref.coords[bad]) ?? String(ref.coords[bad])}, not a finite number (save or copy the model folder again)`,
    );
  return {
    coords: { data: Float32Array.from(ref.coords), rows: ref.labels.length, cols: ref.dims },
    labels: ref.labels,
  };
}

/**
 * DIR/gene-ids.json's columns, each one id per gene of the recipe; none when the file is absent (a folder
 * saved before ids were kept, or a model whose input had none).
 */
async function readGeneIds(dir: string, recipe: PreprocessRecipe): Promise<GeneIdColumn[]> {
  const read = await readJsonIfPresent<GeneIdsFile>(dir, 'gene-ids.json');
  if (read === null) return [];
  const file = read.value;
  const genes = Array.isArray(recipe?.genes) ? recipe.genes.length : -1;
  const ok =
    file?.format === GENE_IDS_FORMAT &&
    Array.isArray(file.columns) &&
    file.columns.every(
      (c) =>
        typeof c?.name === 'string' &&
        Array.isArray(c.ids) &&
        c.ids.length === genes &&
        c.ids.every((id) => typeof id === 'string'),
    );
  if (!ok)
    throw new CoreError(
      'bad-model',
      `${join(dir, 'gene-ids.json')} is damaged (expected one id per gene of recipe.json in each column)`,
    );
  return file.columns;
}

/** Throws a 'bad-model' error naming DIR/FILE when `problem` says what is wrong with it. */
function damagedIf(problem: string | null, dir: string, file: string): void {
  if (problem !== null)
    throw new CoreError(
      'bad-model',
      `${join(dir, file)} is damaged: ${problem} (save or copy the model folder again)`,
    );
}

/**
 * DIR/encoder as a TrainedEncoder. tfjs's own errors about a damaged topology ("layer: Improper config
 * format…") name no file: they are said as the encoder's damage.
 */
async function loadEncoderOf(dir: string): Promise<TrainedEncoder> {
  try {
    return await loadEncoder(join(dir, 'encoder'));
  } catch (err) {
    if (err instanceof CoreError) throw err;
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);
    throw new CoreError(
      'bad-model',
      `${join(dir, 'encoder', 'model.json')} is not a network TripletLens can load (${reason}); the model folder is damaged (save or copy it again)`,
    );
  }
}

/** Loads a model folder written by `saveModelFolder`. */
export async function loadModelFolder(dir: string): Promise<LoadedModel> {
  await checkModelFolderPath(dir);
  const manifest = await readJson<ModelManifest>(dir, 'model.json');
  if (manifest?.format !== MODEL_FORMAT)
    throw new CoreError('bad-model', `${join(dir, 'model.json')} is not a TripletLens model`);
  // a newer format may have other fields: said before they are checked (a version that is no number is damage)
  if (typeof manifest.formatVersion === 'number' && manifest.formatVersion > MODEL_FORMAT_VERSION) {
    throw new CoreError(
      'bad-model',
      `${dir} was saved by a newer TripletLens (model format ${manifest.formatVersion}); this version reads up to ${MODEL_FORMAT_VERSION}`,
    );
  }
  damagedIf(manifestProblem(manifest), dir, 'model.json');
  const recipe = await readJson<PreprocessRecipe>(dir, 'recipe.json');
  damagedIf(recipeProblem(recipe) ?? repeatedGene(recipe.genes), dir, 'recipe.json');
  const reference = checkReference(await readJson<ReferenceFile>(dir, 'reference.json'), manifest, dir);
  const report = await readJson<RunReport>(dir, 'run.json');
  damagedIf(reportProblem(report), dir, 'run.json');
  const geneIds = await readGeneIds(dir, recipe);
  const encoder = await loadEncoderOf(dir);
  const mismatch =
    encoder.dims !== manifest.dims
      ? `the encoder outputs ${encoder.dims} dims but model.json says ${manifest.dims}`
      : encoder.inputDim !== recipe.outputColumns
        ? `the encoder reads ${countText(encoder.inputDim)} columns but recipe.json makes ${countText(recipe.outputColumns)}: its files come from different runs`
        : null;
  if (mismatch !== null) {
    encoder.dispose();
    throw new CoreError('bad-model', `${dir}: ${mismatch}`);
  }
  return { dir, manifest, recipe, reference, report, encoder, geneIds, dispose: () => encoder.dispose() };
}
