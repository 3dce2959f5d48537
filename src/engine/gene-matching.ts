/**
 * Which column of a file feeds each of a model's genes, for `embed`. By name first; then, for the model's
 * genes left and the file's genes not yet used, in this order: by name with Ensembl version suffixes ignored;
 * the file's names against the model's gene ids; the file's id annotations against the model's names; the
 * file's ids against the model's ids (every id compared without its version). Each step pairs a model gene
 * with a file gene only when each is the other's one candidate in that step; genes that fit several (one id
 * on two model genes, two file genes with one id) stay for the next step, and those never paired are
 * reported as ambiguous: the result depends on no order.
 */
import { tableGeneIds, withoutVersion, type GeneIdColumn } from '../data/gene-ids.js';
import type { ExpressionTable } from '../data/types.js';

/** How a model gene was found in the file. */
export type MatchStep = 'name' | 'version' | 'file-name-model-id' | 'file-id-model-name' | 'file-id-model-id';

/** The steps in the order they are tried. */
export const MATCH_STEPS: readonly MatchStep[] = [
  'name',
  'version',
  'file-name-model-id',
  'file-id-model-name',
  'file-id-model-id',
];

/** Model genes and file genes one step could not pair one to one (names, in model and file order). */
export interface AmbiguousGenes {
  modelGenes: string[];
  fileGenes: string[];
}

/** The outcome of `matchGenes`. */
export interface GeneMatch {
  /** Per model gene (model order): the file column that feeds it, or -1. */
  columns: Int32Array;
  /** Per model gene: how it was found, or null when it was not. */
  steps: (MatchStep | null)[];
  /** How many model genes each step found. */
  counts: Record<MatchStep, number>;
  /** The groups a step could not pair that still hold an unmatched model gene, in model order. */
  ambiguous: AmbiguousGenes[];
  /** How many model genes are unmatched because of those ambiguities. */
  ambiguousGenes: number;
  /** The names of the model's id columns the match could use (none: the model records no ids). */
  modelIdColumns: string[];
  /** The names of the file's gene annotations it used as ids (none: the file has none). */
  fileIdColumns: string[];
}

/** Per gene (by index), the keys it is found under in one step. */
type Keys = (gene: number) => string[];

interface State {
  columns: Int32Array;
  steps: (MatchStep | null)[];
  claimed: Uint8Array;
  groups: { model: number[]; file: number[] }[];
}

const byName =
  (names: readonly string[]): Keys =>
  (i) => [withoutVersion(names[i])];

const byIds =
  (columns: readonly GeneIdColumn[]): Keys =>
  (i) => {
    const keys: string[] = [];
    for (const c of columns) if (c.ids[i]) keys.push(withoutVersion(c.ids[i]));
    return keys;
  };

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The unmatched model genes and unused file genes of one step that share a key, both ways. */
function candidates(
  state: State,
  fileCount: number,
  modelKeys: Keys,
  fileKeys: Keys,
): { ofFile: Map<number, number[]>; ofModel: Map<number, number[]> } {
  const byKey = new Map<string, number[]>();
  state.columns.forEach((c, m) => {
    if (c < 0) for (const key of new Set(modelKeys(m))) push(byKey, key, m);
  });
  const ofFile = new Map<number, number[]>();
  const ofModel = new Map<number, number[]>();
  for (let f = 0; f < fileCount; f++) {
    if (state.claimed[f]) continue;
    const found = new Set<number>();
    for (const key of fileKeys(f)) for (const m of byKey.get(key) ?? []) found.add(m);
    if (found.size === 0) continue;
    const models = [...found].sort((a, b) => a - b);
    ofFile.set(f, models);
    for (const m of models) push(ofModel, m, f);
  }
  return { ofFile, ofModel };
}

