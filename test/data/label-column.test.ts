import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  codedLabelGenes,
  columnLabelFacts,
  isContinuousColumn,
  isContinuousCounts,
  isUnlabeled,
  labelClassCount,
  labelColumnSummary,
  suggestLabelColumn,
} from '../../src/data/label-column.js';
import { parseNumber } from '../../src/data/numbers.js';
import { seededRandom } from '../../src/util/random.js';
import type { ExpressionTable } from '../../src/data/types.js';
import { encodeLabels } from '../../src/evaluate/labels.js';

test('isUnlabeled: empty and NA-like label texts in any case, not labels that merely contain them', () => {
  for (const missing of [
    undefined,
    '',
    '  ',
    'NA',
    'na',
    ' N/A ',
    '#N/A',
    'NaN',
    'null',
    'NULL',
    'None',
    '<NA>',
  ]) {
    assert.equal(isUnlabeled(missing), true, String(missing));
  }
  for (const label of ['NAIVE', 'NK', '0', 'nonempty', 'B cell']) {
    assert.equal(isUnlabeled(label), false, label);
  }
});

test('the metrics use the same rule as the importer', () => {
  const { codes, names } = encodeLabels(['T', 'None', ' T ', '#N/A', 'B', '<NA>']);
  assert.deepEqual([...codes], [0, -1, 0, -1, 1, -1]);
  assert.deepEqual(names, ['T', 'B']);
});

/** A table of `rows` cells with the given metadata columns (one gene, all zero). */
function tableWith(rows: number, columns: Record<string, (i: number) => string>): ExpressionTable {
  return {
    source: 'pbmc68k.h5ad',
    idColumn: 'cell',
    ids: Array.from({ length: rows }, (_, i) => `c${i}`),
    genes: ['G0'],
    values: { rows, cols: 1, data: new Float32Array(rows) },
    metadata: Object.entries(columns).map(([name, value]) => ({
      name,
      values: Array.from({ length: rows }, (_, i) => value(i)),
    })),
    warnings: [],
  };
}

test('a column of mostly distinct numbers (scanpy S_score) is continuous and never suggested; clusters stay labels', () => {
  const table = tableWith(700, {
    S_score: (i) => String(((i * 7919) % 700) / 1000 - 0.3), // 700 distinct numbers over 700 cells
    n_counts: (i) => String(1000 + i * 3),
    louvain: (i) => String(i % 11),
    leiden: (i) => (i % 5 === 0 ? 'NA' : String(i % 9)),
    bulk_labels: (i) => ['CD14+ Monocyte', 'CD4+/CD25 T Reg', 'Dendritic'][i % 3],
    phase: (i) => ['G1', 'S', 'G2M'][i % 3],
  });
  assert.equal(isContinuousColumn(table, 'S_score'), true);
  assert.equal(isContinuousColumn(table, 'n_counts'), true);
  for (const label of ['louvain', 'leiden', 'bulk_labels', 'phase']) {
    assert.equal(isContinuousColumn(table, label), false, label);
  }
  assert.equal(suggestLabelColumn(table), 'bulk_labels');
  // a text column with many values (e.g. barcodes) is not a measurement: it stays a (poor) label choice
  const ids = tableWith(700, { barcode: (i) => `AAAC${i}` });
  assert.equal(isContinuousColumn(ids, 'barcode'), false);
});

test('only clusters and a score: the integer-coded cluster column is suggested, not the score', () => {
  const table = tableWith(700, {
    S_score: (i) => String(i / 700),
    louvain: (i) => String(i % 11),
  });
  assert.equal(suggestLabelColumn(table), 'louvain');
});

