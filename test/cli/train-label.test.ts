import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireLabelColumn } from '../../src/cli/commands/train.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { CoreError } from '../../src/api/core-error.js';
import { closestName } from '../../src/api/closest-name.js';
import { DataImportError } from '../../src/data/errors.js';
import { findLabelColumn, labelColumnSummary, suggestLabelColumn } from '../../src/data/label-column.js';
import type { ExpressionTable, MetadataColumn } from '../../src/data/types.js';
import { parseNumber } from '../../src/data/numbers.js';
import { rowWords } from '../../src/api/file-format.js';
import { countText } from '../../src/api/count-text.js';

/** An atlas-like obs of `rows` cells: labels, clusters, QC numbers, ids; each column counts its readers. */
function atlas(
  rows: number,
  format: ExpressionTable['format'],
): { table: ExpressionTable; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const counted = (name: string, value: (i: number) => string): MetadataColumn => {
    const values = Array.from({ length: rows }, (_, i) => value(i));
    reads.set(name, 0);
    return {
      name,
      get values() {
        reads.set(name, (reads.get(name) ?? 0) + 1);
        return values;
      },
    };
  };
  const table: ExpressionTable = {
    source: 'atlas.h5ad',
    idColumn: 'obs_names',
    ids: Array.from({ length: rows }, (_, i) => `c${i}`),
    genes: ['CD3E', 'MS4A1'],
    values: { rows, cols: 2, data: new Float32Array(rows * 2) },
    metadata: [
      counted('cell_type', (i) => ['B cell', 'T cell', 'NK cell'][i % 3]),
      counted('leiden', (i) => String(i % 7)),
      counted('n_counts', (i) => String(1000 + i * 3.5)),
      counted('pct_counts_mt', (i) => String(((i * 7919) % 1000) / 100)),
      counted('barcode', (i) => `AAAC${i}-1`),
      counted('sample', (i) => `s${i % 4}`),
    ],
    warnings: [],
    ...(format ? { format } : {}),
  };
  return { table, reads };
}

test('a good --label reads only its own column: the others are summarised only for a refusal', () => {
  const { table, reads } = atlas(1000, { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] });
  assert.equal(requireLabelColumn(table, 'cell_type'), 'cell_type');
  assert.equal(requireLabelColumn(table, 'leiden'), 'leiden');
  const others = [...reads].filter(([name, n]) => n > 0 && name !== 'cell_type' && name !== 'leiden');
  assert.deepEqual(others, []);
  // a refusal still lists the valid columns, which reads them all
  assert.throws(
    () => requireLabelColumn(table, 'celltype'),
    /Valid label columns: cell_type, leiden, sample\./,
  );
  assert.ok([...reads.values()].every((n) => n > 0));
});

const ADD_LABELS = 'add cell types with --meta-file FILE (a CSV whose first column is the cell id)';

/** A measurement, judged from the column's counted and sorted classes: all numbers, a fraction or too many. */
function continuousBySummary(table: ExpressionTable, name: string): boolean {
  const numbers = labelColumnSummary(table, name).classes.map((c) => parseNumber(c.name));
  if (!numbers.every((n) => Number.isFinite(n))) return false;
  if (numbers.some((n) => !Number.isInteger(n))) return true;
  return numbers.length > Math.max(2, Math.min(100, Math.floor(table.ids.length / 2)));
}

