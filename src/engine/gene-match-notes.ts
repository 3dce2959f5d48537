/**
 * What `embed` says about how a file's genes were matched to a model's (`gene-matching.ts`): genes found
 * other than by their exact name are never used silently, ambiguities are named, and a refusal says whether
 * ids were tried, so the user knows what to change.
 */
import type { GeneMatch, MatchStep } from './gene-matching.js';
import { countText } from '../api/count-text.js';

/** How many examples a sentence gives. */
const EXAMPLES = 3;
/** How many ambiguous groups a sentence lists. */
const GROUPS = 5;

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/** The first few model genes found by `steps`, as "FILE GENE as MODEL GENE". */
function examples(
  match: GeneMatch,
  steps: readonly MatchStep[],
  modelGenes: readonly string[],
  fileGenes: readonly string[],
): string {
  const found: string[] = [];
  for (let m = 0; m < modelGenes.length && found.length < EXAMPLES; m++) {
    const step = match.steps[m];
    if (step && steps.includes(step)) found.push(`${fileGenes[match.columns[m]]} as ${modelGenes[m]}`);
  }
  return found.join(', ');
}

/** What each id step compared, for the sentence. */
function idStepParts(match: GeneMatch): string[] {
  const model = quoted(match.modelIdColumns);
  const file = quoted(match.fileIdColumns);
  const parts: [MatchStep, string][] = [
    ['file-name-model-id', `the file's gene names against the model's ${model}`],
    ['file-id-model-name', `the file's ${file} against the model's gene names`],
    ['file-id-model-id', `the file's ${file} against the model's ${model}`],
  ];
  return parts
    .filter(([step]) => match.counts[step] > 0)
    .map(([step, what]) => `${match.counts[step]} by ${what}`);
}

const ID_STEPS: readonly MatchStep[] = ['file-name-model-id', 'file-id-model-name', 'file-id-model-id'];

/** How many model genes were found through gene ids. */
export function matchedById(match: GeneMatch): number {
  return ID_STEPS.reduce((n, step) => n + match.counts[step], 0);
}

/**
 * The sentences to show beside an embedding whose genes were not all found by their exact name: how many
 * were found ignoring version suffixes, how many through ids (and which), which stayed unmatched as ambiguous.
 */
export function geneMatchNotices(
  match: GeneMatch,
  modelGenes: readonly string[],
  fileGenes: readonly string[],
  file: string,
): string[] {
  const notices: string[] = [];
  const total = modelGenes.length;
  const versionless = match.counts.version;
  if (versionless > 0) {
    notices.push(
      `${countText(versionless)} of the model's ${countText(total)} genes were found in ${file} by name ignoring the Ensembl version ` +
        `suffix (e.g. ${examples(match, ['version'], modelGenes, fileGenes)}).`,
    );
  }
  const byId = matchedById(match);
  if (byId > 0) {
    notices.push(
      `${countText(byId)} of the model's ${countText(total)} genes were found in ${file} by gene id, not by name ` +
        `(${idStepParts(match).join('; ')}; e.g. ${examples(match, ID_STEPS, modelGenes, fileGenes)}), ` +
        'Ensembl version suffixes ignored.',
    );
  }
  if (match.ambiguousGenes > 0) {
    const groups = match.ambiguous
      .slice(0, GROUPS)
      .map((g) => `${g.modelGenes.join(', ')} ↔ ${g.fileGenes.join(', ')}`);
    const more = match.ambiguous.length > GROUPS ? `; and ${match.ambiguous.length - GROUPS} more` : '';
    notices.push(
      `${countText(match.ambiguousGenes)} of the model's genes were left unmatched in ${file} (filled with their ` +
        `training average) because their names or ids fit more than one gene: model ↔ file ${groups.join('; ')}${more}.`,
    );
  }
  return notices;
}

/**
 * How the genes were matched, as one sentence for a refusal: by name only (and why no ids were tried, with
 * what would let them be), or by name and then through which ids.
 */
export function matchingTried(match: GeneMatch, file: string): string {
  const model = match.modelIdColumns;
  const fileIds = match.fileIdColumns;
  const retrain =
    'a model trained on a file with gene ids (an h5ad var column such as gene_ids, a Cell Ranger features ' +
    "file, a loom's Accession) also matches files named by those ids.";
  if (model.length === 0 && fileIds.length === 0) {
    return `Genes were matched by name only, Ensembl version suffixes ignored: neither ${file} nor the model has gene ids to match through; ${retrain}`;
  }
  if (model.length === 0) {
    return (
      `Genes were matched by name, then through ${file}'s ${quoted(fileIds)} against the model's gene names; ` +
      `the model records no gene ids (trained on a file without them, or saved before TripletLens kept them): ${retrain}`
    );
  }
  const through =
    fileIds.length > 0
      ? `the model's ${quoted(model)} and ${file}'s ${quoted(fileIds)}`
      : `the model's ${quoted(model)} (${file} has no gene id annotation)`;
  return `Genes were matched by name, then by gene id through ${through}, Ensembl version suffixes ignored.`;
}
