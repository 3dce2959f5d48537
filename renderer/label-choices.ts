/**
 * What the Import screen's label picker offers for a dataset, in the order a bioinformatician looks for the
 * label (`orderLabelColumns`): the suggested column first, then the columns of 2…min(100, half the cells)
 * classes by what their names say (cell_type, label… before leiden, louvain, cluster… before batch, sample…),
 * named classes before numbered ones; then the other text columns (one value, or ids); then the continuous
 * ones (scores such as `S_score`, fractions such as `pct_counts_mt`) listed last, marked and not choosable —
 * they stay available for colouring the map —, and a hint when no column can be a label: where labels come from for this kind of file (a text table's
 * Import settings — its Orientation first when it looks turned round —, a metadata file, the desktop's menu). Ties keep the file's order, so the list is the same each
 * time the file opens.
 */
import type { DatasetSummary, MetadataColumnSummary } from '../src/api/engine-api.js';
import { labelNameScore, maxLabelClasses } from '../src/api/label-names.js';
import { plural } from './format.js';
import { sourceNoun } from './source-noun.js';
import { rowWords } from '../src/api/file-format.js';

export interface LabelChoice {
  value: string;
  text: string;
  /** True for a continuous column: shown (so the user sees why) but not offered as the label. */
  disabled: boolean;
}

export interface LabelChoices {
  options: LabelChoice[];
  /** Why there is nothing to choose and what to do, or null when a label column can be chosen. */
  hint: string | null;
}

/**
 * Where labels come from: the page's own "Metadata file" field, and in the desktop app File ▸ Open metadata…
 * too, both joining a CSV keyed by cell id (a 10x barcode). The page under `tripletlens serve` has no menu, so
 * its hint names only the field (a walkthrough: the browser page sent users to an "Open metadata…" it lacks).
 */
const ADD_LABELS = 'add them with the “Metadata file” field below (a CSV keyed by barcode).';
const ADD_LABELS_DESKTOP =
  'add them with File ▸ Open metadata… or the “Metadata file” field below (a CSV keyed by barcode).';

/**
 * The hint for data without cell metadata (a Cell Ranger folder or .h5, a plain .mtx) — `noun` 'folder' for a
 * Cell Ranger folder (`sourceNoun`), which "This file" misnamed — in the browser, or in the desktop app
 * (`desktop`), which has File ▸ Open metadata….
 */
export function noLabelsHint(noun: 'file' | 'folder', desktop: boolean): string {
  return `This ${noun} holds no cell labels; ${desktop ? ADD_LABELS_DESKTOP : ADD_LABELS}`;
}
/** The hint for a file without cell metadata, in the browser. */
export const NO_LABELS_HINT = noLabelsHint('file', false);
/** The same in the desktop app. */
export const NO_LABELS_HINT_DESKTOP = noLabelsHint('file', true);

/**
 * The hint for a text table without metadata columns: its labels may be a column the importer read as a gene
 * (class codes such as 0/1), which Import settings can mark as metadata (a walkthrough: a panel whose `class`
 * held 0–6 was told to add a metadata file "keyed by barcode").
 */
export const TEXT_NO_LABELS_HINT =
  'No column of this file was read as cell labels: tick the column that holds them under Import settings ▸ Metadata columns and re-open (a column of class codes such as 0/1 is read as a gene), or add them with the “Metadata file” field below (a CSV keyed by cell id).';

/**
 * The hint for a text table without metadata columns that looks turned round (genes as rows): its columns are
 * samples, so none is a label to tick — turning it round comes first (a walkthrough on a genes × samples TSV was
 * told to tick the column holding the labels), as `inspect` says.
 */
export const TURNED_NO_LABELS_HINT =
  'The file looks turned round (see Orientation): its columns are samples, not labels. Choose Import settings ▸ Orientation: genes are rows (transpose) and re-open, then add the labels with the “Metadata file” field below (a CSV keyed by sample id).';

/**
 * The hint for data whose metadata columns are all continuous, in the browser or the desktop app (`desktop`):
 * a Cell Ranger folder's columns (`noun` 'folder') are those of a metadata file joined to it.
 */
export function onlyContinuousHint(
  noun: 'file' | 'folder',
  desktop: boolean,
  why = 'its columns are continuous values',
): string {
  const columns = noun === 'folder' ? 'No column joined to this folder' : 'No column of this file';
  return `${columns} holds cell labels (${why}); ${desktop ? ADD_LABELS_DESKTOP : ADD_LABELS}`;
}
/** The hint for a file whose metadata columns are all continuous, in the browser. */
export const ONLY_CONTINUOUS_HINT = onlyContinuousHint('file', false);
/** The same in the desktop app. */
export const ONLY_CONTINUOUS_HINT_DESKTOP = onlyContinuousHint('file', true);

