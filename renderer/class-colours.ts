/**
 * The colours of the map's classes while the user edits labels and retrains: a class keeps the colour it was
 * first drawn in, and a new class (a selection labelled with a new name) takes the first palette colour no
 * class has. plot-model's groupColors alone hands out the palette by class size, so one relabelled cluster
 * shifted the colour of every smaller class. Pure.
 */
import {
  classesBySize,
  colourInputValue,
  extendColourBook,
  hexColour,
  type ColourBook,
} from '../src/api/class-palette.js';
import { UNLABELED_GROUP } from './plot-model.js';

// the book's rules are shared with the CLI's h5ad result (`defaultClassColours`), which colours a fresh map alike
export { classesBySize, colourInputValue, extendColourBook, hexColour, type ColourBook };

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * `colours` with the class `to` in the colour of `from`: a class renamed (or merged into a new name) is the
 * same cells and keeps its colour, where the book took the new name for a new class and gave it the next
 * palette colour (a walkthrough naming leiden clusters saw each named cluster change colour). Null when
 * nothing changes: `from` has no colour yet, `to` is empty or the same, or `to` has a colour already (a
 * rename onto an existing class merges into it, which keeps its own).
 */
export function renamedColours(
  colours: Readonly<Record<string, string>>,
  from: string,
  to: string,
): Record<string, string> | null {
  const name = to.trim();
  const colour = Object.hasOwn(colours, from) ? colours[from] : undefined;
  if (colour === undefined || name === '' || name === from || Object.hasOwn(colours, name)) return null;
  return { ...colours, [name]: colour };
}

/**
 * `colours` with class `name` drawn in `colour` (Edit labels' Colour picker); null when nothing changes: no
 * class chosen, a colour that is no '#rrggbb', or the class's colour already.
 */
export function recolouredClass(
  colours: Readonly<Record<string, string>>,
  name: string,
  colour: string,
): Record<string, string> | null {
  if (name === '' || !HEX_COLOR.test(colour)) return null;
  const own = Object.hasOwn(colours, name) ? colours[name] : undefined;
  if (colourInputValue(own) === colour.toLowerCase()) return null;
  return { ...colours, [name]: colour.toLowerCase() };
}

/**
 * The book as the AnnData export takes it: every class's colour as '#rrggbb' (scanpy's `uns['<column>_colors']`
 * and matplotlib read hex; the palette's hsl() hues beyond its first colours are not matplotlib colours), the
 * unlabeled group left out (it is no category).
 */
export function exportedClassColours(book: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, colour] of Object.entries(book)) {
    const hex = name === UNLABELED_GROUP ? null : hexColour(colour);
    if (hex !== null) out[name] = hex;
  }
  return out;
}
