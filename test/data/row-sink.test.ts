// Kept ids and labels must not pin the file's text: V8 makes a substring of 13+ characters a view into its
// parent, so without a copy every 20-character id held its whole 256 KB chunk and the heap kept the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importTable } from '../../src/data/index.js';
import { RowSink } from '../../src/data/row-sink.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** 10 000 cells × 400 genes with 20-character ids and labels, as bytes (no string of it stays alive). */
function wideTable(): Uint8Array {
  const genes = 400;
  const values = Array.from({ length: genes }, (_, g) => `${g % 10}.25`).join(',');
  const lines = [`id,label,${Array.from({ length: genes }, (_, g) => `G${g}`).join(',')}`];
  for (let i = 0; i < 10_000; i++) {
    lines.push(`AAACCTGAGAAAC${String(i).padStart(6, '0')}-1,cell_type_${i % 7}_xxxxxx,${values}`);
  }
  return new TextEncoder().encode(lines.join('\n'));
}

test('the heap keeps the ids and labels, not the text they were cut from', async () => {
  const bytes = wideTable();
  gc();
  const before = process.memoryUsage().heapUsed;
  const table = await importTable({ name: 'wide.csv', bytes });
  gc();
  const kept = process.memoryUsage().heapUsed - before;
  assert.equal(table.ids.length, 10_000);
  // 20 000 short strings need about 2 MB; the 20 MB of text they came from must not stay.
  assert.ok(
    kept < bytes.length / 4,
    `kept ${Math.round(kept / 2 ** 20)} MB of heap for ${Math.round(bytes.length / 2 ** 20)} MB of text`,
  );
});

/** `count` rows, each id a 20-character view into its own 256 KB string, as the parser's chunks give them. */
function rowsCutFromChunks(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => {
    const chunk = Buffer.alloc(256 * 1024, 'x');
    chunk.write(`cell_${String(i).padStart(15, '0')}`, 1000, 'latin1');
    return [chunk.toString('latin1').slice(1000, 1020), '1'];
  });
}

test('during the import, the sink holds its ids, not the chunks they were cut from', () => {
  const sink = new RowSink({
    file: 'cells.csv',
    header: ['id', 'G1'],
    delimiter: ',',
    idIndex: 0,
    metaIndices: [],
    geneIndices: [1],
    missing: 'error',
    expectedRows: 64,
    rowNoun: 'cell',
  });
  gc();
  const before = process.memoryUsage().heapUsed;
  let rows: string[][] | undefined = rowsCutFromChunks(64);
  rows.forEach((record, i) => sink.add(record, i + 2));
  rows = undefined;
  gc();
  const kept = process.memoryUsage().heapUsed - before;
  assert.equal(sink.ids.length, 64);
  // 64 chunks are 16 MB; 64 ids and their lines need a few KB.
  assert.ok(kept < 2 * 2 ** 20, `the sink kept ${Math.round(kept / 2 ** 20)} MB for 64 ids`);
});
