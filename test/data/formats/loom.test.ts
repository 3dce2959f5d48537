// loom specifics: the row attributes other than the gene names (loompy's Accession…) are the genes'
// annotations, as anndata's read_loom puts them in var, so that a result h5ad carries them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Group } from 'h5wasm/node';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { encodeObsColumn } from '../../../src/engine/h5ad/obs-encoding.js';
import { countMetadataColumn, importTable, suggestLabelColumn } from '../../../src/data/index.js';
import { categoryTextsMade, columnCodes } from '../../../src/data/category-column.js';
import { packageRoot } from '../../../src/util/paths.js';
import { writeTinyLoom } from './tiny-hdf5.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

test('cells.loom: genes from row_attrs/Gene, row_attrs/Accession as a string gene annotation', async () => {
  const table = await importTable(join(FORMATS, 'cells.loom'));
  assert.deepEqual(table.genes, (await importTable(join(FORMATS, 'cells.csv'))).genes);
  assert.deepEqual(
    table.geneAnnotations?.map((a) => [a.name, a.values, a.stored]),
    [
      [
        'Accession',
        Array.from({ length: 30 }, (_, g) => `ENSG${String(g).padStart(11, '0')}`),
        { kind: 'string' },
      ],
    ],
  );
});

// A user walkthrough: a loompy file's int64 ClusterID came back from `train --out r.h5ad` as a categorical of
// text ('0', '1'…) and float32 attributes as float64, where anndata's read_loom keeps the stored dtypes.
test('numeric col_attrs keep their stored type (int64, float32); text ones are typed as a text file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-loom-'));
  try {
    const path = join(dir, 'typed.loom');
    await writeTinyLoom(path, ['c1', 'c2', 'c3']);
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(path, 'a');
    try {
      const cols = f.get('col_attrs') as Group;
      cols.create_dataset({ name: 'ClusterID', data: BigInt64Array.of(0n, 1n, 1n) });
      cols.create_dataset({ name: 'n_counts', data: Float32Array.of(1.5, 2, 3) });
      cols.create_dataset({ name: 'cell_type', data: ['B', 'T', 'T'] });
    } finally {
      f.close();
    }
    const table = await importTable(path);
    const byName = new Map(table.metadata.map((m) => [m.name, m]));
    assert.deepEqual(byName.get('ClusterID')?.stored, { kind: 'integer', dtype: 'int64' });
    assert.deepEqual(byName.get('n_counts')?.stored, { kind: 'number', dtype: 'float32' });
    assert.equal(byName.get('cell_type')?.stored, undefined);
    // as the result h5ad writes them: int64 and float32, not a categorical of text
    const cluster = encodeObsColumn({
      name: 'ClusterID',
      values: byName.get('ClusterID')!.values,
      stored: byName.get('ClusterID')!.stored,
    });
    assert.equal(cluster.kind, 'integer');
    const counts = encodeObsColumn({
      name: 'n_counts',
      values: byName.get('n_counts')!.values,
      stored: byName.get('n_counts')!.stored,
    });
    assert.ok(counts.kind === 'numeric' && counts.values instanceof Float32Array);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The Import summary counted a loom's text col_attrs (ClusterName, a sample) as a million strings each: one of
// few values is held as codes into its distinct texts, its text made only when read.
test('a text col_attr of few values is held as codes and counted without its text; one of many stays text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-loom-'));
  try {
    const path = join(dir, 'named.loom');
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
    const names = ['B', 'T', 'T', 'B', '', 'T', 'B', 'T'];
    await writeTinyLoom(path, ids);
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(path, 'a');
    try {
      const cols = f.get('col_attrs') as Group;
      cols.create_dataset({ name: 'ClusterName', data: names });
      cols.create_dataset({ name: 'barcode', data: ids.map((id) => `AC${id}`) });
    } finally {
      f.close();
    }
    const made = categoryTextsMade();
    const table = await importTable(path);
    const [cluster, barcode] = ['ClusterName', 'barcode'].map((n) =>
      table.metadata.find((m) => m.name === n)!,
    );
    assert.ok(columnCodes(cluster), 'few values: held as codes');
    assert.equal(columnCodes(barcode), undefined, 'one value a cell: text');
    assert.equal(suggestLabelColumn(table), 'ClusterName');
    const counted = countMetadataColumn(cluster, ids.length);
    assert.deepEqual(
      [counted.distinct, counted.missing, counted.top(2)],
      [
        2,
        1,
        [
          ['T', 4],
          ['B', 3],
        ],
      ],
    );
    assert.equal(categoryTextsMade(), made);
    assert.deepEqual(cluster.values, names);
    assert.equal(categoryTextsMade(), made + 1);
    assert.deepEqual(cluster, { name: 'ClusterName', values: names });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A user trial: a loom whose matrix was written cells × genes (by hand with h5py) was refused with 'this
// attribute has 765 entries but the matrix has 400.', which did not say that the matrix is turned round.
test('a matrix stored cells × genes is named as turned round; an attribute merely the wrong length is not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-loom-'));
  const write = async (path: string, shape: [number, number], cellIds: string[]) => {
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(path, 'w');
    try {
      f.create_dataset({ name: 'matrix', data: Float32Array.of(1, 2, 3, 4, 5, 6), shape });
      f.create_group('row_attrs').create_dataset({ name: 'Gene', data: ['G1', 'G2'] });
      f.create_group('col_attrs').create_dataset({ name: 'CellID', data: cellIds });
    } finally {
      f.close();
    }
  };
  try {
    const turned = join(dir, 'turned.loom');
    // 3 cells × 2 genes as stored, where a loom's matrix is 2 genes × 3 cells
    await write(turned, [3, 2], ['c1', 'c2', 'c3']);
    await assert.rejects(importTable(turned), (err: Error) =>
      /turned\.loom, dataset \/row_attrs\/Gene: this attribute has 2 entries but the matrix has 3 rows \(genes\): the matrix \(3 × 2\) looks stored cells × genes, where a loom stores genes × cells/.test(
        err.message,
      ),
    );
    const short = join(dir, 'short.loom');
    await write(short, [2, 3], ['c1']);
    await assert.rejects(importTable(short), (err: Error) => {
      assert.match(
        err.message,
        /\/col_attrs\/CellID: this attribute has 1 entry but the matrix has 3 columns \(cells\)\.$/,
      );
      return true;
    });
    // The corruption test: cell ids as many as the genes were taken for a matrix turned round, though the
    // gene names fit its rows: the cell ids are merely short
    const asManyAsGenes = join(dir, 'as-many-as-genes.loom');
    await write(asManyAsGenes, [2, 3], ['c1', 'c2']);
    await assert.rejects(importTable(asManyAsGenes), (err: Error) => {
      assert.match(
        err.message,
        /as-many-as-genes\.loom, dataset \/col_attrs\/CellID: this attribute has 2 entries but the matrix has 3 columns \(cells\)\.$/,
      );
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A walkthrough: loompy.create given an AnnData's X (cells × genes) with its cell ids as row_attrs/CellID and
// its genes as col_attrs/Gene has attributes of the right lengths, and was read with its genes as cells (765
// "cells", numbered genes, the gene names a metadata column) with only a "no gene names" warning.
test('a loom written cells × genes with its attributes swapped to match is refused, naming both', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-loom-'));
  try {
    const path = join(dir, 'swapped.loom');
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(path, 'w');
    try {
      // 3 cells × 2 genes as stored, described as such
      f.create_dataset({ name: 'matrix', data: Float32Array.of(1, 2, 3, 4, 5, 6), shape: [3, 2] });
      f.create_group('row_attrs').create_dataset({ name: 'CellID', data: ['c1', 'c2', 'c3'] });
      f.create_group('col_attrs').create_dataset({ name: 'Gene', data: ['G1', 'G2'] });
    } finally {
      f.close();
    }
    await assert.rejects(importTable(path), (err: Error) => {
      assert.match(
        err.message,
        /swapped\.loom, dataset \/row_attrs\/CellID: this loom file has cell ids in row_attrs\/CellID and gene names in col_attrs\/Gene: its matrix \(3 × 2\) looks stored cells × genes/,
      );
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A walkthrough: a NaN in a loom's matrix was "the value at gene 6, column 8 (1-based)", half in the loom's
// terms and half in the stored matrix's.
test('a non-finite value of a loom is named by its gene and cell, and where it is stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-loom-'));
  try {
    const path = join(dir, 'nan.loom');
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(path, 'w');
    try {
      // 2 genes × 3 cells; gene 2 of cell 3 is NaN
      f.create_dataset({ name: 'matrix', data: Float32Array.of(1, 2, 3, 4, 5, NaN), shape: [2, 3] });
      f.create_group('row_attrs').create_dataset({ name: 'Gene', data: ['G1', 'G2'] });
      f.create_group('col_attrs').create_dataset({ name: 'CellID', data: ['c1', 'c2', 'c3'] });
    } finally {
      f.close();
    }
    await assert.rejects(importTable(path), (err: Error) => {
      assert.match(
        err.message,
        /nan\.loom, dataset \/matrix: the value at gene 2, cell 3 \(1-based; row 2, column 3 as stored\) is NaN;/,
      );
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A user walkthrough: `adata.write_loom` of an AnnData whose obs index is named ('id', as pandas names it from
// a CSV's id column) stores the cell ids as col_attrs/id; train numbered the cells cell_1… and listed 'id' as a
// metadata column of 700 distinct values, so the coordinates lost their barcodes.
test("a loom's cell ids and gene names under their index's own name (anndata's write_loom) are read as such", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-loom-'));
  try {
    const write = async (
      name: string,
      cols: Record<string, string[]>,
      rows: Record<string, string[]> = { var_names: ['G1', 'G2'] },
    ): Promise<string> => {
      const path = join(dir, name);
      const h5wasm = await loadH5wasm();
      const f = new h5wasm.File(path, 'w');
      try {
        const rowGroup = f.create_group('row_attrs');
        for (const [attr, data] of Object.entries(rows)) rowGroup.create_dataset({ name: attr, data });
        const group = f.create_group('col_attrs');
        for (const [attr, data] of Object.entries(cols)) group.create_dataset({ name: attr, data });
        f.create_dataset({ name: 'matrix', data: Float32Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3] });
      } finally {
        f.close();
      }
      return path;
    };
    const named = await importTable(
      await write('named.loom', { bulk_labels: ['B', 'T', 'T'], id: ['AAAC-1', 'AAAG-1', 'AACT-1'] }),
    );
    assert.equal(named.idColumn, 'id');
    assert.deepEqual(named.ids, ['AAAC-1', 'AAAG-1', 'AACT-1']);
    assert.deepEqual(
      named.metadata.map((m) => m.name),
      ['bulk_labels'],
    );
    // an id-like name whose values repeat is a metadata column (a 'cell' of cell types), not the ids
    const types = await importTable(await write('types.loom', { cell: ['B', 'T', 'T'] }));
    assert.deepEqual(types.ids, ['cell_1', 'cell_2', 'cell_3']);
    assert.deepEqual(
      types.metadata.map((m) => m.name),
      ['cell'],
    );
    // numbered cells are said so, as a text table's and a MatrixMarket file's are: a loom without CellID gave
    // cell_1… without a word, and a metadata file keyed by barcodes was then refused as matching "cell_1"
    assert.deepEqual(
      types.warnings.map((w) => w.message),
      [
        'col_attrs has no cell ids (CellID, obs_names, cell_id, CellId, or distinct ids under a name such as id or barcode); cells are numbered cell_1…cell_3 in the order of the matrix columns.',
      ],
    );
    assert.equal(types.warnings[0].code, 'no-cell-names');
    // the genes alike: var_names under var's index name ('gene_symbols') were numbered gene_1… with a
    // warning that row_attrs had no gene names
    const symbols = await importTable(
      await write('symbols.loom', { obs_names: ['a', 'b', 'c'] }, { gene_symbols: ['CD3E', 'MS4A1'] }),
    );
    assert.deepEqual(symbols.genes, ['CD3E', 'MS4A1']);
    assert.deepEqual(
      symbols.warnings.map((w) => w.code),
      [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