/** requireLabelColumn as it was before it read only the label on the happy path: the messages to keep. */
function requireLabelColumnBefore(table: ExpressionTable, label: string | undefined): string {
  const all = table.metadata.map((m) => m.name);
  const continuous = all.filter((name) => continuousBySummary(table, name));
  const others = all.filter((name) => !continuous.includes(name));
  // a column with no class of two or more cells (an id) is refused as a label, so it is no column to list
  const single = others.filter((name) => !labelColumnSummary(table, name).classes.some((c) => c.count >= 2));
  const names = others.filter((name) => !single.includes(name));
  const noMetadata =
    table.format === undefined || table.format.kind === 'text'
      ? `${table.source} has no text columns besides the id ('${table.idColumn}'); use --meta COL to mark one as metadata.`
      : `${table.source} holds no cell metadata; ${ADD_LABELS}.`;
  const refused = [
    ...(continuous.length ? [`${continuous.join(', ')}: continuous values`] : []),
    ...(single.length
      ? [`${single.join(', ')}: no class of two or more ${rowWords(table.format?.kind ?? 'text').many}`]
      : []),
  ];
  const noLabels = `No column of ${table.source} holds cell labels (${refused.join('; ')}); ${ADD_LABELS}.`;
  const choices = names.length
    ? `Valid label columns: ${names.join(', ')}.`
    : refused.length
      ? noLabels
      : noMetadata;
  if (label === undefined) {
    const suggested = suggestLabelColumn(table);
    throw new UsageError(
      `tripletlens train: --label COL is required. ${choices}${suggested ? ` Suggested: --label ${suggested}` : ''}`,
    );
  }
  try {
    findLabelColumn(table, label);
  } catch (err) {
    if (!(err instanceof DataImportError)) throw err;
    const near = closestName(label, others);
    const hint = table.genes.includes(label)
      ? ` '${label}' was read as a numeric (gene) column; add --meta ${label} to use it as labels.`
      : '';
    const nearHint = near === undefined || hint !== '' ? '' : ` Did you mean '${near}'?`;
    throw new UsageError(
      `tripletlens train: there is no label column '${label}' in ${table.source}.${nearHint} ${choices}${hint}`,
    );
  }
  const { classes } = labelColumnSummary(table, label);
  // a table without a format is read as a text table, whose rows are rows (rowWords)
  const words = rowWords(table.format?.kind ?? 'text');
  if (continuous.includes(label)) {
    throw new UsageError(
      `tripletlens train: the column '${label}' of ${table.source} holds continuous values (${continuousWords(classes, findLabelColumn(table, label).values)}), not ${words.classes}. ${choices}`,
    );
  }
  if (classes.length > 0 && classes.length < 10 && classes.every((c) => c.count < 2)) {
    throw new CoreError('bad-input', 'too few cells');
  }
  if (classes.length > 0 && classes.every((c) => c.count < 2)) {
    const suggested = suggestLabelColumn(table);
    throw new UsageError(
      `tripletlens train: the label column '${label}' of ${table.source} has no class with two or more ${words.many} (${countText(classes.length)} classes of one ${words.one}): it looks like an id, not a ${words.one === 'cell' ? 'cell type' : 'class'}.${suggested ? ` Suggested label column: ${suggested}` : ''}`,
    );
  }
  return label;
}

/** A continuous column's values in the refusal: their number, and its first fraction when they are few. */
function continuousWords(classes: { name: string }[], values: readonly string[]): string {
  const fraction = values.map((v) => v.trim()).find((v) => v !== '' && !Number.isInteger(parseNumber(v)));
  const fractions = classes.length <= 100 && fraction ? `, with fractions such as ${fraction}` : '';
  return `${countText(classes.length)} distinct numbers${fractions}`;
}

/** What a check says: the column it accepts, or its refusal's kind and message. */
function outcome(check: () => string): string {
  try {
    return `accepted ${check()}`;
  } catch (err) {
    if (err instanceof CoreError && err.kind === 'bad-input') return 'too few cells';
    assert.ok(err instanceof UsageError, String(err));
    return `refused: ${err.message}`;
  }
}

test('every refusal of --label says what it said when every column was summarised first', () => {
  const labels = [
    undefined,
    'cell_type',
    'leiden',
    'celltype',
    'Leiden',
    'CD3E',
    'n_counts',
    'pct_counts_mt',
    'barcode',
    'nope',
  ];
  for (const format of [undefined, { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] }]) {
    for (const rows of [8, 1000]) {
      const { table } = atlas(rows, format);
      const tables = [
        table,
        {
          ...table,
          metadata: table.metadata.filter((m) => m.name.startsWith('n_') || m.name.startsWith('pct')),
        },
        { ...table, metadata: [] },
        { ...table, metadata: table.metadata.filter((m) => m.name === 'barcode' || m.name === 'leiden') },
        // numbers then, in the last row, a text label or a number written otherwise
        {
          ...table,
          metadata: table.metadata.map((m, c) => ({
            name: m.name,
            values: m.values.map((v, i) =>
              i === rows - 1 ? ['T cell', '1e-7', ' 2.5', 'Infinity', ''][c % 5] : v,
            ),
          })),
        },
      ];
      for (const t of tables) {
        for (const label of labels) {
          const where = `--label ${label} over ${rows} rows, columns ${t.metadata.map((m) => m.name).join(',')}`;
          assert.equal(
            outcome(() => requireLabelColumn(t, label)),
            outcome(() => requireLabelColumnBefore(t, label)),
            where,
          );
        }
      }
    }
  }
});

// scanpy's pct_counts_mt on a small dataset: a few distinct values, but fractions — a measurement, refused
test('a column of a few distinct fractions is refused as continuous, naming a fraction; integer codes are accepted', () => {
  const { table } = atlas(8, { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] });
  assert.throws(
    () => requireLabelColumn(table, 'pct_counts_mt'),
    (err: unknown) =>
      err instanceof UsageError &&
      /the column 'pct_counts_mt' of atlas\.h5ad holds continuous values \(\d+ distinct numbers, with fractions such as 9\.19\), not cell types\. Valid label columns: cell_type, sample\./.test(
        err.message,
      ),
  );
  assert.equal(requireLabelColumn(table, 'cell_type'), 'cell_type');
});