// A user trial: a loom written by loompy lists its col_attrs sorted, ClusterID (int64 codes) before
// ClusterName; inspect suggested ClusterID ('10 classes: 9 138, 0 72, …'), so predictions came out as numbers.
test('of two equally named columns, the one whose classes are names is suggested before the numbered one', () => {
  const names = ['B cell', 'Monocyte', 'NK cell', 'T cell'];
  const loom = tableWith(400, {
    ClusterID: (i) => String(i % 4),
    ClusterName: (i) => names[i % 4],
    TotalUMI: (i) => String(500 + i),
  });
  assert.equal(suggestLabelColumn(loom), 'ClusterName');
  // a better name still wins over named classes, and numbers alone are still suggested
  const scanpy = tableWith(400, { cell_type: (i) => String(i % 4), louvain: (i) => `louvain_${i % 4}` });
  assert.equal(suggestLabelColumn(scanpy), 'cell_type');
  assert.equal(suggestLabelColumn(tableWith(400, { ClusterID: (i) => String(i % 4) })), 'ClusterID');
});

// A scanpy-processed small dataset: sc.pp.calculate_qc_metrics' float columns hold only a few distinct values
// each, yet they are measurements; the page offered pct_counts_mt as a label and could suggest it.
test('a few distinct fractions (scanpy QC metrics on small data) are continuous and never suggested; codes stay labels', () => {
  const table = tableWith(60, {
    total_counts_mt: (i) => ['0', '1', '2', '3'][i % 4],
    pct_counts_mt: (i) => ['0', '0.3448276', '0.6896552', ''][i % 4],
    log1p_total_counts: (i) => ['7.6014023', '7.9010057', '8.2'][i % 3],
    mystery: (i) => ['0.5', '1.5'][i % 2],
    leiden: (i) => String(i % 3),
    float_clusters: (i) => `${i % 3}.0`,
  });
  for (const name of ['pct_counts_mt', 'log1p_total_counts', 'mystery']) {
    assert.equal(isContinuousColumn(table, name), true, name);
  }
  for (const name of ['total_counts_mt', 'leiden', 'float_clusters']) {
    assert.equal(isContinuousColumn(table, name), false, name);
  }
  assert.equal(suggestLabelColumn(table), 'leiden');
  // no column but fractions: nothing to suggest (it used to be the first of them)
  const onlyFractions = tableWith(60, { mystery: (i) => ['0.5', '1.5'][i % 2] });
  assert.equal(suggestLabelColumn(onlyFractions), undefined);
});

/** The rules as they were written on labelColumnSummary (its classes counted and sorted), for comparison. */
const bySummary = {
  maxClasses: (rows: number) => Math.max(2, Math.min(100, Math.floor(rows / 2))),
  continuous(table: ExpressionTable, column: string): boolean {
    const { classes } = labelColumnSummary(table, column);
    if (!classes.every((c) => Number.isFinite(parseNumber(c.name)))) return false;
    // a fraction among the numbers: a measurement however few its values
    if (classes.some((c) => !Number.isInteger(parseNumber(c.name)))) return true;
    return classes.length > this.maxClasses(table.ids.length) || spreadBySummary(classes);
  },
};

/**
 * Whole numbers spread over more than twice their number of integers, most of one row each or at least 10 of
 * at most 3 rows each on average: an age.
 */
function spreadBySummary(classes: { name: string; count: number }[]): boolean {
  if (classes.length === 0) return false;
  const numbers = classes.map((c) => parseNumber(c.name));
  const singles = classes.filter((c) => c.count === 1).length;
  const rows = classes.reduce((n, c) => n + c.count, 0);
  const fewRowsEach = classes.length >= 10 && rows <= 3 * classes.length;
  return (
    (singles * 2 > classes.length || fewRowsEach) &&
    Math.max(...numbers) - Math.min(...numbers) + 1 > 2 * classes.length
  );
}

/** suggestLabelColumn's weight of a column's name, as label-column.ts has it. */
function nameScore(name: string): number {
  if (
    /^(labels?|cell_?types?|celltypes?|bulk_labels|cell_?ontology_?class|class|classes|y|target|annotation|tissue)$/i.test(
      name,
    )
  )
    return 3;
  if (/label|type|class|annot|tissue|lineage|identity/i.test(name)) return 2;
  if (/cluster|louvain|leiden|k_?means|ident|group|res\./i.test(name)) return 1;
  if (/phase|batch|donor|sample|plate|lane|sex|gender|age|replicate/i.test(name)) return -1;
  return 0;
}

