/**
 * The genes of an h5ad input written into a result whose run was trained on one of the input's embeddings
 * (obsm/X_pca): the run holds only the embedding, but a scanpy or cellxgene user expects their data — X and
 * var as in the input file — with the map added. So X is copied from the input file when the result is
 * written, block by block in its stored layout and dtype (CSR/CSC stay sparse; an atlas is never in memory
 * whole; float16, which h5wasm cannot write, widened to float32), gzip-compressed when the input's was, and
 * var as the importer reads it, its gene names as stored (repeats included, as anndata allows them). The
 * rest of the user's AnnData comes along the same way: layers (layers/counts), raw (raw/X, raw/var, raw/varm), the
 * other obsm entries (X_umap…), obsp (the neighbour graph), varm (PCs), varp and uns (`copy-uns.ts`: the
 * graph's keys and parameters, colours, pca…). An input whose X is None, or whose X TripletLens cannot read,
 * gives a result without X, with a note; a layer, raw, obsm, obsp, varm, varp or uns entry it cannot read,
 * or whose shape anndata would refuse, is left out with a note. An input that is gone or changed since the
 * run read it stops the write with a message saying so.
 *
 * A result of a run's own genes from an h5ad (`writeInputCells`) keeps the elements of the input's cells,
 * which need no choice of columns: obsm entries, obsp and raw (not layers, varm or varp: they are the
 * input's genes, not the run's — named in a note, `h5ad-elements.ts`), and uns, the dataset's metadata. Those are extras: an input gone or changed
 * gives the result without them, with one note.
 */
import { stat } from 'node:fs/promises';
import type { Group } from 'h5wasm/node';
import { CoreError } from '../../api/core-error.js';
import { DataImportError, type DataSource } from '../../data/index.js';
import {
  openH5adCells,
  openH5adGenes,
  SPARSE_PARTS,
  type H5adCells,
  type H5adGenes,
  type StoredMatrix,
} from '../../data/formats/h5ad-genes.js';
import type { H5adElements } from '../../data/formats/h5ad-elements.js';
import { embeddingOfMatrix } from '../../api/matrix-input.js';
import { sourceName } from '../../data/source-text.js';
import { makeUnique } from '../../data/unique-names.js';
import { setEncoding, writeDataFrame, writeDict, writeStreamed } from './anndata-elements.js';
import { validColumnName } from './column-names.js';
import { obsColumnOf } from './obs-encoding.js';
import { copyUns, type UnsTaken } from './copy-uns.js';
import type { NotedFrame } from './column-notes.js';

/** Where a result's X and var come from when its run was trained on an embedding of an h5ad input. */
export interface InputGenes {
  /** The h5ad input (its path, or the bytes the session holds). */
  source: DataSource;
  /** The matrix the run was trained on, named as in the file ('obsm/X_pca'), for the messages. */
  trainedOn: string;
}

/** Why `source` cannot be opened again: gone (moved, deleted) or not a file; null when it is there. */
async function missing(source: DataSource): Promise<string | null> {
  if (typeof source !== 'string') return null;
  const info = await stat(source).catch(() => null);
  if (info === null) return `${source} is no longer there (moved or deleted)`;
  return info.isFile() ? null : `${source} is no longer a file`;
}

/** Opens the input's genes, or says why they cannot be copied (the file gone, changed or unreadable). */
async function openGenes(genes: InputGenes, ids: readonly string[]): Promise<H5adGenes> {
  const fail = (why: string) =>
    new CoreError(
      'bad-input',
      `the map was trained on ${genes.trainedOn}, so X and var (the genes) are copied from the input ${sourceName(genes.source)} as the result is written, but ${why}. Put the input file back as it was and export again, or export the coordinates (CSV).`,
    );
  const gone = await missing(genes.source);
  if (gone !== null) throw fail(gone);
  try {
    return await openH5adGenes(genes.source, ids);
  } catch (err) {
    if (!(err instanceof DataImportError)) throw err;
    throw fail(err.message.replace(/\.$/, ''));
  }
}

