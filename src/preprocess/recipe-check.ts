/**
 * What is wrong with a preprocessing recipe read back from a file (a model folder's recipe.json, a session's
 * model), field by field. A recipe is JSON: a hand edit or a damaged copy can put `null` (what JSON.stringify
 * makes of NaN), a string or a short array where numbers belong, and Float64Array.from would turn those into
 * 0 or NaN without a word — new cells would then be projected with other numbers than the run's.
 */
import { isRecord } from '../util/is-record.js';
import { firstRepeat } from '../data/unique-names.js';
import type { PreprocessRecipe } from './types.js';

/** The first entry of `values` that is not a finite number (as "means[3] is null"), or null when all are. */
function firstNonFinite(name: string, values: readonly unknown[], atLeast?: number): string | null {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      return `${name}[${i}] is ${JSON.stringify(v) ?? String(v)}, not a finite number`;
    if (atLeast !== undefined && v < atLeast) return `${name}[${i}] is ${v}, below ${atLeast}`;
  }
  return null;
}

/** `value` as a list of `length` finite numbers (at least `atLeast`), or what is wrong with it. */
function numberList(name: string, value: unknown, length: number, atLeast?: number): string | null {
  if (!Array.isArray(value)) return `${name} is missing or not a list`;
  if (value.length !== length) return `${name} holds ${value.length} values, ${length} expected`;
  return firstNonFinite(name, value, atLeast);
}

/** The PCA step's problem, or null. */
function pcaProblem(pca: unknown, genes: number): string | null {
  if (pca === null) return null;
  if (!isRecord(pca)) return 'pca is missing (null when the recipe has no PCA)';
  const k = pca.components;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1)
    return `pca.components is ${JSON.stringify(k)}, not a positive whole number`;
  return numberList('pca.mean', pca.mean, genes) ?? numberList('pca.loadings', pca.loadings, genes * k);
}

/** The class-evidence step's problem, or null: its classifier reads the `genes` kept or the `output` columns. */
function evidenceProblem(step: unknown, genes: number, output: number): string | null {
  if (step === null || step === undefined) return null;
  if (!isRecord(step)) return 'classEvidence is not an object';
  const classes = step.classes;
  if (!Array.isArray(classes) || classes.length === 0 || !classes.every((c) => typeof c === 'string'))
    return 'classEvidence.classes is not a list of class names';
  const width = step.space === 'genes' ? genes : output;
  const k = classes.length;
  if (typeof step.factor !== 'number' || !Number.isFinite(step.factor))
    return `classEvidence.factor is ${JSON.stringify(step.factor)}, not a finite number`;
  return (
    numberList('classEvidence.bias', step.bias, k) ??
    numberList('classEvidence.weights', step.weights, k * width)
  );
}

/**
 * The first gene name of a recipe read from a file that repeats an earlier one, as a phrase, or null. Every
 * import makes gene names unique, so a repeat is a hand edit: two of the model's genes would read one column.
 */
export function repeatedGene(genes: readonly string[]): string | null {
  const found = firstRepeat(genes);
  if (found === undefined) return null;
  return `genes[${found.repeat}] repeats genes[${found.earlier}] (${JSON.stringify(genes[found.repeat])})`;
}

/**
 * Why `recipe` cannot be applied, as a phrase naming the field ("means[3] is null, not a finite number"), or
 * null when it is sound: format and version, gene names, every number finite (scales and spreads ≥ 0), the arrays' lengths
 * matching the genes and the PCA, and the output width matching its steps.
 */
export function recipeProblem(recipe: unknown): string | null {
  if (!isRecord(recipe)) return 'it is not a recipe object';
  if (recipe.format !== 'tripletlens-preprocess' || recipe.version !== 1)
    return `it is not a TripletLens preprocessing recipe of version 1 (format ${JSON.stringify(recipe.format)}, version ${JSON.stringify(recipe.version)})`;
  const genes = recipe.genes;
  if (!Array.isArray(genes) || genes.length === 0) return 'genes is missing or empty';
  const badGene = genes.findIndex((g) => typeof g !== 'string');
  if (badGene >= 0) return `genes[${badGene}] is ${JSON.stringify(genes[badGene])}, not a gene name`;
  const g = genes.length;
  const normalize = recipe.normalize;
  if (
    normalize !== null &&
    !(
      isRecord(normalize) &&
      typeof normalize.targetSum === 'number' &&
      normalize.targetSum > 0 &&
      Number.isFinite(normalize.targetSum)
    )
  )
    return 'normalize is neither null nor { targetSum: a positive number }';
  if (typeof recipe.log1p !== 'boolean') return 'log1p is not true or false';
  const clip = recipe.clip;
  if (clip !== null && !(typeof clip === 'number' && clip > 0 && Number.isFinite(clip)))
    return `clip is ${JSON.stringify(clip)}, neither null nor a positive number`;
  const total = recipe.logTotal;
  if (
    total !== undefined &&
    total !== null &&
    !(typeof total === 'number' && total > 0 && Number.isFinite(total))
  )
    return `logTotal is ${JSON.stringify(total)}, neither null nor a positive number`;
  const lists =
    numberList('means', recipe.means, g) ??
    (recipe.scales === null ? null : numberList('scales', recipe.scales, g, 0)) ??
    // absent in recipes saved before it was stored
    (recipe.spreads === undefined ? null : numberList('spreads', recipe.spreads, g, 0)) ??
    pcaProblem(recipe.pca, g);
  if (lists) return lists;
  const pca = recipe.pca as PreprocessRecipe['pca'];
  const output = pca ? pca.components : g;
  const evidence = evidenceProblem(recipe.classEvidence, g, output);
  if (evidence) return evidence;
  const step = recipe.classEvidence as PreprocessRecipe['classEvidence'];
  const width = output + (step ? step.classes.length : 0);
  if (recipe.outputColumns !== width)
    return `outputColumns is ${JSON.stringify(recipe.outputColumns)}, but its steps make ${width} columns`;
  return null;
}