/** Columns of every kind the checks tell apart, with missing tokens, padding and odd numbers mixed in. */
function mixedTable(rows: number, seed: number): ExpressionTable {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const odd = ['', 'NA', ' na ', 'None', '<NA>', 'nan', 'NULL', '#N/A', '  '];
  const sometimes = (value: string) => (random() < 0.1 ? pick(odd) : random() < 0.1 ? ` ${value} ` : value);
  const max = bySummary.maxClasses(rows);
  return tableWith(rows, {
    cell_type: () => sometimes(pick(['B', 'T', 'NK', 'Mono'])),
    leiden: () => sometimes(String(Math.floor(random() * 12))),
    score: () => sometimes(String(random() - 0.5)),
    // exactly as many distinct numbers as a label column may have, then one more
    at_max: (i) => sometimes(String(i % max)),
    over_max: (i) => sometimes(String(i % (max + 1))),
    hex: (i) => (i === 5 ? '0x1F' : String(i)), // a radix literal is no number
    numbers_then_text: (i) => (i === rows - 1 ? 'B cell' : String(i * 1.5)),
    barcode: (i) => `AAAC${i}`,
    singletons: (i) => (i < 3 ? `only${i}` : pick(['x', 'y'])),
    unlabelled: () => pick(odd),
    cluster_type: () => pick(['1', '2', '3']),
    // a small dataset's QC metric: a few distinct fractions (pct_counts_mt), and whole numbers written as floats
    pct_counts_mt: () => sometimes(pick(['0', '0.5', '1.25'])),
    float_codes: () => sometimes(pick(['1.0', '2.0', '3'])),
    type_fraction: () => pick(['0.5', '2']),
    // a few samples' ages: whole numbers, most of one row, spread (a measurement); and ages shared by pairs
    age: (i) => sometimes(i < 4 ? String(30 + 7 * i) : pick(['50', '60'])),
    paired_ages: (i) => String(30 + 11 * Math.floor(i / 2)),
  });
}

/** The suggestion as it was chosen from each column's summary. */
function suggestedBySummary(table: ExpressionTable): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const { name } of table.metadata) {
    const summary = labelColumnSummary(table, name);
    const k = summary.classes.length;
    if (k < 2 || k > bySummary.maxClasses(table.ids.length)) continue;
    const codes = summary.classes.every((c) => Number.isFinite(parseNumber(c.name)));
    if (codes && summary.classes.some((c) => !Number.isInteger(parseNumber(c.name)))) continue;
    if (codes && spreadBySummary(summary.classes)) continue;
    const score = nameScore(name) * 1000 + (codes ? 0 : 500) - summary.tooSmall.length;
    if (!best || score > best.score) best = { name, score };
  }
  return best?.name;
}

test('the continuous check, the class count and the suggestion say what the counted and sorted summary says', () => {
  for (const [rows, seed] of [
    [7, 1],
    [40, 2],
    [201, 3],
    [700, 4],
    [1500, 5],
  ]) {
    const table = mixedTable(rows, seed);
    for (const { name } of table.metadata) {
      const where = `${name} over ${rows} rows`;
      assert.equal(isContinuousColumn(table, name), bySummary.continuous(table, name), where);
      assert.equal(labelClassCount(table, name), labelColumnSummary(table, name).classes.length, where);
    }
    // the suggestion of every tail of the columns (so that each candidate gets its turn to win)
    for (let from = 0; from < table.metadata.length; from++) {
      const tail = { ...table, metadata: table.metadata.slice(from) };
      assert.equal(suggestLabelColumn(tail), suggestedBySummary(tail), `${rows} rows, from ${from}`);
    }
  }
  assert.equal(isContinuousColumn(mixedTable(700, 4), 'score'), true);
  assert.equal(isContinuousColumn(mixedTable(700, 4), 'over_max'), true);
  assert.equal(isContinuousColumn(mixedTable(700, 4), 'at_max'), false);
});