/** `matrix` copied in blocks under `name`, as stored: a dense array, or a CSR/CSC group with its parts and shape. */
function copyMatrix(
  parent: Group,
  name: string,
  matrix: StoredMatrix,
  blockElements: number | undefined,
): void {
  if (matrix.storage === 'dense') {
    const level = matrix.gzipLevel();
    const dataset = writeStreamed(
      parent,
      name,
      matrix.rows,
      matrix.cols,
      matrix.readRows,
      blockElements,
      level,
    );
    setEncoding(dataset, 'array', '0.2.0');
    return;
  }
  const group = parent.create_group(name);
  setEncoding(group, matrix.storage === 'csr' ? 'csr_matrix' : 'csc_matrix', '0.1.0');
  group.create_attribute('shape', new BigInt64Array([BigInt(matrix.rows), BigInt(matrix.cols)]), [2], '<q');
  for (const part of SPARSE_PARTS) {
    const read = (start: number, end: number) => matrix.readPart(part, start, end);
    const level = matrix.gzipLevel(part);
    writeStreamed(group, part, matrix.partLength(part), undefined, read, blockElements, level);
  }
}

/** A var (or raw/var) dataframe as the input stores it: gene names as stored, columns in their encoding. */
function copyVar(parent: Group, frame: Pick<H5adGenes, 'varNames' | 'varIndexName' | 'var'>): void {
  const names = makeUnique(frame.var.map((c) => validColumnName(c.name))).names;
  // the gene names as stored, repeats included: anndata allows them (and warns on reading), and the copy
  // is the input's var — renaming a repeat would give a gene a name the user's own data does not have
  writeDataFrame(
    parent,
    'var',
    frame.varNames,
    // a numeric column still held as numbers is written from them, its text never made
    frame.var.map((c, i) => obsColumnOf(names[i], c)),
    frame.varIndexName,
  );
}

/**
 * Where the input's layers, obsm, obsp, varm, varp and uns entries go, and the obsm and uns names the result's
 * own entries take.
 */
export interface CopyTargets {
  /** The result's `layers` dict. */
  layers: Group;
  /** The result's `obsm` dict. */
  obsm: Group;
  /** The result's `obsp` dict. */
  obsp: Group;
  /** The result's `varm` dict. */
  varm: Group;
  /** The result's `varp` dict. */
  varp: Group;
  /** The result's `uns` dict. */
  uns: Group;
  /** The obsm names the result writes itself (the map, the embedding the run was trained on). */
  obsmTaken: readonly string[];
  /** The uns names the result writes itself (the report, the colours of its columns). */
  unsTaken: UnsTaken;
  /**
   * The result's dataframes, for the notes on columns not written in their stored dtype (`column-notes.ts`):
   * the var and raw.var copied from the input are added as they are copied.
   */
  frames: NotedFrame[];
}

/**
 * The input's layers, raw, obsm, obsp, varm, varp and uns entries as opened (`elements`: a genes run's opens
 * no layers, varm or varp), but obsm `ownObsm` (the embedding the run was trained on, which the result writes
 * itself); an obsm or uns name the result takes (its map X_tripletlens, its report uns['tripletlens']) keeps
 * the input's entry under a new name. The one place both kinds of result copy the input's elements. Returns
 * the notes (renames).
 */
function copyElements(
  file: Group,
  elements: H5adElements,
  ownObsm: string | null,
  into: CopyTargets,
  blockElements: number | undefined,
): string[] {
  const { layers, raw, obsm, obsp, varm, varp } = elements;
  for (const layer of layers) copyMatrix(into.layers, layer.name, layer.matrix, blockElements);
  if (raw) {
    const group = file.create_group('raw');
    setEncoding(group, 'raw', '0.1.0');
    copyMatrix(group, 'X', raw.x, blockElements);
    copyVar(group, raw);
    into.frames.push({ at: 'raw.var', columns: raw.var });
    const rawVarm = writeDict(group, 'varm');
    for (const e of raw.varm) copyMatrix(rawVarm, e.name, e.matrix, blockElements);
  }
  for (const e of obsp) copyMatrix(into.obsp, e.name, e.matrix, blockElements);
  for (const e of varm) copyMatrix(into.varm, e.name, e.matrix, blockElements);
  for (const e of varp) copyMatrix(into.varp, e.name, e.matrix, blockElements);
  const copied = obsm.filter((e) => e.name !== ownObsm);
  const names = makeUnique([...into.obsmTaken, ...copied.map((e) => e.name)]).names.slice(
    into.obsmTaken.length,
  );
  const notes: string[] = [];
  copied.forEach((e, i) => {
    copyMatrix(into.obsm, names[i], e.matrix, blockElements);
    if (names[i] !== e.name) {
      notes.push(
        `the input's obsm '${e.name}' is kept as obsm '${names[i]}', as the result's own obsm '${e.name}' takes its name.`,
      );
    }
  });
  return [...notes, ...copyUns(into.uns, elements.uns, into.unsTaken)];
}

