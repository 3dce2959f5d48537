/**
 * What the Import screen's label picker offers for a dataset: the label-like metadata columns in file order,
 * then the continuous ones (scores such as `S_score`: mostly distinct numbers) listed last, marked and not
 * choosable — they stay available for colouring the map — and a hint when no column can be a label.
 */
import type { DatasetSummary } from '../src/api/engine-api.js';
import { plural } from './format.js';

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
 * Where labels come from: the desktop's File ▸ Open metadata… and the page's own "Metadata file" field (the
 * browser page has no menu), both joining a CSV keyed by cell id (a 10x barcode).
 */
const ADD_LABELS = 'add them with Open metadata… (the “Metadata file” below: a CSV keyed by barcode).';

/** The hint for a file without cell metadata (a Cell Ranger folder or .h5, a plain .mtx). */
export const NO_LABELS_HINT = `This file holds no cell labels; ${ADD_LABELS}`;

/** The hint for a file whose metadata columns are all continuous. */
export const ONLY_CONTINUOUS_HINT = `No column of this file holds cell labels (its columns are continuous values); ${ADD_LABELS}`;

export function labelChoices(d: Pick<DatasetSummary, 'metadata'>): LabelChoices {
  const labels = d.metadata.filter((m) => m.continuous !== true);
  const continuous = d.metadata.filter((m) => m.continuous === true);
  const options = [
    ...labels.map((m) => ({
      value: m.name,
      text: `${m.name} (${plural(m.distinct, 'value')})`,
      disabled: false,
    })),
    ...continuous.map((m) => ({
      value: m.name,
      text: `${m.name} (continuous: not a label)`,
      disabled: true,
    })),
  ];
  const hint = d.metadata.length === 0 ? NO_LABELS_HINT : labels.length === 0 ? ONLY_CONTINUOUS_HINT : null;
  return { options, hint };
}
