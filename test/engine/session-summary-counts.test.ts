/**
 * The Import summary's metadata columns from one pass over each column: the same summary as the former
 * computation (a count of each column for the distinct values and top values, `isContinuousColumn` for the
 * continuous flag, `inspectTable`'s `suggestLabelColumn` for the suggested label), and each column read once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  inspectMatrix,
  inspectTable,
  isContinuousColumn,
  isMissingToken,
  suggestLabelColumn,
} from '../../src/data/index.js';
import type { ExpressionTable, MetadataColumn } from '../../src/data/types.js';
import type { MetadataColumnSummary } from '../../src/api/engine-api.js';
import { topCounts } from '../../src/data/number-counts.js';
import { datasetSummary } from '../../src/engine/session-summary.js';
import { seededRandom, type SeededRandom } from '../../src/util/random.js';

const preview = { columns: [], rows: [], totalColumns: 0, delimiter: ',' as const };
const ids = { datasetId: 'data-1', source: 'obs.h5ad', metadataSource: null };

/** The former summary of a column: every value counted, then `isContinuousColumn` reading it again. */
function formerMetadata(table: ExpressionTable): MetadataColumnSummary[] {
  return table.metadata.map((m) => {
    const counts = new Map<string, number>();
    let missing = 0;
    for (const raw of m.values) {
      if (isMissingToken(raw)) missing++;
      else counts.set(raw.trim(), (counts.get(raw.trim()) ?? 0) + 1);
    }
    const topValues = topCounts(counts, 12).map(([value, count]) => ({ value, count }));
    return {
      name: m.name,
      distinct: counts.size,
      missing,
      topValues,
      ...(isContinuousColumn(table, m.name) ? { continuous: true } : {}),
    };
  });
}

/** Missing and unlabelled texts, as files write them: the summary counts some as values, the labels none. */
const GAPS = [
  '',
  ' ',
  'NA',
  'na',
  ' NA ',
  'N/A',
  'NaN',
  'nan',
  'null',
  'NULL',
  'None',
  'none',
  '<NA>',
  'Null',
  'Na',
];
const ODD_NUMBERS = ['0x1F', '1e3', 'Infinity', '-0', '+5', '.5', ' 7 ', '1_000', '3.'];
const NAMES = ['cell_type', 'leiden', 'cluster', 'label', 'sample', 'n_counts', 'S_score', 'notes', 'x'];

