import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCsv } from '../../bench/lib/synthetic-csv.js';
import { importTable } from '../../src/data/index.js';

test('the scale benchmark’s synthetic CSV imports to the requested shape with its labels', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-synth-'));
  try {
    const path = join(dir, 'small.csv');
    const bytes = await writeSyntheticCsv(path, { rows: 300, cols: 7, classes: 4, seed: 3 });
    const text = await readFile(path, 'utf8');
    assert.equal(Buffer.byteLength(text), bytes);
    const table = await importTable(path, {});
    assert.equal(table.ids.length, 300);
    assert.deepEqual(table.genes, ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7']);
    const labels = table.metadata.find((m) => m.name === 'label');
    assert.ok(labels, 'the label column is metadata');
    assert.deepEqual([...new Set(labels.values)].sort(), ['type0', 'type1', 'type2', 'type3']);
    assert.ok(table.values.data.every((v) => Number.isFinite(v) && Math.abs(v) <= 9.99));
    // the same seed writes the same file
    const again = join(dir, 'again.csv');
    await writeSyntheticCsv(again, { rows: 300, cols: 7, classes: 4, seed: 3 });
    assert.equal(await readFile(again, 'utf8'), text);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
