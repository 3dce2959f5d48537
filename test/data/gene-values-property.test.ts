// Properties of gene values with column roles detected (no options), issue 10:
// 1. any table whose gene cells are finite decimals, in any notation, imports to exactly those numbers
//    (the float32 of each decimal);
// 2. one non-numeric token put in any gene cell — inside the profiling sample or after it — gives either an
//    error naming that cell's line and column, or, with a missing-value policy, that policy applied to that
//    cell; never fewer genes without an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { DataImportError, importTable, type MissingPolicy } from '../../src/data/index.js';

const decimal = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v.toExponential(6)),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => v.toFixed(4)),
  fc.constantFrom('+3', ' 2.5 ', '.5', '-0', '1E5', '0.000001', '3.4e38', '-1.17549435e-38', '1e-50'),
);

const shapeArb = fc.record({
  genes: fc.integer({ min: 1, max: 6 }),
  // Up to 260 rows: past the 200-row profiling sample, so a bad token may come after it.
  rows: fc.integer({ min: 2, max: 260 }),
  delimiter: fc.constantFrom(',', '\t', ';'),
  newline: fc.constantFrom('\n', '\r\n'),
  chunkBytes: fc.constantFrom(64, 333, 1 << 18),
  gzip: fc.boolean(),
});

const tableArb = shapeArb.chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    values: fc.array(fc.array(decimal, { minLength: shape.genes, maxLength: shape.genes }), {
      minLength: shape.rows,
      maxLength: shape.rows,
    }),
  }),
);

function field(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function encode(
  shape: { genes: number; delimiter: string; newline: string; gzip: boolean },
  cells: string[][],
) {
  const { delimiter, newline } = shape;
  const header = ['id', 'cell_type', ...Array.from({ length: shape.genes }, (_, g) => `GENE${g}`)];
  const lines = [header, ...cells.map((row, r) => [`c${r}`, `type_${r % 3}`, ...row])].map((row) =>
    row.map((f) => field(f, delimiter)).join(delimiter),
  );
  const bytes = new TextEncoder().encode(lines.join(newline) + newline);
  return shape.gzip ? new Uint8Array(gzipSync(bytes)) : bytes;
}

test(
  'finite decimals import to exactly their float32 values, roles detected',
  { timeout: 120_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async ({ shape, values }) => {
        const table = await importTable(
          { name: 'decimals.csv', bytes: encode(shape, values) },
          { chunkBytes: shape.chunkBytes },
        );
        assert.equal(table.values.cols, shape.genes);
        assert.deepEqual(
          table.metadata.map((m) => m.name),
          ['cell_type'],
        );
        const expected = Float32Array.from(values.flat().map((text) => Math.fround(Number(text))));
        assert.deepEqual(table.values.data, expected);
      }),
      { numRuns: 150, seed: 20261129 },
    );
  },
);

const BAD_TOKENS = [
  'abc',
  'Inf',
  '-inf',
  'Infinity',
  '1e39',
  '-4e38',
  '0x1F',
  '0b11',
  '1,5',
  '1.2.3',
  '--1',
  'e5',
  '.',
  '1 2',
  'NA',
  '',
  'x'.repeat(300),
];
const POLICIES: (MissingPolicy | undefined)[] = [undefined, 'zero', 'drop-row', 'column-mean'];

test(
  'one bad token: an error at its line and column, or the chosen policy; never fewer genes',
  { timeout: 180_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(
        tableArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...BAD_TOKENS),
        fc.constantFrom(...POLICIES),
        async ({ shape, values }, r0, g0, token, missing) => {
          const r = r0 % shape.rows;
          const g = g0 % shape.genes;
          const cells = values.map((row) => [...row]);
          cells[r][g] = token;
          const source = { name: 'bad.csv', bytes: encode(shape, cells) };
          const options = { chunkBytes: shape.chunkBytes, ...(missing ? { missing } : {}) };
          if (!missing) {
            await assert.rejects(importTable(source, options), (err: unknown) => {
              assert.ok(err instanceof DataImportError, String(err));
              assert.ok(['not-a-number', 'not-finite', 'missing-value'].includes(err.kind), err.message);
              assert.deepEqual([err.line, err.column], [r + 2, g + 3], err.message);
              assert.ok(err.message.length < 600);
              return true;
            });
            return;
          }
          const table = await importTable(source, options);
          assert.equal(table.values.cols, shape.genes, 'no gene is lost');
          assert.equal(table.missingValues, 1);
          assert.ok(table.warnings.some((w) => w.code === 'missing-values'));
          const numbers = values.map((row) => row.map((text) => Math.fround(Number(text))));
          const cols = shape.genes;
          const data = table.values.data;
          if (missing === 'drop-row') {
            assert.equal(table.values.rows, shape.rows - 1);
            assert.deepEqual(data, Float32Array.from(numbers.filter((_, i) => i !== r).flat()));
            return;
          }
          assert.equal(table.values.rows, shape.rows);
          let sum = 0;
          for (let i = 0; i < shape.rows; i++) if (i !== r) sum += numbers[i][g];
          const filled = missing === 'zero' ? 0 : Math.fround(sum / (shape.rows - 1));
          assert.equal(data[r * cols + g], filled);
          numbers[r][g] = filled;
          assert.deepEqual(data, Float32Array.from(numbers.flat()));
        },
      ),
      { numRuns: 300, seed: 10 },
    );
  },
);
