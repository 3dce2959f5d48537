/**
 * The one stem every default output and download name is made from: the input's name less its data
 * extension ("data/pbmc.csv.gz" → "pbmc"), and for Cell Ranger output — whose folder and file names are the
 * same in every sample — the sample's name. No imports (contract layer: the CLI, the engine and the page).
 */

/** The data files' extensions, dropped from a stem (a `.gz` after a text or MatrixMarket one too). */
const DATA_EXTENSION = /\.((csv|tsv|txt|tab|mtx)(\.gz)?|h5ad|h5|hdf5|loom)$/i;

/**
 * Names Cell Ranger gives every sample alike: the matrix folders and .h5 files of `count` and `multi`
 * (filtered/raw, feature (v3) or gene (v2)); above them `outs` and `multi`'s `count` folder.
 */
const CELL_RANGER_MATRIX = /^(sample_)?(filtered|raw)_(feature|gene)_bc_matri(x|ces)(_h5)?$/i;
const CELL_RANGER_FOLDERS: ReadonlySet<string> = new Set(['outs', 'count']);
/** A Cell Ranger folder's own matrix file, given as the input. */
const FOLDER_MATRIX = /^matrix\.mtx(\.gz)?$/i;
/** A Cell Ranger 2 folder holds a folder per genome (filtered_gene_bc_matrices/GRCh38/): that name is no sample. */
const CELL_RANGER_2_GENOMES = /^(filtered|raw)_gene_bc_matrices$/i;

/**
 * The stem of `source`, a path (either separator; a folder's trailing one allowed) or a file's name:
 * its last part less its data extension, or for Cell Ranger output the first part above it that is not a
 * name every sample shares — `sampleA/outs/filtered_feature_bc_matrix` and
 * `sampleA/outs/filtered_feature_bc_matrix.h5` are `sampleA`,
 * `run/outs/per_sample_outs/B1/count/sample_filtered_feature_bc_matrix` is `B1`,
 * `s2/filtered_gene_bc_matrices/GRCh38` and `s2/outs/filtered_feature_bc_matrix/matrix.mtx.gz` are `s2` —
 * (a folder's `matrix.mtx` is named after its folder, as the folder is), with `_raw` after it for a raw (unfiltered) matrix, whose outputs would otherwise take the filtered one's
 * names. A path with nothing above such a name keeps its own ("filtered_feature_bc_matrix"); '' when there is
 * no name at all (the caller's fallback).
 */
export function inputStem(source: string): string {
  const parts = source.split(/[\\/]/).filter(Boolean);
  const stems = parts.map((part) => part.replace(DATA_EXTENSION, ''));
  const own = stems[stems.length - 1] ?? '';
  const sample = cellRangerSample(parts);
  if (sample === null) return own;
  return sample.at < 0 ? own : `${stems[sample.at]}${sample.raw ? '_raw' : ''}`;
}

/**
 * The name the page shows for `source` (the Import summary's File line): its last part, or for Cell Ranger
 * output the path from its sample's folder down — `pbmc3k/outs/filtered_feature_bc_matrix` where
 * `filtered_feature_bc_matrix` alone, the same in every sample, did not say which sample was open, while its
 * exports were already named `pbmc3k` (`inputStem`). A path with nothing above such a name keeps its own.
 */
export function inputShownName(source: string): string {
  const parts = source.split(/[\\/]/).filter(Boolean);
  const sample = cellRangerSample(parts);
  return sample === null || sample.at < 0
    ? (parts[parts.length - 1] ?? source)
    : parts.slice(sample.at).join('/');
}

/**
 * For Cell Ranger output (`parts`, a path's parts), the index of its sample's folder (the first part above
 * its matrix that is not a name every sample shares; -1 when there is none) and whether the matrix is the
 * raw (unfiltered) one; null for a path of other data.
 */
function cellRangerSample(parts: readonly string[]): { at: number; raw: boolean } | null {
  const stems = parts.map((part) => part.replace(DATA_EXTENSION, ''));
  let at = stems.length - 1;
  // a folder's matrix.mtx is named after its folder, as the folder given as the input is
  const inFolder = at > 0 && FOLDER_MATRIX.test(parts[at]);
  if (inFolder) at--;
  if (at < 0 || !isMatrixName(stems, at)) return inFolder ? { at, raw: false } : null;
  let raw = false;
  while (at >= 0 && isMatrixName(stems, at)) {
    raw ||= /^(sample_)?raw_/i.test(stems[at]) || (at > 0 && /^raw_/i.test(stems[at - 1]));
    at--;
  }
  while (at >= 0 && CELL_RANGER_FOLDERS.has(stems[at].toLowerCase())) at--;
  return { at, raw };
}

/** True when `stems[at]` is a Cell Ranger matrix's name, or a genome folder under a Cell Ranger 2 matrix. */
function isMatrixName(stems: readonly string[], at: number): boolean {
  return CELL_RANGER_MATRIX.test(stems[at]) || (at > 0 && CELL_RANGER_2_GENOMES.test(stems[at - 1]));
}

/**
 * The stem of the app's exports of a run: `stem` for the first run on the open data, `stem_run2`, `stem_run3`…
 * for the runs after it (a Retrain with these labels, another Start training), so a later run's exports are
 * not offered under — and in the desktop app saved over — the first run's names. `runNumber` is
 * `RunResult.runNumber`; absent (a session saved before runs were numbered) or not a whole number above 1, the
 * stem is the first run's. The CLI's names are the user's and take no number.
 */
export function runStem(stem: string, runNumber: number | undefined): string {
  return typeof runNumber === 'number' && Number.isSafeInteger(runNumber) && runNumber > 1
    ? `${stem}_run${runNumber}`
    : stem;
}