/** The model genes and file genes connected to model gene `start` through shared candidates. */
function component(
  start: number,
  ofFile: Map<number, number[]>,
  ofModel: Map<number, number[]>,
  seen: Set<number>,
): { model: number[]; file: number[] } {
  const model: number[] = [];
  const file = new Set<number>();
  const queue = [start];
  seen.add(start);
  while (queue.length > 0) {
    const m = queue.pop()!;
    model.push(m);
    for (const f of ofModel.get(m) ?? []) {
      file.add(f);
      for (const other of ofFile.get(f) ?? []) {
        if (!seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
  }
  return { model: model.sort((a, b) => a - b), file: [...file].sort((a, b) => a - b) };
}

/** One step: pairs what fits one to one, keeps the rest as ambiguous groups. */
function pairStep(state: State, step: MatchStep, fileCount: number, modelKeys: Keys, fileKeys: Keys): void {
  const { ofFile, ofModel } = candidates(state, fileCount, modelKeys, fileKeys);
  const seen = new Set<number>();
  for (const [m, files] of [...ofModel].sort((a, b) => a[0] - b[0])) {
    if (files.length === 1 && ofFile.get(files[0])!.length === 1) {
      state.columns[m] = files[0];
      state.steps[m] = step;
      state.claimed[files[0]] = 1;
    } else if (!seen.has(m)) state.groups.push(component(m, ofFile, ofModel, seen));
  }
}

/**
 * Matches the model's genes (`modelGenes`, with `modelIds`: other ids of the same genes) to `table`'s genes
 * and its id annotations; see the file comment for the order.
 */
export function matchGenes(
  modelGenes: readonly string[],
  modelIds: readonly GeneIdColumn[],
  table: Pick<ExpressionTable, 'genes' | 'geneAnnotations'>,
): GeneMatch {
  const fileIds = tableGeneIds(table);
  const fileCount = table.genes.length;
  const state: State = {
    columns: new Int32Array(modelGenes.length).fill(-1),
    steps: modelGenes.map(() => null),
    claimed: new Uint8Array(fileCount),
    groups: [],
  };
  const index = new Map(table.genes.map((g, c) => [g, c]));
  modelGenes.forEach((gene, m) => {
    const c = index.get(gene);
    if (c === undefined) return;
    state.columns[m] = c;
    state.steps[m] = 'name';
    state.claimed[c] = 1;
  });
  const modelNames = byName(modelGenes);
  const fileNames = byName(table.genes);
  pairStep(state, 'version', fileCount, modelNames, fileNames);
  if (modelIds.length > 0) pairStep(state, 'file-name-model-id', fileCount, byIds(modelIds), fileNames);
  if (fileIds.length > 0) pairStep(state, 'file-id-model-name', fileCount, modelNames, byIds(fileIds));
  if (fileIds.length > 0 && modelIds.length > 0)
    pairStep(state, 'file-id-model-id', fileCount, byIds(modelIds), byIds(fileIds));
  return summary(state, modelGenes, modelIds, table.genes, fileIds);
}

function summary(
  state: State,
  modelGenes: readonly string[],
  modelIds: readonly GeneIdColumn[],
  fileGenes: readonly string[],
  fileIds: readonly GeneIdColumn[],
): GeneMatch {
  const counts = Object.fromEntries(MATCH_STEPS.map((s) => [s, 0])) as Record<MatchStep, number>;
  for (const step of state.steps) if (step) counts[step]++;
  const unmatched = new Set<number>();
  const groups = state.groups.filter((g) => {
    const left = g.model.filter((m) => state.columns[m] < 0);
    for (const m of left) unmatched.add(m);
    return left.length > 0;
  });
  groups.sort((a, b) => a.model[0] - b.model[0]);
  return {
    columns: state.columns,
    steps: state.steps,
    counts,
    ambiguous: groups.map((g) => ({
      modelGenes: g.model.map((m) => modelGenes[m]),
      fileGenes: g.file.map((f) => fileGenes[f]),
    })),
    ambiguousGenes: unmatched.size,
    modelIdColumns: modelIds.map((c) => c.name),
    fileIdColumns: fileIds.map((c) => c.name),
  };
}

/**
 * The file's gene names with each column the match paired with a model gene other than by its exact name
 * renamed to that gene, so the model's recipe, which aligns genes by name, reads it. Unique: a renamed
 * column takes the name of a model gene that no file gene bears (else the name step would have paired it).
 */
export function namesForModel(
  fileGenes: readonly string[],
  modelGenes: readonly string[],
  match: Pick<GeneMatch, 'columns'>,
): string[] {
  const names = fileGenes.slice();
  match.columns.forEach((c, m) => {
    if (c >= 0) names[c] = modelGenes[m];
  });
  return names;
}
