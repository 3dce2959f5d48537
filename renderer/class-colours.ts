/**
 * The colours of the map's classes while the user edits labels and retrains: a class keeps the colour it was
 * first drawn in, and a new class (a selection labelled with a new name) takes the first palette colour no
 * class has. plot-model's groupColors alone hands out the palette by class size, so one relabelled cluster
 * shifted the colour of every smaller class. Pure.
 */
import { categoryColor } from './colors.js';
import { orderClasses, UNLABELED_GROUP, type CategoryColors } from './plot-model.js';

/** A class → colour book; never mutated (extendColourBook returns a new one when it grows). */
export type ColourBook = ReadonlyMap<string, string>;

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * `book` with a colour for every name in `names` (in the order groupColors would colour them, largest class
 * first): the file's own colour (`given`) when it has one, else the first palette colour not in the book.
 * "unlabeled" is left to plot-model (grey). Returns `book` itself when nothing was added.
 */
export function extendColourBook(
  book: ColourBook,
  names: readonly string[],
  given?: CategoryColors,
): ColourBook {
  const missing = names.filter((n) => n !== UNLABELED_GROUP && !book.has(n));
  if (missing.length === 0) return book;
  const out = new Map(book);
  const used = new Set(book.values());
  let next = 0;
  for (const name of missing) {
    const own = given && Object.hasOwn(given, name) ? given[name] : undefined;
    let colour: string;
    if (own !== undefined && HEX_COLOR.test(own)) colour = own;
    else {
      while (used.has(categoryColor(next))) next++;
      colour = categoryColor(next);
    }
    used.add(colour);
    out.set(name, colour);
  }
  return out;
}

/** The class names of `labels` as groupRows orders its groups (`orderClasses`: cluster codes by number, else largest first). */
export function classesBySize(labels: readonly string[], order?: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of labels) {
    const key = l.trim();
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return orderClasses(
    [...counts].map(([name, count]) => ({ name, count })),
    order,
  ).map((c) => c.name);
}

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
 * A book colour as an `<input type="color">` takes it, '#rrggbb' in lower case ('#ABC' → '#aabbcc'); null for
 * a colour it cannot show (the hsl() hues beyond the palette, a class with no colour yet).
 */
export function colourInputValue(colour: string | undefined): string | null {
  if (colour === undefined || !HEX_COLOR.test(colour)) return null;
  const hex = colour.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((d) => d + d).join('')}` : `#${hex}`;
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

const HSL_COLOR = /^hsl\(\s*(-?[\d.]+)\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*\)$/i;

/** `colour` ('#rgb', '#rrggbb' or the palette's 'hsl(h, s%, l%)') as '#rrggbb' in lower case; null for another form. */
export function hexColour(colour: string): string | null {
  const hex = colourInputValue(colour);
  if (hex !== null) return hex;
  const hsl = HSL_COLOR.exec(colour.trim());
  if (!hsl) return null;
  const h = ((Number(hsl[1]) % 360) + 360) % 360;
  const s = Math.min(1, Number(hsl[2]) / 100);
  const l = Math.min(1, Number(hsl[3]) / 100);
  // CSS Color 4's hsl → rgb
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
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