// `train --sample --meta-file meta.csv --label score` named the sample, which has no column 'score', as its file
test("a refused --label column joined from --meta-file is named as the metadata file's, not the input's", () => {
  // 12 cells: an id-like column needs 10 classes of one cell (fewer is a table too small)
  const { table } = atlas(12, undefined);
  const joined = (name: string, value: (i: number) => string): MetadataColumn => ({
    name,
    values: Array.from({ length: 12 }, (_, i) => value(i)),
    joined: true,
  });
  table.metadata.push(
    joined('score', (i) => String(i * 1.37)),
    joined('donor', (i) => `d${i}`),
  );
  for (const [label, words] of [
    ['score', 'holds continuous values'],
    ['donor', 'has no class with two or more'],
  ]) {
    assert.throws(
      () => requireLabelColumn(table, label, 'meta.csv'),
      (err: unknown) =>
        err instanceof UsageError &&
        err.message.includes(`column '${label}' of meta.csv ${words}`) &&
        !err.message.includes('atlas.h5ad'),
      label,
    );
  }
  // the input's own columns are still the input's
  assert.throws(
    () => requireLabelColumn(table, 'pct_counts_mt', 'meta.csv'),
    /'pct_counts_mt' of atlas\.h5ad/,
  );
});

// A walkthrough (a bulk panel whose first column, 'sample', holds the sample ids): --label sample read "there is
// no label column 'sample'", though the file has that column.
test('--label naming the id column says it is the id column, not that the file has no such column', () => {
  const { table } = atlas(8, undefined);
  assert.throws(
    () => requireLabelColumn(table, 'obs_names'),
    (err: unknown) =>
      err instanceof UsageError &&
      err.message.includes(
        "'obs_names' is the id column (one value a row, so every class would hold a single row)",
      ) &&
      err.message.includes('Valid label columns: cell_type, sample.'),
  );
});

// A scanpy walkthrough: `train pbmc.h5ad --meta batch --label cell_type` was refused as "there is no label
// column 'cell_type' in pbmc.h5ad. Valid label columns: batch." — of a file that has it: --meta keeps exactly
// the columns it names, and the label was not among them.
test('a --label left out of --meta is told to add it to --meta, not that the file lacks it', () => {
  const { table } = atlas(30, { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] });
  const kept = { ...table, metadata: table.metadata.filter((m) => m.name === 'sample') };
  assert.throws(
    () => requireLabelColumn(kept, 'cell_type', undefined, ['sample']),
    (err: unknown) =>
      err instanceof UsageError &&
      err.message ===
        "tripletlens train: --label 'cell_type' is not among the metadata columns --meta keeps (sample): --meta names every metadata column to read. Add it (--meta sample,cell_type) or leave --meta out.",
  );
  // a label among the --meta columns that the file lacks is still the file's refusal
  assert.throws(
    () => requireLabelColumn(kept, 'celltype', undefined, ['sample', 'celltype']),
    /no label column 'celltype'/,
  );
});

// A walkthrough: inspect said "Suggested label column: ClusterName"; train without --label listed the columns
// but named none of them.
test('train without --label names the column inspect suggests, as a --label to give', () => {
  const { table } = atlas(30, { kind: 'loom', matrix: 'matrix', layers: [], obsm: [] });
  assert.throws(
    () => requireLabelColumn(table, undefined),
    (err: unknown) =>
      err instanceof UsageError &&
      err.message.endsWith(`. Suggested: --label ${suggestLabelColumn(table)}`) &&
      suggestLabelColumn(table) === 'cell_type',
  );
  const spaced = { ...table, metadata: [{ name: 'cell type', values: table.metadata[0].values }] };
  assert.throws(() => requireLabelColumn(spaced, undefined), /Suggested: --label 'cell type'$/);
});

// QA: `train uniq.h5ad --label n_counts` with obs['barcode_copy'] = obs_names listed barcode_copy among the
// columns to use instead, which train then refused too (one class a cell).
test('the label columns a refusal lists are all accepted by train: an id column (one class a cell) is left out', () => {
  const { table } = atlas(1000, { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] });
  const refusal = outcome(() => requireLabelColumn(table, 'n_counts'));
  const listed = /Valid label columns: ([^.]*)\./.exec(refusal)?.[1]?.split(', ') ?? [];
  assert.ok(listed.length > 0, refusal);
  assert.ok(!listed.includes('barcode'), refusal);
  for (const name of listed)
    assert.equal(
      outcome(() => requireLabelColumn(table, name)),
      `accepted ${name}`,
    );
  // with only the id and a measurement left, none is offered, and each is said why
  const ids = { ...table, metadata: table.metadata.filter((m) => ['n_counts', 'barcode'].includes(m.name)) };
  assert.match(
    outcome(() => requireLabelColumn(ids, 'n_counts')),
    /No column of atlas\.h5ad holds cell labels \(n_counts: continuous values; barcode: no class of two or more cells\); add cell types/,
  );
});