/** A table whose columns count how many of their values are read. */
function countedTable(
  rows: number,
  columns: Record<string, (i: number) => string>,
): {
  table: ExpressionTable;
  reads: Record<string, number>;
} {
  const table = tableWith(rows, columns);
  const reads: Record<string, number> = {};
  for (const column of table.metadata) {
    reads[column.name] = 0;
    const values = column.values;
    column.values = new Proxy(values, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads[column.name]++;
        return Reflect.get(target, key, receiver);
      },
    });
  }
  return { table, reads };
}

test('a text column is told from a measurement at its first label; the suggestion stops at the class one too many', () => {
  const rows = 5000;
  const { table, reads } = countedTable(rows, {
    cell_type: (i) => ['B', 'T'][i % 2],
    barcode: (i) => `AAAC${i}`,
    S_score: (i) => String(i / rows),
  });
  assert.equal(isContinuousColumn(table, 'cell_type'), false);
  assert.equal(isContinuousColumn(table, 'barcode'), false);
  assert.deepEqual({ ...reads }, { cell_type: 1, barcode: 1, S_score: 0 });
  assert.equal(isContinuousColumn(table, 'S_score'), true); // every value a number: read to the end
  assert.equal(reads.S_score, rows);
  for (const name of Object.keys(reads)) reads[name] = 0;
  assert.equal(suggestLabelColumn(table), 'cell_type');
  // 100 classes at most: the 101st distinct value ends the scan of an id or a measurement
  assert.deepEqual({ ...reads }, { cell_type: rows, barcode: 101, S_score: 101 });
});

test('codedLabelGenes: integer class codes under a label-like name, read as a gene, are found; others are not', () => {
  const rows = 40;
  const genes = ['class', 'subtype', 'batch', 'CD3E', 'group', 'label'];
  const values: Record<string, (r: number) => number> = {
    class: (r) => r % 3, // 3 codes
    subtype: (r) => (r % 4) + 0.5, // not integers
    batch: (r) => r % 2, // integers, but a batch is no label
    CD3E: (r) => r % 5, // integers, no label-like name
    group: (r) => r, // 40 distinct: above min(100, half the cells)
    label: () => 1, // one value
  };
  const data = new Float32Array(rows * genes.length);
  for (let r = 0; r < rows; r++) genes.forEach((g, c) => (data[r * genes.length + c] = values[g](r)));
  const table: ExpressionTable = {
    source: 'panel.tsv',
    idColumn: 'sample',
    ids: Array.from({ length: rows }, (_, i) => `s${i}`),
    genes,
    values: { rows, cols: genes.length, data },
    metadata: [],
    warnings: [],
  };
  assert.deepEqual(codedLabelGenes(table), [{ name: 'class', distinct: 3 }]);
});

test('after a fraction or the class too many, plain decimals are passed over unparsed; any other value is still judged', () => {
  const rows = 40;
  const max = bySummary.maxClasses(rows);
  const tails = [
    '1e999',
    ' 1.5',
    '1.5 ',
    '0x1F',
    '-0.5',
    '+1.5',
    '1.',
    '.5',
    'Infinity',
    '-Infinity',
    '1,5',
    '1e-7',
    '1234567890123456789',
    '-',
    'None',
    'B cell',
    '',
    ' ',
    '١',
  ];
  for (const tail of tails) {
    const columns = {
      fraction_first: (i: number) => (i === rows - 1 ? tail : String(i + 0.5)),
      codes_then_more: (i: number) => (i === rows - 1 ? tail : String(i % (max + 1))),
      codes_only: (i: number) => (i === rows - 1 ? tail : String(i % 3)),
    };
    const table = tableWith(rows, columns);
    for (const name of Object.keys(columns)) {
      assert.equal(
        isContinuousColumn(table, name),
        bySummary.continuous(table, name),
        `${name} ending ${JSON.stringify(tail)}`,
      );
    }
  }
  // an atlas's float column: after its first fraction no value is trimmed (so none parsed) — only read; a
  // cluster-code column parses each code once
  const qc = tableWith(5000, {
    pct_counts_mt: (i) => String((i % 977) / 97),
    leiden: (i) => String(i % 7),
  });
  const trims = mock.method(String.prototype, 'trim');
  try {
    assert.equal(isContinuousColumn(qc, 'pct_counts_mt'), true);
    assert.equal(isContinuousColumn(qc, 'leiden'), false);
    assert.ok(trims.mock.callCount() < 30, `${trims.mock.callCount()} values trimmed`);
  } finally {
    trims.mock.restore();
  }
});

