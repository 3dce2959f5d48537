/**
 * The fields of a model folder's model.json and run.json that `embed` and a reopened session rely on, checked
 * as they are read: a hand-edited or damaged file must be refused naming the file and the field, not fail
 * later with "Cannot read properties of undefined" or project with the wrong label column.
 */
import { isRecord } from '../util/is-record.js';
import type { ModelManifest } from './model-folder.js';

const shown = (value: unknown) => JSON.stringify(value) ?? String(value);

/**
 * What is wrong with model.json's fields (`formatVersion`, `labelColumn`, `labelSource` when present, `classes`,
 * `dims`, `classColours` when present), or null. The
 * format itself is checked before (a file of another format is "not a TripletLens model").
 */
export function manifestProblem(manifest: ModelManifest): string | null {
  const m = manifest as unknown as Record<string, unknown>;
  if (typeof m.formatVersion !== 'number' || !Number.isInteger(m.formatVersion))
    return `formatVersion is ${shown(m.formatVersion)}, not a whole number`;
  if (typeof m.labelColumn !== 'string' || m.labelColumn === '')
    return `labelColumn is ${shown(m.labelColumn)}, not a column name`;
  if (m.labelSource !== undefined && (typeof m.labelSource !== 'string' || m.labelSource === ''))
    return `labelSource is ${shown(m.labelSource)}, not a column name`;
  if (!Array.isArray(m.classes) || !m.classes.every((c) => typeof c === 'string'))
    return 'classes is missing or not a list of class names';
  if (typeof m.dims !== 'number' || !Number.isInteger(m.dims) || m.dims < 1)
    return `dims is ${shown(m.dims)}, not a positive whole number`;
  // absent in folders saved before the map's colours were kept: those still load
  return classColoursProblem(m.classColours);
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** What is wrong with model.json's `classColours` (absent, or a list of { class, colour: '#rrggbb' }), or null. */
function classColoursProblem(value: unknown): string | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) return 'classColours is not a list of { class, colour }';
  const bad = value.findIndex(
    (c: unknown) =>
      !isRecord(c) ||
      typeof c.class !== 'string' ||
      typeof c.colour !== 'string' ||
      !HEX_COLOUR.test(c.colour),
  );
  return bad < 0 ? null : `classColours[${bad}] is ${shown(value[bad])}, not a { class, colour: '#rrggbb' }`;
}

/** What is wrong with run.json where embed reads it (its `input` section), or null. */
export function reportProblem(report: unknown): string | null {
  if (!isRecord(report)) return 'it is not a run report object';
  const input = report.input;
  if (!isRecord(input)) return 'its input section is missing';
  const format = input.format;
  if (format !== undefined && !(isRecord(format) && typeof format.matrix === 'string'))
    return 'input.format is not { kind, matrix }';
  return null;
}