function pick<T>(random: SeededRandom, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A column of one of the kinds an obs holds, with gaps, padding and the odd text among numbers. */
function mixedColumn(random: SeededRandom, name: string, rows: number): MetadataColumn {
  const kind = pick(random, ['text classes', 'number codes', 'floats', 'integers', 'ids', 'gaps']);
  const k = pick(random, [1, 2, 3, 50, 99, 100, 101, 102, 150, rows]);
  const gapRate = pick(random, [0, 0, 0.05, 0.5]);
  const oddRate = pick(random, [0, 0, 0.001, 0.05]);
  const values = Array.from({ length: rows }, (_, i) => {
    if (random() < gapRate) return pick(random, GAPS);
    if (random() < oddRate) return pick(random, [...ODD_NUMBERS, 'B cell', ' T ']);
    const c = Math.floor(random() * k);
    switch (kind) {
      case 'text classes':
        return random() < 0.1 ? ` type ${c} ` : `type ${c}`;
      case 'number codes':
        return random() < 0.1 ? ` ${c}` : String(c);
      case 'floats':
        return String(random() * 10 - 5);
      case 'integers':
        return String(Math.floor(random() * k * 3));
      case 'ids':
        return `AAAC-${i}`;
      default:
        return pick(random, GAPS);
    }
  });
  return { name, values };
}

/** A seeded table of mixed obs columns; names may repeat (a repeat is judged by the first, as before). */
function mixedTable(seed: number): ExpressionTable {
  const random = seededRandom(seed);
  const rows = pick(random, [1, 2, 3, 4, 5, 10, 50, 150, 201, 250, 400]);
  const columns = 1 + Math.floor(random() * 6);
  return {
    source: 'obs.h5ad',
    idColumn: 'cell',
    ids: Array.from({ length: rows }, (_, i) => `c${i}`),
    genes: ['G0', 'G1'],
    values: { rows, cols: 2, data: Float32Array.from({ length: rows * 2 }, () => Math.floor(random() * 4)) },
    metadata: Array.from({ length: columns }, () => mixedColumn(random, pick(random, NAMES), rows)),
    warnings: [],
  };
}

test('the summary of seeded mixed obs tables is the former one: columns, continuous flags, suggested label', () => {
  let continuous = 0;
  let suggested = 0;
  for (let seed = 1; seed <= 400; seed++) {
    const table = mixedTable(seed);
    const summary = datasetSummary(table, preview, {}, ids);
    const former = formerMetadata(table);
    // the same objects, their fields in the same order (the page and the session file get them as JSON)
    assert.equal(JSON.stringify(summary.metadata), JSON.stringify(former), `seed ${seed}`);
    const facts = inspectTable(table);
    assert.equal(summary.suggestedLabel, facts.suggestedLabel, `seed ${seed}`);
    assert.equal(summary.suggestedLabel, suggestLabelColumn(table) ?? null, `seed ${seed}`);
    // inspectMatrix is inspectTable but the two column facts; inspect --json's field order is kept
    const { metadataColumns, suggestedLabel, ...rest } = facts;
    assert.deepEqual(inspectMatrix(table), rest);
    assert.ok(metadataColumns.length === table.metadata.length && suggestedLabel === facts.suggestedLabel);
    continuous += former.filter((m) => m.continuous).length;
    if (summary.suggestedLabel !== null) suggested++;
  }
  // the seeds reach both answers of each decision
  assert.ok(continuous > 20 && suggested > 50 && suggested < 390, `${continuous} ${suggested}`);
});

test("inspect's facts keep their field order", () => {
  const table = mixedTable(7);
  assert.deepEqual(Object.keys(inspectTable(table)), [
    'file',
    'format',
    'nonZeroFraction',
    'rows',
    'genes',
    'idColumn',
    'metadataColumns',
    'suggestedLabel',
    'looksLikeCounts',
    'missingValues',
    'recommendedPreprocessing',
    'warnings',
  ]);
});

/** `table` with its metadata columns counting how many of their values are read. */
function counted(table: ExpressionTable): Record<string, number> {
  const reads: Record<string, number> = {};
  for (const column of table.metadata) {
    reads[column.name] = 0;
    column.values = new Proxy(column.values, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads[column.name]++;
        return Reflect.get(target, key, receiver);
      },
    });
  }
  return reads;
}

test('the summary reads each metadata column once: no second count, no parse pass, no class count it drops', () => {
  const rows = 3000;
  const random = seededRandom(3);
  const column = (name: string, value: (i: number) => string) => ({
    name,
    values: Array.from({ length: rows }, (_, i) => value(i)),
  });
  const table: ExpressionTable = {
    source: 'obs.h5ad',
    idColumn: 'cell',
    ids: Array.from({ length: rows }, (_, i) => `c${i}`),
    genes: ['G0'],
    values: { rows, cols: 1, data: new Float32Array(rows).fill(1) },
    metadata: [
      column('cell_type', (i) => `type ${i % 7}`),
      column('leiden', (i) => String(i % 12)),
      column('S_score', () => String(random() - 0.5)),
      column('n_genes', () => String(200 + Math.floor(random() * 5000))),
      column('barcode', (i) => `AAAC-${i}`),
    ],
    warnings: [],
  };
  const expected = formerMetadata(table);
  const reads = counted(table);
  const summary = datasetSummary(table, preview, {}, ids);
  assert.deepEqual(summary.metadata, expected);
  assert.equal(summary.suggestedLabel, 'cell_type');
  assert.deepEqual(
    summary.metadata.filter((m) => m.continuous).map((m) => m.name),
    ['S_score', 'n_genes'],
  );
  const once = Object.fromEntries(table.metadata.map((m) => [m.name, rows]));
  assert.deepEqual(reads, once);
  // the matrix's facts read no metadata column
  for (const name of Object.keys(reads)) reads[name] = 0;
  inspectMatrix(table);
  assert.deepEqual(Object.values(reads), [0, 0, 0, 0, 0]);
});
