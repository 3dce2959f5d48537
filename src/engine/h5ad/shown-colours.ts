/**
 * The class colours the page's map shows, for its AnnData export: Explore's colour book (the page's palette, a
 * file's scanpy colours, a class recoloured with Edit labels' Colour picker), written as
 * `uns['<column>_colors']` of the run's label column, its edited labels and the predictions, so that
 * `sc.pl.embedding` draws each class as the page, its PNG and its HTML export did. Without them a file that
 * carried no colours got scanpy's default palette — other colours for the same classes — and a recoloured
 * class its old colour.
 */

import { UNCOLOURED } from './write-result-h5ad.js';
import { defaultClassColours, extendColourBook, hexColour, looksLikeAny } from '../../api/class-palette.js';
import type { ExpressionTable } from '../../data/types.js';
import type { TrainingRun } from '../types.js';
import { storedClassOrder } from './class-order.js';

/** Colours by class name, each '#rrggbb'. */
export type ShownColours = Readonly<Record<string, string>>;

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** What is wrong with `value` as ShownColours (null, or an object of '#rrggbb' strings), or null when nothing is. */
export function shownColoursProblem(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'the class colours must be an object';
  for (const [name, colour] of Object.entries(value)) {
    if (typeof colour !== 'string' || !HEX_COLOUR.test(colour)) {
      return `the colour of class '${name.slice(0, 40)}' is not a '#rrggbb' colour`;
    }
  }
  return null;
}

/**
 * `given` (the file's own colours of a column's categories) with the shown colours over them: a class drawn on
 * the page takes the colour it was drawn in, a category the page did not draw keeps the file's. Undefined
 * when neither has a colour.
 */
export function withShownColours(
  given: Readonly<Record<string, string>> | undefined,
  shown: ShownColours | null | undefined,
): Record<string, string> | undefined {
  if (!shown || Object.keys(shown).length === 0) return given ? { ...given } : undefined;
  const lower = Object.fromEntries(Object.entries(shown).map(([name, c]) => [name, c.toLowerCase()]));
  return { ...given, ...lower };
}

/**
 * `shown` with the unlabeled grey for each of `categories` that neither it nor the file's colours (`given`)
 * colour (a label column's category no cell has, which the page never drew): the predictions, whose
 * categories are the label column's, take colours only when every category has one, so without it they fell
 * back to scanpy's palette beside the label column's page colours. `shown` itself when it colours none of
 * `categories` (no map drawn by these labels).
 */
export function coveringCategories(
  shown: ShownColours,
  categories: readonly string[],
  given: Readonly<Record<string, string>> = {},
): ShownColours {
  if (!categories.some((c) => Object.hasOwn(shown, c))) return shown;
  const missing = categories.filter((c) => !Object.hasOwn(shown, c) && !Object.hasOwn(given, c));
  return missing.length === 0
    ? shown
    : { ...Object.fromEntries(missing.map((c) => [c, UNCOLOURED])), ...shown };
}

/**
 * The colours the page gives a fresh map of `run` (its palette in its class order, the file's own colours
 * where it has them), for a result written without a page — `train --out x.h5ad` —: without them the file's
 * uns['<label>_colors'] was missing and `sc.pl.embedding` drew the classes in scanpy's palette, other
 * colours than the app's map of the same run. The page's own book (`exportAnnData`) replaces them there.
 */
export function freshMapColours(
  table: ExpressionTable,
  run: Pick<TrainingRun, 'labels' | 'labelColumn'>,
): ShownColours {
  const order = storedClassOrder(table, run.labelColumn);
  return defaultClassColours(run.labels, order, table.categoryColors?.[run.labelColumn]);
}

/**
 * `embed`'s colours for the predictions' classes that the file's own colours of the model's label column
 * (`given`, its uns['<label>_colors']) leave out: the training map's (`model`, kept in the model folder) where
 * it has one that looks like none of the file's, else the first palette colours the file does not use. A file
 * of a subset or another sample lacks some of the model's classes; the writer colours the predictions only
 * when every category has a colour, so they fell back to scanpy's palette beside the label column's own
 * colours — one class in two colours, two classes in one. Null when the file colours none of `categories` or
 * all.
 */
export function colourUncovered(
  categories: readonly string[],
  given: Readonly<Record<string, string>> | undefined,
  model?: Readonly<Record<string, string>>,
): ShownColours | null {
  if (!given || !categories.some((c) => Object.hasOwn(given, c))) return null;
  const missing = categories.filter((c) => !Object.hasOwn(given, c));
  if (missing.length === 0) return null;
  // the map's colour of a class the file lacks, as the map drew it — unless a class of the file has its look
  const kept: Record<string, string> = {};
  const used = Object.values(given);
  for (const name of missing) {
    const colour = model && Object.hasOwn(model, name) ? model[name] : undefined;
    if (colour === undefined || looksLikeAny(colour, used)) continue;
    kept[name] = colour;
    used.push(colour);
  }
  const rest = missing.filter((name) => !Object.hasOwn(kept, name));
  return { ...kept, ...paletteColours({ ...given, ...kept }, rest) };
}

/**
 * `embed`'s colours for a file whose label column carries none: the model's (`model`, the training map's
 * colours kept in the model folder), so the predicted classes are drawn as the training map drew them, with
 * the first palette colours the model's do not use for the `categories` it lacks (a class of the file's own
 * label column that the model does not have). Null when the model keeps no colours (a folder saved before
 * they were kept): scanpy picks them.
 */
export function modelColours(
  categories: readonly string[],
  model: Readonly<Record<string, string>> | undefined,
): ShownColours | null {
  if (!model || Object.keys(model).length === 0) return null;
  const missing = categories.filter((c) => !Object.hasOwn(model, c));
  return { ...model, ...paletteColours(model, missing) };
}

/** The first palette colours that look like none of `used`'s, for `missing` ('#rrggbb' by name). */
function paletteColours(
  used: Readonly<Record<string, string>>,
  missing: readonly string[],
): Record<string, string> {
  if (missing.length === 0) return {};
  const taken = Object.entries(used).map(([name, colour]): [string, string] => [name, colour.toLowerCase()]);
  const book = extendColourBook(new Map(taken), missing);
  const added: Record<string, string> = {};
  for (const name of missing) {
    const hex = hexColour(book.get(name) ?? '');
    if (hex !== null) added[name] = hex;
  }
  return added;
}