/**
 * Writes X (when the input has one) and var of the input's genes into `file` and, with `into`, its layers,
 * raw, other obsm entries, obsp, varm, varp and uns; returns what a user should know (an input whose X is None gives a
 * result without X; what could not be copied is left out with a note). `open` (default none: the file is
 * opened here): the input's genes opened already, closed here when written.
 */
export async function writeInputGenes(
  file: Group,
  genes: InputGenes,
  ids: readonly string[],
  blockElements?: number,
  into?: CopyTargets,
  open: H5adGenes | null = null,
): Promise<string[]> {
  // `open`: the input's genes opened already (`openSameGenes`), closed here as a file opened here is
  const opened = open ?? (await openGenes(genes, ids));
  let copied: string[] = [];
  try {
    if (opened.x) copyMatrix(file, 'X', opened.x, blockElements);
    copyVar(file, opened);
    if (into) {
      into.frames.push({ at: 'var', columns: opened.var });
      const own = embeddingOfMatrix(genes.trainedOn);
      copied = copyElements(file, opened.elements, own, into, blockElements);
    }
  } finally {
    await opened.close();
  }
  const name = sourceName(genes.source);
  const elementNotes = into ? [...opened.elements.notes, ...copied] : [];
  const notes = [...opened.notes.map((n) => `${name}: ${n}`), ...elementNotes];
  if (opened.xLeftOut !== null) {
    const why = `the result has no X (anndata reads it as X None), as the input's X could not be copied: ${opened.xLeftOut}`;
    return [why, ...notes];
  }
  if (opened.x !== null) return notes;
  return [
    `${name} has no X (X is None), so the result has none either (anndata reads it as X None; cellxgene needs an X): the map was trained on ${genes.trainedOn}, which the result holds in obsm under its own name.`,
    ...notes,
  ];
}

/**
 * Copies the elements of the cells of the h5ad input `source` — obsm entries, obsp and raw — and its uns into the result
 * `file` of a run on its genes (`ids` its cells); returns the notes: what is left out and why, renamed obsm
 * entries. They are extras of a result that holds the run's genes and map already, so an input gone, changed
 * or unreadable never fails the write: the result is written without them, said in one note.
 */
export async function writeInputCells(
  file: Group,
  source: DataSource,
  ids: readonly string[],
  into: CopyTargets,
  blockElements?: number,
): Promise<string[]> {
  const name = sourceName(source);
  const leftOut = (why: string) => [
    `the result holds the run's genes and map but not the other obsm entries, obsp, raw and uns of the input ${name}, which are copied from it as the result is written: ${why.replace(/\.$/, '')}.`,
  ];
  const gone = await missing(source);
  if (gone !== null) return leftOut(gone);
  let opened: H5adCells;
  try {
    opened = await openH5adCells(source, ids);
  } catch (err) {
    if (!(err instanceof DataImportError)) throw err;
    return leftOut(err.message);
  }
  try {
    const copied = copyElements(file, opened.elements, null, into, blockElements);
    return [...opened.elements.notes, ...copied];
  } finally {
    await opened.close();
  }
}

/**
 * The genes of the h5ad input `source` opened for copying when they are exactly the result's `varNames` (the
 * same var index in the same order, its repeats renamed as the importer renames them) and its X can be
 * copied; null otherwise — a file gone, changed or unreadable included (the result then writes the run's own genes, as before). A run on a layer or raw/X
 * whose genes are the file's (no gene selection) then gives the user's file — its X, var, layers, varm and
 * varp — plus the map, not the trained matrix in X and the rest dropped (a scanpy walkthrough: `train --layer
 * counts` lost the log-normalised X and every layer).
 */
export async function openSameGenes(
  source: DataSource,
  ids: readonly string[],
  varNames: readonly string[],
): Promise<H5adGenes | null> {
  if ((await missing(source)) !== null) return null;
  let opened: H5adGenes;
  try {
    opened = await openH5adGenes(source, ids);
  } catch (err) {
    if (err instanceof DataImportError) return null;
    throw err;
  }
  // the run's genes are the file's made unique as the importer makes them: a var repeating a name (a 10x
  // file read before var_names_make_unique) has PARK7.1 for its second PARK7, yet the same genes — compared
  // as stored, its result lost the user's X, layers and varm
  const stored = makeUnique(opened.varNames).names;
  const same =
    opened.x !== null && stored.length === varNames.length && stored.every((g, i) => g === varNames[i]);
  if (same) return opened;
  await opened.close();
  return null;
}
