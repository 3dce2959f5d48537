/**
 * The map legend's text. Plotly sizes its legend to the longest entry and cannot wrap or clip one, so class
 * names as single-cell files carry them (Cell Ontology labels such as "CD16-positive, CD56-dim natural killer
 * cell, human", 40 classes and more) took two thirds of the map's panel in a 1024 px window. An entry longer
 * than LEGEND_NAME_CHARS is shortened with an ellipsis; the full name stays in the legend group (what legend
 * clicks hide and show), in the cells' hover box and in the side bar's lists. Pure.
 */
/**
 * The most characters a legend entry shows: about 180 px of Plotly's 12 px legend font, which leaves a 2-D
 * map most of a 1024 px window's panel.
 */
export const LEGEND_NAME_CHARS = 28;

const ELLIPSIS = '…';

/** `name` cut to `max` characters, the cut marked with an ellipsis; a name that fits is returned as is. */
export function shortName(name: string, max = LEGEND_NAME_CHARS): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  return (
    chars
      .slice(0, Math.max(1, max - 1))
      .join('')
      .trimEnd() + ELLIPSIS
  );
}

/** `name` cut in the middle to `max` characters: start and end, which tell apart names alike at the start. */
function middleName(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const tail = Math.floor((max - 1) / 2);
  const head = Math.max(1, max - 1 - tail);
  return (
    chars.slice(0, head).join('').trimEnd() +
    ELLIPSIS +
    chars
      .slice(chars.length - tail)
      .join('')
      .trimStart()
  );
}

/** The names of `shown` (parallel to `names`) that another name shows the same as. */
function clashes(names: readonly string[], shown: readonly string[]): Set<string> {
  const owner = new Map<string, string>();
  const clash = new Set<string>();
  shown.forEach((s, i) => {
    const other = owner.get(s);
    if (other === undefined) owner.set(s, names[i]);
    else if (other !== names[i]) clash.add(s);
  });
  return new Set(names.filter((_, i) => clash.has(shown[i])));
}

/**
 * The legend text of each of `names` (parallel), each at most `max` characters and no two alike: names that
 * share their first `max` characters — "naive thymus-derived CD4-positive, …" and "… CD8-positive, …" do not,
 * but "effector memory CD8-positive, alpha-beta T cell" and the same with ", terminally differentiated" do —
 * keep their start and end instead, and names still alike that way are shown whole. Not escaped for Plotly.
 */
export function legendNames(names: readonly string[], max = LEGEND_NAME_CHARS): string[] {
  const shown = names.map((n) => shortName(n, max));
  const ends = clashes(names, shown);
  if (ends.size > 0) names.forEach((n, i) => ends.has(n) && (shown[i] = middleName(n, max)));
  const whole = clashes(names, shown);
  if (whole.size > 0) names.forEach((n, i) => whole.has(n) && (shown[i] = n));
  return shown;
}
