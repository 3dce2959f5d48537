// The HDF5 readers' size and shape messages group a count of 1 000 or more as the app's other sentences do
// (`countText`: "1 200", not "1200" nor the en-US "1,200"). The files are written with h5wasm in anndata's and
// loom's layouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm, { type File as H5File } from 'h5wasm/node';
import { importTable } from '../../../src/data/index.js';
import { Hdf5File } from '../../../src/data/formats/h5-file.js';
import { readUns } from '../../../src/data/formats/h5ad-uns.js';
import { openH5adGenes } from '../../../src/data/formats/h5ad-genes.js';

const G = '\u202f';

function names(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

function writeFrame(f: H5File, name: string, index: string[]): void {
  const group = f.create_group(name);
  group.create_attribute('encoding-type', 'dataframe');
  group.create_attribute('encoding-version', '0.2.0');
  group.create_attribute('_index', '_index');
  group.create_attribute('column-order', []);
  group.create_dataset({ name: '_index', data: index });
}

async function withFile(name: string, write: (f: H5File) => void, read: (path: string) => Promise<void>) {
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-shape-counts-'));
  try {
    const path = join(dir, name);
    const f = new h5wasm.File(path, 'w');
    try {
      write(f);
    } finally {
      f.close();
    }
    await read(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an h5ad whose X and obs disagree names both sizes grouped', async () => {
  await withFile(
    'short-obs.h5ad',
    (f) => {
      f.create_attribute('encoding-type', 'anndata');
      f.create_dataset({ name: 'X', data: new Float32Array(1200 * 2).fill(1), shape: [1200, 2] });
      writeFrame(f, 'obs', names('cell', 1199));
      writeFrame(f, 'var', names('gene', 2));
    },
    async (path) => {
      await assert.rejects(importTable(path), (err: Error) => {
        assert.match(err.message, new RegExp(`the matrix is 1${G}200 × 2 but obs has 1${G}199 cells`));
        return true;
      });
    },
  );
});

test('a loom attribute one short of the cells names both counts grouped', async () => {
  await withFile(
    'short-cells.loom',
    (f) => {
      f.create_dataset({ name: 'matrix', data: new Float32Array(2 * 1500).fill(1), shape: [2, 1500] });
      f.create_group('row_attrs').create_dataset({ name: 'Gene', data: names('gene', 2) });
      f.create_group('col_attrs').create_dataset({ name: 'CellID', data: names('cell', 1499) });
      f.create_group('layers');
    },
    async (path) => {
      await assert.rejects(importTable(path), (err: Error) => {
        assert.match(
          err.message,
          new RegExp(`this attribute has 1${G}499 entries but the matrix has 1${G}500 columns \\(cells\\)`),
        );
        return true;
      });
    },
  );
});

test('an uns array above the copy limit says its size and the limit grouped, not with en-US commas', async () => {
  await withFile(
    'big-uns.h5ad',
    (f) => {
      f.create_group('uns').create_dataset({ name: 'grid', data: new Float64Array(1500) });
    },
    async (path) => {
      const h5 = await Hdf5File.open(path);
      const notes: string[] = [];
      try {
        readUns(h5, notes, { values: 1200, records: 1200 });
      } finally {
        await h5.close();
      }
      assert.equal(notes.length, 1, notes.join('\n'));
      assert.match(
        notes[0],
        new RegExp(`\\(it holds 1${G}500 values, more than the 1${G}200 TripletLens copies`),
      );
    },
  );
});

test('an h5ad opened again for a result names a misfit X and var grouped', async () => {
  const cells = names('cell', 1200);
  await withFile(
    'short-var.h5ad',
    (f) => {
      f.create_attribute('encoding-type', 'anndata');
      f.create_dataset({ name: 'X', data: new Float32Array(1200 * 2).fill(1), shape: [1200, 2] });
      writeFrame(f, 'obs', cells);
      writeFrame(f, 'var', names('gene', 3));
    },
    async (path) => {
      await assert.rejects(openH5adGenes(path, cells), (err: Error) => {
        assert.match(
          err.message,
          new RegExp(`X is 1${G}200 × 2 but the file has 1${G}200 cells and 3 genes`),
        );
        return true;
      });
    },
  );
});