// A walkthrough (a bulk panel of 40 samples): an age column whose 16 ages were each shared by 2 or 3 samples
// was offered as a label of 16 classes (spreadWholeNumbers wanted most ages of one sample).
test('ages repeated 2–3 times over a larger panel are a measurement; spread codes of a few classes stay labels', () => {
  const age = (i: number) => String(30 + 3 * Math.floor(i / 2.5));
  const table = tableWith(40, {
    tumour_class: (i) => ['A', 'B', 'C'][i % 3],
    age,
    age_float: (i) => `${age(i)}.0`,
    subset_clusters: (i) => ['0', '3', '7', '12', '20'][i % 5],
    grade: (i) => String(1 + (i % 4)),
    // 10 classes of 4 samples, spread: more than 3 rows a value on average
    codes: (i) => String(10 * (i % 10)),
  });
  assert.equal(labelClassCount(table, 'age'), 16);
  assert.equal(isContinuousColumn(table, 'age'), true);
  assert.equal(isContinuousColumn(table, 'age_float'), true);
  for (const name of ['tumour_class', 'subset_clusters', 'grade', 'codes']) {
    assert.equal(isContinuousColumn(table, name), false, name);
  }
  assert.equal(columnLabelFacts(table.metadata[1].values, 40).continuous, true);
  const onlyAge = { ...table, metadata: table.metadata.slice(1, 3) };
  assert.equal(suggestLabelColumn(onlyAge), undefined, 'an age is never suggested');
});

// A walkthrough (a bulk panel of 10 samples): an age column of whole numbers (34, 51, 62… written 34.0 as a
// float column is) was offered as a label of 4 classes, most of one sample.
test('whole numbers most of one row each and spread out (an age on a few samples) are a measurement; codes stay labels', () => {
  const ages = ['34.0', '51.0', '62.0', '34.0', '70.0', '34.0', '34.0', '34.0', '34.0', '34.0'];
  const table = tableWith(10, {
    tumour_class: (i) => ['A', 'B'][i % 2],
    age: (i) => ages[i],
    leiden: (i) => String(i % 4),
    subset_clusters: (i) => ['0', '3', '7', '12'][i % 4],
    grade: (i) => String(1 + (i % 3)),
  });
  assert.equal(isContinuousColumn(table, 'age'), true);
  for (const name of ['tumour_class', 'leiden', 'subset_clusters', 'grade']) {
    assert.equal(isContinuousColumn(table, name), false, name);
  }
  const onlyAge = tableWith(10, { age: (i) => ages[i], leiden: (i) => ['0', '3', '7', '12'][i % 4] });
  assert.equal(suggestLabelColumn({ ...onlyAge, metadata: onlyAge.metadata.slice(0, 1) }), undefined);
  const facts = columnLabelFacts(table.metadata[1].values, 10);
  assert.equal(facts.continuous, true);
  const counts = new Map<string, number>();
  for (const v of ages) counts.set(v, (counts.get(v) ?? 0) + 1);
  assert.equal(isContinuousCounts(counts, 10), true);
  assert.equal(
    isContinuousCounts(
      new Map([
        ['0', 3],
        ['3', 3],
        ['7', 2],
        ['12', 2],
      ]),
      10,
    ),
    false,
  );
});