/** What the picker is given: the columns, and (when known) the cells and the suggested label. */
export type LabelChoiceInput = Pick<DatasetSummary, 'metadata'> &
  Partial<Pick<DatasetSummary, 'rows' | 'suggestedLabel' | 'format' | 'orientation' | 'source'>>;

/**
 * True when no value of a column is held by two rows (an id such as a copy of obs_names): train refuses it
 * as a label (`src/data/shared-class.ts` `hasSharedClass`, the same rule), so the picker marks it. Its most
 * frequent value, counted, says so.
 */
function oneRowEach(m: MetadataColumnSummary): boolean {
  return m.topValues.length > 0 && m.topValues[0].count < 2;
}

/** True when a column's most frequent values are all numbers: cluster codes, not named classes. */
function numberedClasses(m: MetadataColumnSummary): boolean {
  return (
    m.topValues.length > 0 && m.topValues.every((t) => t.value.trim() !== '' && Number.isFinite(+t.value))
  );
}

/**
 * The columns that are not continuous, in the picker's order: the suggested label, then those with 2…max
 * classes by name score (`labelNameScore`), named classes before numbered ones, then the rest; ties in file
 * order. Without `rows` a label column may have 100 classes.
 */
export function orderLabelColumns(d: LabelChoiceInput): MetadataColumnSummary[] {
  const maxClasses = d.rows === undefined ? 100 : maxLabelClasses(d.rows);
  const rank = (m: MetadataColumnSummary): number[] => {
    if (m.name === d.suggestedLabel) return [0];
    if (m.distinct < 2 || m.distinct > maxClasses) return [2];
    return [1, -labelNameScore(m.name), numberedClasses(m) ? 1 : 0];
  };
  const ranked = d.metadata
    .filter((m) => m.continuous !== true)
    .map((m, index) => ({ m, key: [...rank(m), index] }));
  ranked.sort((a, b) => compareKeys(a.key, b.key));
  return ranked.map((r) => r.m);
}

/** Orders two keys element by element: their groups differ, or they are as long (each ends with a file position). */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The label picker's choices and hint for `d`. `desktop`: the page runs in the desktop app (its hint may name
 * File ▸ Open metadata…), not in a browser under `tripletlens serve`. Default false.
 */
export function labelChoices(d: LabelChoiceInput, desktop = false): LabelChoices {
  const ordered = orderLabelColumns(d);
  const labels = ordered.filter((m) => !oneRowEach(m));
  const continuous = d.metadata.filter((m) => m.continuous === true);
  const words = rowWords(d.format?.kind);
  const options = [
    // an id column stays in its place, shown (so the user sees why) but not choosable, as train refuses it
    ...ordered.map((m) =>
      oneRowEach(m)
        ? { value: m.name, text: `${m.name} (one value a ${words.one}: not a label)`, disabled: true }
        : { value: m.name, text: `${m.name} (${plural(m.distinct, 'value')})`, disabled: false },
    ),
    ...continuous.map((m) => ({
      value: m.name,
      text: `${m.name} (continuous: not a label)`,
      disabled: true,
    })),
  ];
  const textTable = (d.format?.kind ?? 'text') === 'text';
  // a table read as it is that looks turned round: turning it comes first, whatever its columns (a GEO series
  // matrix's gene symbols are metadata, but no label)
  const turned = textTable && d.orientation?.looksTurned === true && !d.suggestedLabel;
  const hint = turned
    ? TURNED_NO_LABELS_HINT
    : d.metadata.length === 0 && textTable
      ? TEXT_NO_LABELS_HINT
      : d.metadata.length === 0
        ? noLabelsHint(sourceNoun(d), desktop)
        : labels.length === 0
          ? onlyContinuousHint(
              sourceNoun(d),
              desktop,
              noLabelReason(ordered.length > 0, continuous.length > 0, words.one),
            )
          : null;
  return { options, hint };
}

/** Why no column is a label: its columns are continuous, ids (`ids`: one value a row), or some of each. */
function noLabelReason(ids: boolean, continuous: boolean, row: string): string {
  if (!ids) return 'its columns are continuous values';
  return continuous
    ? `its columns are continuous values or ids, one value a ${row}`
    : `its columns are ids, one value a ${row}`;
}
