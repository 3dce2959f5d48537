/**
 * What the user adds to a map: a selection of cells and labels edited on the map. Shared by the page (which
 * keeps them, with undo) and the engine (markers of a selection, retraining with edited labels, sessions,
 * exports). Plain data that crosses both transports (typed arrays travel as blobs, see wire.ts).
 */

/**
 * Dataset rows (0-based, in the order of the opened file's cells), sorted ascending, without repeats: how a
 * selection of cells is held and sent.
 */
export type CellRows = Int32Array;

/** The name the edited label column gets in exports, beside the original column, which is kept. */
export const EDITED_LABEL_COLUMN = 'label_edited';

/** Labels the user edited on the map: a new column beside the original label column. */
export interface EditedLabels {
  /** Name of the edited column in exports. Default {@link EDITED_LABEL_COLUMN}. */
  column: string;
  /** The original label column the edits started from (kept unchanged). */
  source: string;
  /** Category names, in display order; `codes` index into them. A category may end up with no cells. */
  categories: string[];
  /** One code per dataset row: an index into `categories`, or -1 for an unlabeled cell. */
  codes: Int32Array;
}
