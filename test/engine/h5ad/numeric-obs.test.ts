/**
 * A numeric obs column of few distinct values: `inspect`, the label picker (the Import summary's count) and the
 * h5ad writer say the same of it. A measurement — purity's 0, 0.5, 1 — stays numbers in the result (a user
 * trial found it written as a category, which scanpy colours as classes), cluster codes stay categories, and a
 * column the input stored as a categorical of numbers stays one. Read back with h5wasm (always) and with
 * anndata (when TRIPLETLENS_PYTHON is set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Group } from 'h5wasm/node';
import { countMetadataColumn, importTable, inspectTable } from '../../../src/data/index.js';
import type { ExpressionTable } from '../../../src/data/types.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { encodeObsColumn, obsColumnOf } from '../../../src/engine/h5ad/obs-encoding.js';
import { type H5adResult, writeResultH5ad } from '../../../src/engine/h5ad/write-result-h5ad.js';
import { writeTinyH5ad } from '../../data/formats/tiny-hdf5.js';
import { ANNDATA_SKIP_REASON, CHECK_PYTHON } from './anndata-check.js';

const ROWS = 30;

/** A CSV of 30 cells: a cell type, purity 0 / 0.5 / 1, leiden codes 0–3, two genes. */
function csv(): string {
  const rows = Array.from(
    { length: ROWS },
    (_, i) => `c${i},${i % 2 ? 'B' : 'T'},${[0, 0.5, 1][i % 3]},${i % 4},${(i * 7) % 5},${(i * 3) % 7}`,
  );
  return `id,cell_type,purity,leiden,G1,G2\n${rows.join('\n')}\n`;
}

/** The result h5ad of `table` with its metadata as obs, written as a run's result writes it (`obsColumnOf`). */
function resultOf(table: ExpressionTable): H5adResult {
  const n = table.ids.length;
  return {
    source: '/nonexistent/input.csv',
    obsNames: table.ids,
    obs: table.metadata.map((m) => obsColumnOf(m.name, m)),
    varNames: table.genes,
    X: { rows: n, cols: table.genes.length, data: new Float32Array(n * table.genes.length) },
    embedding: { rows: n, cols: 2, data: new Float32Array(2 * n) },
    report: { tool: { name: 'tripletlens' } },
    categoryColors: {},
  };
}

/** anndata's dtype of each obs column ('category' for a categorical). */
function anndataDtypes(file: string): Record<string, string> {
  const script = [
    'import sys, json, anndata',
    'a = anndata.read_h5ad(sys.argv[1])',
    'print(json.dumps({c: str(s.dtype) for c, s in a.obs.items()}))',
  ].join('\n');
  const run = spawnSync(CHECK_PYTHON as string, ['-c', script, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string>;
}

/** Whether each obs column of the h5ad at `file` is written as a categorical group. */
async function categoricalIn(file: string, names: string[]): Promise<Record<string, boolean>> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(file, 'r');
  try {
    const obs = f.get('obs') as Group;
    return Object.fromEntries(names.map((n) => [n, obs.get(n) instanceof h5wasm.Group]));
  } finally {
    f.close();
  }
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-numeric-obs-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('inspect, the label picker and the writer agree: a measurement is numbers, codes are categories', async () => {
  const table = await importTable({ name: 'purity.csv', bytes: new TextEncoder().encode(csv()) });
  const facts = inspectTable(table);
  for (const column of table.metadata) {
    const inspected = facts.metadataColumns.find((m) => m.name === column.name)?.continuous === true;
    const picker = countMetadataColumn(column, table.ids.length).continuous;
    const written = encodeObsColumn(obsColumnOf(column.name, column)).kind;
    assert.equal(picker, inspected, `${column.name}: the picker and inspect`);
    assert.equal(written, inspected ? 'numeric' : 'categorical', `${column.name}: the writer and inspect`);
  }
  assert.deepEqual(
    facts.metadataColumns.map((m) => [m.name, m.continuous === true]),
    [
      ['cell_type', false],
      ['purity', true],
      ['leiden', false],
    ],
  );
});

test('a CSV purity column of 3 values is float64 in the result, leiden a category', async () => {
  await withDir(async (dir) => {
    const table = await importTable({ name: 'purity.csv', bytes: new TextEncoder().encode(csv()) });
    const out = join(dir, 'r.h5ad');
    await writeResultH5ad(out, resultOf(table));
    assert.deepEqual(await categoricalIn(out, ['cell_type', 'purity', 'leiden']), {
      cell_type: true,
      purity: false,
      leiden: true,
    });
  });
});

test(
  'anndata reads the CSV purity as float64 and a stored categorical of numbers as a category',
  { skip: ANNDATA_SKIP_REASON },
  async () => {
    await withDir(async (dir) => {
      const csvTable = await importTable({ name: 'purity.csv', bytes: new TextEncoder().encode(csv()) });
      const fromCsv = join(dir, 'csv.h5ad');
      await writeResultH5ad(fromCsv, resultOf(csvTable));
      assert.deepEqual(anndataDtypes(fromCsv), {
        cell_type: 'category',
        purity: 'float64',
        leiden: 'category',
      });

      // an h5ad whose purity the user stored as a categorical (of float64 categories): kept as stored
      const input = join(dir, 'stored.h5ad');
      const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
      await writeTinyH5ad(input, ids);
      const h5wasm = await loadH5wasm();
      const f = new h5wasm.File(input, 'a');
      try {
        const obs = f.get('obs') as Group;
        const purity = obs.create_group('purity');
        purity.create_attribute('encoding-type', 'categorical');
        purity.create_attribute('encoding-version', '0.2.0');
        purity.create_attribute('ordered', new Int8Array([0]), [], '<b');
        purity.create_dataset({ name: 'codes', data: Int8Array.of(0, 1, 2, 0, 1, 2) });
        purity.create_dataset({ name: 'categories', data: Float64Array.of(0, 0.5, 1) });
        obs.delete_attribute('column-order');
        obs.create_attribute('column-order', ['purity']);
      } finally {
        f.close();
      }
      const stored = join(dir, 'stored-result.h5ad');
      await writeResultH5ad(stored, resultOf(await importTable(input)));
      assert.deepEqual(anndataDtypes(stored), { purity: 'category' });
    });
  },
);
