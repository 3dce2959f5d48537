/**
 * The map's class colours, shared by the page and the CLI: the palette (Okabe–Ito, then Tableau hues, then
 * golden-angle hues), the order classes take it in (`orderClasses`: the file's stored categories, cluster codes
 * by number, else largest first), the colour book a fresh map grows (`extendColourBook`) and its colours as
 * '#rrggbb' (`hexColour`). `train --out x.h5ad` writes `defaultClassColours` as uns['<label>_colors'], so
 * `sc.pl.embedding` shows the classes in the colours the page gives a fresh map of the same run. Pure.
 */

import { labDistance, labOfHex } from './colour-distance.js';

/** Okabe–Ito (colour-blind safe) followed by distinct Tableau-20 hues: 22 distinguishable classes. */
export const CATEGORICAL_PALETTE: readonly string[] = [
  // Okabe–Ito
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
  // Tableau hues not close to the ones above (and no grey: grey means unlabeled)
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#bcbd22',
  '#17becf',
  '#e377c2',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
  '#dbdb8d',
  '#9edae5',
];

/** Grey for cells without a label. */
export const UNLABELED_COLOR = '#b0b0b0';

/** The colour of the i-th category; beyond the palette, hues spread by the golden angle. */
export function categoryColor(index: number): string {
  if (index < CATEGORICAL_PALETTE.length) return CATEGORICAL_PALETTE[index];
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue}, 55%, 50%)`;
}

/** The name unlabeled cells are grouped under on the map (no class: the book gives it no colour). */
export const UNLABELED_GROUP = 'unlabeled';

/** A class name that is an integer code, as leiden/louvain clusters are named ('0', '1', … '10'). */
const CLUSTER_CODE = /^-?\d+$/;

/**
 * Orders class names with their cell counts: those of `order` (the file's stored categories) in that order,
 * first; then, when every name is an integer code (leiden/louvain clusters), in natural numeric order ('0',
 * '1', '2', … '10'), as scanpy's legend lists a cluster column's categories; otherwise largest first (ties
 * alphabetical), as text labels of a text file have no order of their own.
 */
export function orderClasses<T extends { name: string; count: number }>(
  classes: T[],
  order?: readonly string[],
): T[] {
  if (order && order.length > 0) {
    const at = new Map(order.map((name, i) => [name, i]));
    const known = classes.filter((c) => at.has(c.name));
    known.sort((a, b) => (at.get(a.name) ?? 0) - (at.get(b.name) ?? 0));
    return [...known, ...orderClasses(classes.filter((c) => !at.has(c.name)))];
  }
  if (classes.length > 0 && classes.every((c) => CLUSTER_CODE.test(c.name))) {
    return classes.sort(
      (a, b) => Number(a.name) - Number(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  }
  return classes.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A class → colour book; never mutated (extendColourBook returns a new one when it grows). */
export type ColourBook = ReadonlyMap<string, string>;

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * `book` with a colour for every name in `names` (in the order groupColors would colour them, largest class
 * first): the file's own colour (`given`) when it has one, else the first palette colour that looks like none in the book (`isTaken`).
 * "unlabeled" is left to plot-model (grey). Returns `book` itself when nothing was added.
 */
export function extendColourBook(
  book: ColourBook,
  names: readonly string[],
  given?: Readonly<Record<string, string>>,
): ColourBook {
  const missing = names.filter((n) => n !== UNLABELED_GROUP && !book.has(n));
  if (missing.length === 0) return book;
  const out = new Map(book);
  const used = new Set(book.values());
  const usedLab = [...used].map(labOfColour).filter((lab) => lab !== null);
  let next = 0;
  for (const name of missing) {
    const own = given && Object.hasOwn(given, name) ? given[name] : undefined;
    let colour: string;
    if (own !== undefined && HEX_COLOR.test(own)) colour = own;
    else {
      while (isTaken(categoryColor(next), next, used, usedLab)) next++;
      colour = categoryColor(next);
    }
    used.add(colour);
    const lab = labOfColour(colour);
    if (lab !== null) usedLab.push(lab);
    out.set(name, colour);
  }
  return out;
}

/**
 * Below this ΔE*76 a palette colour passes for one a class has. The palette's own closest pair ('#F0E442' and
 * '#bcbd22') is 16.2 apart, so a fresh map takes the palette in order as before; a file's own colours (scanpy's
 * tab10 blue '#1f77b4', 2.9 from '#0072B2') or a colour written in another case ('#0072b2', read back from our
 * own export) are passed over, where a new class had been drawn in a class's colour to the eye.
 */
export const LOOKS_THE_SAME = 15;

/** A colour as L*a*b*: '#rgb', '#rrggbb' or the palette's hsl(); null for another form. */
function labOfColour(colour: string): [number, number, number] | null {
  const hex = hexColour(colour);
  return hex === null ? null : labOfHex(hex);
}

/**
 * Whether the palette's `index`-th colour is taken: one of its fixed colours when it looks like a colour in
 * use; a golden-angle hue beyond them only when it is that colour (they never run out, but near hues would
 * pass each other over without end on a map of many classes).
 */
function isTaken(
  colour: string,
  index: number,
  used: ReadonlySet<string>,
  usedLab: readonly (readonly number[])[],
): boolean {
  if (used.has(colour)) return true;
  if (index >= CATEGORICAL_PALETTE.length) return false;
  const lab = labOfColour(colour);
  return lab !== null && usedLab.some((u) => labDistance(lab, u) < LOOKS_THE_SAME);
}

/**
 * True when `colour` is one of `used` or passes for one to the eye (ΔE*76 below LOOKS_THE_SAME): a colour
 * kept from elsewhere (a model folder's) that would draw a class in another class's colour.
 */
export function looksLikeAny(colour: string, used: readonly string[]): boolean {
  const lab = labOfColour(colour);
  if (lab === null) return used.includes(colour);
  return used.some((u) => {
    const other = labOfColour(u);
    return other === null ? u === colour : labDistance(lab, other) < LOOKS_THE_SAME;
  });
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
 * A book colour as an `<input type="color">` takes it, '#rrggbb' in lower case ('#ABC' → '#aabbcc'); null for
 * a colour it cannot show (the hsl() hues beyond the palette, a class with no colour yet).
 */
export function colourInputValue(colour: string | undefined): string | null {
  if (colour === undefined || !HEX_COLOR.test(colour)) return null;
  const hex = colour.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((d) => d + d).join('')}` : `#${hex}`;
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
 * The colours a fresh map gives the classes of `labels` (one per cell; '' unlabeled, which gets none), as
 * '#rrggbb' by class: the file's own colour (`given`) where it has one, else the palette in `orderClasses`'
 * order (`order`: the file's stored categories of the label column). Every class gets one.
 */
export function defaultClassColours(
  labels: readonly string[],
  order?: readonly string[],
  given?: Readonly<Record<string, string>>,
): Record<string, string> {
  const book = extendColourBook(new Map(), classesBySize(labels, order), given);
  const out: Record<string, string> = {};
  for (const [name, colour] of book) {
    const hex = hexColour(colour);
    if (hex !== null) out[name] = hex;
  }
  return out;
}
