// inspect on the structured formats: its cost follows the stored values, never cells × genes, and it does
// not suggest --transpose for files whose axes are fixed by the format (where --transpose is refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  inspectFile,
  inspectTable,
  isContinuousColumn,
  isUnlabeled,
  labelClassCount,
  suggestLabelColumn,
  type TableFacts,
} from '../../src/data/index.js';
import type { ExpressionTable, SourceFormatKind } from '../../src/data/types.js';
import { seededRandom } from '../../src/util/random.js';
import { hasSharedClass } from '../../src/data/shared-class.js';

test('inspect of a 200 000 × 200 000 MatrixMarket file with 10 entries fits in 4 MB (a dense copy would be 149 GB)', async () => {
  const n = 200_000;
  const entries = Array.from({ length: 10 }, (_, i) => `${i * 20_000 + 1} ${i * 7 + 1} ${i + 1}`);
  const text = `%%MatrixMarket matrix coordinate integer general\n${n} ${n} 10\n${entries.join('\n')}\n`;
  const facts = await inspectFile(
    { name: 'huge-sparse.mtx', bytes: new TextEncoder().encode(text) },
    { maxMemoryBytes: 4 * 2 ** 20 },
  );
  assert.equal(facts.rows, n);
  assert.equal(facts.genes, n);
  assert.equal(facts.nonZeroFraction, 10 / (n * n));
  assert.equal(facts.looksLikeCounts, true);
});

function geneNamedRows(kind: SourceFormatKind): ExpressionTable {
  const ids = ['CD3E', 'CD79A', 'MS4A1', 'NKG7', 'LYZ'];
  return {
    source: `x.${kind}`,
    idColumn: 'obs_names',
    ids,
    genes: ['c1', 'c2', 'c3'],
    values: { format: 'dense', rows: 5, cols: 3, data: new Float32Array(15).fill(1) },
    metadata: [],
    warnings: [],
    missingValues: 0,
    format: { kind, matrix: kind === 'text' ? '' : 'X', layers: [], obsm: [] },
  };
}

test('the --transpose hint is given for text and MatrixMarket tables, not for h5ad, loom or Cell Ranger .h5', () => {
  assert.match(inspectTable(geneNamedRows('text')).orientationHint ?? '', /--transpose/);
  assert.match(inspectTable(geneNamedRows('mtx')).orientationHint ?? '', /--transpose/);
  for (const kind of ['h5ad', 'loom', '10x-h5'] as const) {
    assert.equal(inspectTable(geneNamedRows(kind)).orientationHint, undefined, kind);
  }
});

/** A table of `rows` cells whose metadata columns count how many of their values are read. */
function obsTable(
  rows: number,
  columns: [string, (i: number) => string][],
): { table: ExpressionTable; reads: number[] } {
  const reads = columns.map(() => 0);
  const metadata = columns.map(([name, value], c) => {
    const values = Array.from({ length: rows }, (_, i) => value(i));
    return {
      name,
      values: new Proxy(values, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads[c]++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      }),
    };
  });
  return {
    table: { ...geneNamedRows('h5ad'), ids: Array.from({ length: rows }, (_, i) => `c${i}`), metadata },
    reads,
  };
}

/** inspectTable's label facts as they were computed, each with a pass of its own over the columns. */
function formerLabelFacts(table: ExpressionTable): Pick<TableFacts, 'metadataColumns' | 'suggestedLabel'> {
  // the missing values of the column its name finds (the first of that name), counted by the label rule
  const missing = (name: string) =>
    table.metadata.find((m) => m.name === name)?.values.filter((v) => isUnlabeled(v)).length ?? 0;
  return {
    metadataColumns: table.metadata.map((m) => ({
      name: m.name,
      distinct: labelClassCount(table, m.name),
      ...(isContinuousColumn(table, m.name) ? { continuous: true } : {}),
      // train's rule for a column no label can come from: no class of two cells
      ...(!isContinuousColumn(table, m.name) &&
      labelClassCount(table, m.name) > 0 &&
      !hasSharedClass(table, m.name)
        ? { oneRowEach: true }
        : {}),
      ...(missing(m.name) > 0 ? { missing: missing(m.name) } : {}),
    })),
    suggestedLabel: suggestLabelColumn(table) ?? null,
  };
}

test('inspectTable reads each metadata value once and says what the separate passes said', () => {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const odd = ['', 'NA', ' na ', 'None', '<NA>', 'nan', 'NULL', '  ', ' x '];
  let continuous = 0;
  let suggested = 0;
  let ids = 0;
  for (let round = 0; round < 120; round++) {
    const rows = pick([3, 9, 40, 201, 450]);
    const kinds: [string, (i: number) => string][] = [
      ['cell_type', () => pick(['B', 'T', 'NK', ' Mono ', 'none'])],
      ['leiden', () => String(Math.floor(random() * pick([2, 12, 150])))],
      ['pct_counts_mt', () => pick(['0', '0.25', '1.5', 'nan'])],
      ['S_score', () => String(random() - 0.5)],
      ['float_codes', () => pick(['1.0', '2.0', '3'])],
      ['barcode', (i) => `AAAC${i}`],
      ['unlabelled', () => pick(odd)],
      ['batch', () => pick(['b1', 'b2'])],
      ['odd_numbers', () => pick(['1.5', ' 2.5', '1e-7', '0x1F', '-3', '007', '1.0', '-0.25', '12.'])],
      ['whole_odd', () => pick(['1', ' 2', '3.00', '-4', '0x1F', '5e0'])],
      [
        'numbers_then_text',
        (i) => (i === rows - 1 ? pick(['T cell', 'Infinity', '1e999', 'NA']) : String(i * 0.5)),
      ],
      ['many_codes', (i) => String(i % pick([3, 101, 250]))],
    ];
    const columns = kinds.filter(() => random() < 0.5);
    if (random() < 0.2 && columns.length) columns.push([columns[0][0], () => pick(['p', 'q'])]); // a repeated name
    const { table, reads } = obsTable(rows, columns);
    const facts = inspectTable(table);
    assert.deepEqual(
      reads,
      columns.map((_, c) => (columns.findIndex(([n]) => n === columns[c][0]) === c ? rows : 0)),
    );
    const former = formerLabelFacts(table);
    assert.deepEqual(
      { metadataColumns: facts.metadataColumns, suggestedLabel: facts.suggestedLabel },
      former,
      `round ${round}`,
    );
    continuous += former.metadataColumns.filter((m) => m.continuous).length;
    ids += former.metadataColumns.filter((m) => m.oneRowEach).length;
    if (former.suggestedLabel !== null) suggested++;
  }
  assert.ok(continuous > 20 && suggested > 20 && ids > 20, `${continuous} ${suggested} ${ids}`);
});
