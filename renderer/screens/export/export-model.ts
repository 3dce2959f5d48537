/**
 * The Export screen's derived state and text, pure (no DOM) so the rules are unit-tested: which exports are
 * offered, the note above them, and the file-name stem of what is saved.
 */
import type { AnnDataExport, AnnDataTarget } from '../../../src/api/engine-api.js';
import { rowWords, type RowWords } from '../../../src/api/file-format.js';
import { embeddingOfMatrix } from '../../../src/api/matrix-input.js';
import { inputShownName, inputStem, runStem } from '../../../src/api/output-stem.js';
import type { ShownCells } from '../../big-map-draw.js';
import { formatBytes, formatCount } from '../../format.js';
import { runRowWords } from '../../metric-notes.js';
import type { AppState } from '../../state.js';

/**
 * A file-name stem from the dataset source: "data/pbmc.csv" → "pbmc", "cells.h5ad" → "cells" (the engine's
 * exports drop the extension too, so a run's CSV and its map image share a stem); with the run's number
 * after the first run on the data (`RunResult.runNumber`, default none: "pbmc_run2", `runStem`), as the
 * engine names the run's CSV, report, model and session, so a retrain's exports do not overwrite the first's.
 */
export function fileStem(source: string | undefined, runNumber?: number): string {
  const stem = inputStem(source ?? '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return runStem(stem || 'tripletlens', runNumber);
}

/**
 * Exports the engine produces from its run (by button test id); gone once the engine no longer holds it. The
 * AnnData export too: offered after another tab's Open, it failed with "No trained model yet" — or wrote the
 * run the engine held since, under this page's edits.
 */
export const NEEDS_ENGINE: ReadonlySet<string> = new Set([
  'export-csv',
  'export-h5ad',
  'export-model',
  'export-report',
]);

type ExportState = Pick<AppState, 'result' | 'resultLost' | 'busy' | 'dataset'>;

/** Whether the export behind the button with test id `testid` can be used now. */
export function exportEnabled(state: ExportState, testid: string): boolean {
  const ready = state.result !== null && state.busy === null;
  return ready && !(state.resultLost !== null && NEEDS_ENGINE.has(testid));
}

/**
 * The note above the exports: what they describe, what is gone, or what to do first. A run retrained on the
 * edited labels names the column they were edited from too — the exports keep it beside `label_edited`.
 */
export function exportNote(state: ExportState & Partial<Pick<AppState, 'annotation'>>): string {
  if (state.resultLost) return `${state.resultLost} The map's images and HTML can still be saved.`;
  if (state.result) {
    // a run on an embedding (obsm/X_scVI) says so: its h5ad's var holds the embedding's columns, not genes
    const matrix = state.dataset?.format?.matrix ?? '';
    const input = embeddingOfMatrix(matrix) === null ? '' : `its embedding ${matrix}, `;
    const edited = state.annotation?.present.editedLabels;
    const label = state.result.labelColumn;
    const from =
      edited && edited.column === label && edited.source !== label
        ? `, your edits of “${edited.source}”`
        : '';
    // the data as the File line names it: a server's or the package's path said nothing the user knew, and a
    // Cell Ranger folder is named from its sample's folder down
    const data = state.dataset ? inputShownName(state.dataset.source) : 'the loaded data';
    return `Exports describe the run on ${data} (${input}label “${label}”${from}).`;
  }
  return 'Train a model first; then everything here can be saved.';
}

/**
 * The table's words for its rows on the Export screen: the run's (`runRowWords`), else the open table's, else
 * cells. A text table's rows, which may be a bulk panel's samples, are rows.
 */
export function exportWords(state: Pick<AppState, 'result' | 'dataset'>): RowWords {
  return state.result ? runRowWords(state.result) : rowWords(state.dataset?.format?.kind);
}

/**
 * What the coordinates CSV and the AnnData export hold, in `words` for the table's rows: "One row per cell", or
 * for a text table "One row per input row"; "the cells’ metadata" or "the rows’ metadata".
 */
export function exportDescriptions(words: RowWords): { csv: string; h5ad: string } {
  const each = words.one === 'row' ? 'input row' : words.one;
  return {
    csv: `One row per ${each}: the input’s own id and label column names (e.g. cell_id, cell_type, not “id”, “label”), then split, x, y[, z], and predicted_label with its confidence for the hold-out and unlabeled ${words.many} (the CLI’s format), and label_edited when you edited labels.`,
    h5ad: `For scanpy and cellxgene: the ${words.many}’ metadata with split and predicted labels, the genes used, the map as obsm X_tripletlens and the run report.`,
  };
}

/**
 * The standalone HTML's line under its title: when it was made, and, when the map holds more cells than the
 * file draws (the density-preserving subsample of a big map), how many of them it shows.
 */
export function htmlSubtitle(made: Date, shown: ShownCells | undefined): string {
  const date = `Made with TripletLens on ${made.toISOString().slice(0, 10)}`;
  if (!shown || shown.how !== 'subsample') return date;
  return `${date}. Shows ${formatCount(shown.shown)} of ${formatCount(shown.total)} cells: a density-preserving subsample (every class, each region in proportion).`;
}

/**
 * The name the AnnData export is offered under (the engine's own: `<stem>.tripletlens.h5ad`, with the run's
 * number after the first run, `fileStem`).
 */
export function annDataFileName(source: string | undefined, runNumber?: number): string {
  return `${fileStem(source, runNumber)}.tripletlens.h5ad`;
}

/**
 * Where the AnnData export goes: in the desktop app the path its save dialog chose (the engine writes it
 * there), under `tripletlens serve` a download the server streams from disk. Never bytes through the page.
 */
export function annDataTarget(savePath: string | null | undefined): AnnDataTarget {
  return savePath ? { kind: 'path', path: savePath } : { kind: 'download' };
}

/** The address that streams a server download to the browser's disk (the page follows it; no Blob). */
export function downloadHref(result: AnnDataExport): string | null {
  return result.kind === 'download' ? `/api/download/${encodeURIComponent(result.downloadId)}` : null;
}

/**
 * An engine note as a sentence of the notice: the engine words its notes for the CLI's "warning: …" line,
 * starting in lower case ("the input's uns 'log1p' is not copied…"), which after the notice's first sentence
 * read "…was downloaded. the input's…". A first plain word is capitalised; a note that starts with a key
 * (`obs['x']`) keeps it as spelt.
 */
export function noteSentence(note: string): string {
  return /^[a-z]+[\s']/.test(note) ? note.charAt(0).toUpperCase() + note.slice(1) : note;
}

/**
 * What the page says once the file is written or its download has started, with what the engine noted about
 * the file (an input without X gave a result without X); a notice at the warning level when it noted anything.
 * A download's notice also carries what it says once the server sent all of it (state.ts, 'download-ended').
 */
export function annDataSavedNotice(result: AnnDataExport): {
  level: 'info' | 'warning';
  message: string;
  download?: { id: string; done: string };
} {
  const size = formatBytes(result.bytes);
  const notes = (result.notes ?? []).map(noteSentence);
  const say = (first: string) => [first, ...notes].join(' ');
  const level = notes.length > 0 ? 'warning' : 'info';
  if (result.kind === 'path') return { level, message: say(`Saved ${result.path} (${size}).`) };
  return {
    level,
    message: say(`${result.fileName} (${size}) is downloading: the browser saves it as it arrives.`),
    download: { id: result.downloadId, done: say(`${result.fileName} (${size}) was downloaded.`) },
  };
}
