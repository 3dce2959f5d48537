/**
 * The genes of an h5ad input written into a result whose run was trained on one of the input's embeddings
 * (obsm/X_pca): the run holds only the embedding, but a scanpy or cellxgene user expects their data — X and
 * var as in the input file — with the map added. So X is copied from the input file when the result is
 * written, block by block in its stored layout and dtype (CSR/CSC stay sparse; an atlas is never in memory
 * whole), and var as the importer reads it. An input whose X is None gives a result without X, as anndata
 * allows. An input that is gone or changed since the run read it stops the write with a message saying so.
 */
import { stat } from 'node:fs/promises';
import type { Group } from 'h5wasm/node';
import { CoreError } from '../../api/core-error.js';
import { DataImportError, type DataSource } from '../../data/index.js';
import { openH5adGenes, type H5adGenes, type SparsePart } from '../../data/formats/h5ad-genes.js';
import { makeUnique } from '../../data/unique-names.js';
import { setEncoding, writeDataFrame, writeStreamed } from './anndata-elements.js';
import { validColumnName } from './column-names.js';

/** Where a result's X and var come from when its run was trained on an embedding of an h5ad input. */
export interface InputGenes {
  /** The h5ad input (its path, or the bytes the session holds). */
  source: DataSource;
  /** The matrix the run was trained on, named as in the file ('obsm/X_pca'), for the messages. */
  trainedOn: string;
}

/** The name a DataSource is known by in messages. */
function sourceLabel(source: DataSource): string {
  return typeof source === 'string' ? source : source.name;
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
      `the map was trained on ${genes.trainedOn}, so X and var (the genes) are copied from the input ${sourceLabel(genes.source)} as the result is written, but ${why}. Put the input file back as it was and export again, or export the coordinates (CSV).`,
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

/** X copied in blocks, as stored: a dense array, or a CSR/CSC group with its parts and shape. */
function copyX(file: Group, genes: H5adGenes, blockElements: number | undefined): void {
  const x = genes.x;
  if (x === null) return;
  if (x.storage === 'dense') {
    const dataset = writeStreamed(file, 'X', x.rows, x.cols, genes.readRows, blockElements);
    setEncoding(dataset, 'array', '0.2.0');
    return;
  }
  const group = file.create_group('X');
  setEncoding(group, x.storage === 'csr' ? 'csr_matrix' : 'csc_matrix', '0.1.0');
  group.create_attribute('shape', new BigInt64Array([BigInt(x.rows), BigInt(x.cols)]), [2], '<q');
  for (const part of ['data', 'indices', 'indptr'] as SparsePart[]) {
    const read = (start: number, end: number) => genes.readPart(part, start, end);
    writeStreamed(group, part, genes.partLength(part), undefined, read, blockElements);
  }
}

/**
 * Writes X (when the input has one) and var of the input's genes into `file`; returns what a user should know
 * (an input whose X is None gives a result without X).
 */
export async function writeInputGenes(
  file: Group,
  genes: InputGenes,
  ids: readonly string[],
  blockElements?: number,
): Promise<string[]> {
  const opened = await openGenes(genes, ids);
  try {
    copyX(file, opened, blockElements);
    const names = makeUnique(opened.var.map((c) => validColumnName(c.name))).names;
    writeDataFrame(
      file,
      'var',
      makeUnique(opened.varNames).names,
      opened.var.map((c, i) => ({
        name: names[i],
        values: c.values,
        ...(c.stored ? { stored: c.stored } : {}),
      })),
      opened.varIndexName,
    );
  } finally {
    await opened.close();
  }
  return opened.x === null
    ? [
        `${sourceLabel(genes.source)} has no X (X is None), so the result has none either (anndata reads it as X None; cellxgene needs an X): the map was trained on ${genes.trainedOn}, which the result holds in obsm under its own name.`,
      ]
    : [];
}
