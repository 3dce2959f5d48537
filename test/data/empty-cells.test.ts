import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyRows } from '../../src/data/empty-cells.js';
import { importTable } from '../../src/data/import-table.js';

test('emptyRows finds the cells without a non-zero value, dense and CSR alike', () => {
  const data = Float32Array.from([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(emptyRows({ data, rows: 4, cols: 3 }), [0, 2]);
  // the same matrix as CSR, with an explicitly stored 0 in row 2
  const csr = {
    format: 'csr' as const,
    rows: 4,
    cols: 3,
    indptr: Float64Array.from([0, 0, 1, 2, 3]),
    indices: Int32Array.from([0, 1, 2]),
    data: Float32Array.from([1, 0, 2]),
  };
  assert.deepEqual(emptyRows(csr), [0, 2]);
});

test('an import with empty cells warns, naming how many and which; one without them does not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tripletlens-empty-cells-'));
  try {
    const rows = ['id,label,G1,G2,G3'];
    for (let i = 0; i < 6; i++) rows.push(`c${i},${i % 2 ? 'A' : 'B'},${i + 1},0,${i}`);
    rows.push('drop1,A,0,0,0', 'drop2,B,0,0,0');
    const withEmpty = join(dir, 'with-empty.csv');
    await writeFile(withEmpty, `${rows.join('\n')}\n`);
    const table = await importTable(withEmpty);
    const warning = table.warnings.find((w) => w.code === 'empty-cells');
    assert.match(warning?.message ?? '', /^2 of 8 rows have no counts \(every gene is 0: drop1, drop2\)/);

    const full = join(dir, 'full.csv');
    await writeFile(full, `${rows.slice(0, 7).join('\n')}\n`);
    assert.equal(
      (await importTable(full)).warnings.find((w) => w.code === 'empty-cells'),
      undefined,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// counts grouped as the Import summary groups them: "2 of 1 200 cells", not "2 of 1200 cells"
test('the warning groups the digits of its counts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tripletlens-empty-cells-'));
  try {
    const rows = ['id,G1,G2'];
    for (let i = 0; i < 1198; i++) rows.push(`c${i},${i + 1},1`);
    rows.push('drop1,0,0', 'drop2,0,0');
    const file = join(dir, 'many.csv');
    await writeFile(file, `${rows.join('\n')}\n`);
    const warning = (await importTable(file)).warnings.find((w) => w.code === 'empty-cells');
    assert.match(warning?.message ?? '', /^2 of 1\u202f200 rows have no counts/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// a text table's rows may be bulk samples and are called rows; a 10x folder's are cells (a walkthrough: a bulk
// CSV's warning said "cells" among lines that say rows)
test('the warning calls a 10x folder’s rows cells', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tripletlens-empty-cells-'));
  try {
    await writeFile(join(dir, 'features.tsv'), 'E1\tG1\tGene Expression\nE2\tG2\tGene Expression\n');
    await writeFile(join(dir, 'barcodes.tsv'), 'AAAC-1\nAAAG-1\nAACT-1\n');
    await writeFile(
      join(dir, 'matrix.mtx'),
      '%%MatrixMarket matrix coordinate integer general\n2 3 2\n1 1 3\n2 3 5\n',
    );
    const warning = (await importTable(dir)).warnings.find((w) => w.code === 'empty-cells');
    assert.match(warning?.message ?? '', /^1 of 3 cells have no counts \(every gene is 0: AAAG-1\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
