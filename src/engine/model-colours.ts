/**
 * The training map's class colours, kept in the model folder (model.json `classColours`) so that `embed`'s
 * h5ad colours the projected cells' predicted classes as the map of the training cells was coloured: a query
 * file without its own `uns['<label>_colors']` left the predictions to scanpy's palette, other colours for the
 * same classes than the training map's.
 */
import { classesBySize } from '../api/class-palette.js';
import type { ExpressionTable } from '../data/types.js';
import { storedClassOrder } from './h5ad/class-order.js';
import { freshMapColours, type ShownColours } from './h5ad/shown-colours.js';
import type { ClassColour } from './model-folder.js';
import type { TrainingRun } from './types.js';

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * The colours of `run`'s classes in the order its map lists them (the label column's stored order, else
 * cluster codes by number, else largest first): `shown`, the page's colours (its palette, a file's own
 * colours, a class recoloured in Edit labels), where it has one, else those the app gives a fresh map of the
 * run (`freshMapColours`, which `train --out x.h5ad` writes as `uns['<label>_colors']`). Default `shown`: none.
 * A list, not an object: cluster codes ('0', '1', '10'…) as an object's keys would be reordered by number.
 */
export function mapClassColours(
  table: ExpressionTable,
  run: Pick<TrainingRun, 'labels' | 'labelColumn'>,
  shown: ShownColours | null = null,
): ClassColour[] {
  const fresh = freshMapColours(table, run);
  const order = classesBySize(run.labels, storedClassOrder(table, run.labelColumn));
  return order.flatMap((name) => {
    const colour = (shown && Object.hasOwn(shown, name) ? shown[name] : fresh[name])?.toLowerCase();
    return colour && HEX_COLOUR.test(colour) ? [{ class: name, colour }] : [];
  });
}

/** `list` as colours by class name, for the h5ad writer, which pairs them with a column's categories. */
export function coloursByClass(list: readonly ClassColour[] | undefined): ShownColours | undefined {
  if (!list || list.length === 0) return undefined;
  return Object.fromEntries(list.map((c) => [c.class, c.colour]));
}
