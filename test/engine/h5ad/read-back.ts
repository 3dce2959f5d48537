/**
 * Reads an h5ad written by the result writer back through h5wasm, the way a reader that follows anndata's
 * spec would: every element's encoding attributes, dataframes by `column-order`, categoricals decoded.
 * Independent of the writer's code so a test of the file is not a test of the writer against itself.
 */
import type { Dataset, Group } from 'h5wasm/node';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';

export type Column = string[] | number[];

export interface ReadBack {
  /** path → { encoding-type, encoding-version } for every group and dataset. */
  encodings: Map<string, { type: unknown; version: unknown }>;
  /** path → the h5wasm dtype of every dataset. */
  dtypes: Map<string, unknown>;
  obsIndex: string[];
  obsColumnOrder: string[];
  /** Each obs column decoded (categoricals to their category or null, numbers as numbers). */
  obs: Record<string, (string | number | null)[]>;
  obsCategories: Record<string, string[]>;
  varIndex: string[];
  /** X as dense rows × cols. */
  X: number[][];
  xEncoding: string;
  embedding: number[][];
  uns: Record<string, unknown>;
}

function attr(node: Group | Dataset, name: string): unknown {
  return name in node.attrs ? node.attrs[name].json_value : undefined;
}

function walk(group: Group, prefix: string, out: ReadBack): void {
  for (const key of group.keys()) {
    const path = prefix ? `${prefix}/${key}` : key;
    const node = group.get(key) as Group | Dataset;
    out.encodings.set(path, { type: attr(node, 'encoding-type'), version: attr(node, 'encoding-version') });
    if (node.type === 'Group') walk(node as Group, path, out);
    else out.dtypes.set(path, (node as Dataset).dtype);
  }
}

function values(node: Dataset): (string | number)[] {
  return Array.from(node.value as ArrayLike<string | number>, (v) => (typeof v === 'bigint' ? Number(v) : v));
}

function rows(flat: ArrayLike<number>, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += cols) out.push(Array.from(flat).slice(i, i + cols));
  return out;
}

function readX(file: Group, nCells: number, nGenes: number): { X: number[][]; encoding: string } {
  const x = file.get('X') as Group | Dataset;
  const encoding = String(attr(x, 'encoding-type'));
  if (encoding === 'array') return { X: rows((x as Dataset).value as Float32Array, nGenes), encoding };
  const g = x as Group;
  const data = values(g.get('data') as Dataset) as number[];
  const indices = values(g.get('indices') as Dataset) as number[];
  const indptr = values(g.get('indptr') as Dataset) as number[];
  const X = Array.from({ length: nCells }, () => new Array<number>(nGenes).fill(0));
  for (let r = 0; r < nCells; r++) for (let k = indptr[r]; k < indptr[r + 1]; k++) X[r][indices[k]] = data[k];
  return { X, encoding };
}

/** Reads `path` (closing it before returning). */
export async function readBack(path: string): Promise<ReadBack> {
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(path, 'r');
  try {
    const out: ReadBack = {
      encodings: new Map([
        ['', { type: attr(file, 'encoding-type'), version: attr(file, 'encoding-version') }],
      ]),
      dtypes: new Map(),
      obsIndex: [],
      obsColumnOrder: [],
      obs: {},
      obsCategories: {},
      varIndex: [],
      X: [],
      xEncoding: '',
      embedding: [],
      uns: {},
    };
    walk(file, '', out);
    const obs = file.get('obs') as Group;
    out.obsIndex = values(obs.get(String(attr(obs, '_index'))) as Dataset) as string[];
    out.obsColumnOrder = attr(obs, 'column-order') as string[];
    for (const name of out.obsColumnOrder) {
      const node = obs.get(name) as Group | Dataset;
      if (attr(node, 'encoding-type') === 'categorical') {
        const categories = values((node as Group).get('categories') as Dataset) as string[];
        const codes = values((node as Group).get('codes') as Dataset) as number[];
        out.obsCategories[name] = categories;
        out.obs[name] = codes.map((c) => (c < 0 ? null : categories[c]));
      } else {
        out.obs[name] = values(node as Dataset);
      }
    }
    const variables = file.get('var') as Group;
    out.varIndex = values(variables.get(String(attr(variables, '_index'))) as Dataset) as string[];
    ({ X: out.X, encoding: out.xEncoding } = readX(file, out.obsIndex.length, out.varIndex.length));
    const embedding = (file.get('obsm') as Group).get('X_tripletlens') as Dataset;
    out.embedding = rows(embedding.value as Float32Array, (embedding.shape as number[])[1]);
    const uns = file.get('uns') as Group;
    for (const key of uns.keys()) out.uns[key] = (uns.get(key) as Dataset).json_value;
    return out;
  } finally {
    file.close();
  }
}
