// Property: any valid delimited table — any of the three delimiters, \n or \r\n line ends, with or without
// a BOM, a final newline, quoting of every field or only where needed, text with delimiters, quotes and line
// breaks — imports to exactly what a plain reference parser (written here, RFC 4180) reads, whatever size
// the chunks the file is read in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { DataImportError, importTable } from '../../src/data/index.js';

/** A character-by-character RFC 4180 reader: the reference the streaming importer must agree with. */
function referenceParse(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (fieldStarted || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const TEXT_CHARS = ['a', 'B', 'z', '9', '_', '-', '.', ' ', ',', ';', '\t', '"', '\n', '\r\n', 'é', 'µ'];
const text = (minLength: number) =>
  fc.array(fc.constantFrom(...TEXT_CHARS), { minLength, maxLength: 8 }).map((parts) => parts.join(''));
/** A name with at least one letter first, so it is never read as a number and never trims to ''. */
const name = fc.tuple(fc.constantFrom('G', 'x', 'Cd', 'é'), text(0)).map(([a, b]) => a + b);

const numberText = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ min: -1e30, max: 1e30, noNaN: true, noDefaultInfinity: true }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v.toExponential(4)),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => v.toFixed(3)),
  fc.constantFrom('0', '1', '0.5', '-0.25', '1e-7', '  2.5 ', '+3'),
);

const tableArb = fc
  .record({
    genes: fc.uniqueArray(name, { minLength: 1, maxLength: 6, selector: (s) => s.trim() }),
    rows: fc.integer({ min: 1, max: 50 }),
    delimiter: fc.constantFrom(',', '\t', ';'),
    newline: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
    quoteAll: fc.boolean(),
    chunkBytes: fc.constantFrom(64, 97, 512, 1 << 20),
    gzip: fc.boolean(),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      ids: fc.uniqueArray(name, { minLength: shape.rows, maxLength: shape.rows, selector: (s) => s.trim() }),
      labels: fc.array(text(0), { minLength: shape.rows, maxLength: shape.rows }),
      values: fc.array(
        fc.array(numberText, { minLength: shape.genes.length, maxLength: shape.genes.length }),
        {
          minLength: shape.rows,
          maxLength: shape.rows,
        },
      ),
    }),
  );

function quote(field: string, delimiter: string, all: boolean): string {
  const needs = all || field.includes(delimiter) || /["\r\n]/.test(field);
  return needs ? `"${field.replace(/"/g, '""')}"` : field;
}

test('random valid CSV/TSV imports to what the reference parser reads', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(tableArb, async ({ shape, ids, labels, values }) => {
      const { delimiter, newline, quoteAll } = shape;
      const rows = [['id', 'label', ...shape.genes], ...ids.map((id, r) => [id, labels[r], ...values[r]])];
      let body = rows
        .map((row) => row.map((f) => quote(f, delimiter, quoteAll)).join(delimiter))
        .join(newline);
      if (shape.finalNewline) body += newline;
      const content = (shape.bom ? '\uFEFF' : '') + body;
      const encoded = new TextEncoder().encode(content);
      const bytes = shape.gzip ? new Uint8Array(gzipSync(encoded)) : encoded;

      const reference = referenceParse(content, delimiter);
      const [header, ...records] = reference;
      const table = await importTable(
        { name: 'random.csv', bytes },
        { idColumn: 'id', metaColumns: ['label'], chunkBytes: shape.chunkBytes },
      );
      assert.deepEqual(
        table.genes,
        header.slice(2).map((g) => g.trim()),
      );
      assert.deepEqual(
        table.ids,
        records.map((r) => r[0].trim()),
      );
      // metadata values trimmed as ids are (a spreadsheet's 'AML  ' is the class 'AML')
      assert.deepEqual(table.metadata, [{ name: 'label', values: records.map((r) => r[1].trim()) }]);
      assert.equal(table.values.rows, records.length);
      assert.equal(table.values.cols, header.length - 2);
      const expected = Float32Array.from(records.flatMap((r) => r.slice(2).map(Number)));
      assert.deepEqual(table.values.data, expected);
    }),
    { numRuns: 300, seed: 20261129 },
  );
});

test('column roles are detected without options on random tables with a text label column', async () => {
  await fc.assert(
    fc.asyncProperty(tableArb, async ({ shape, ids, values }) => {
      const { delimiter, newline } = shape;
      const labels = ids.map((_, r) => `type_${r % 3}`);
      const rows = [
        ['cell', 'cell_type', ...shape.genes],
        ...ids.map((id, r) => [id, labels[r], ...values[r]]),
      ];
      const content = rows
        .map((row) => row.map((f) => quote(f, delimiter, false)).join(delimiter))
        .join(newline);
      const table = await importTable({ name: 'random.tsv', bytes: new TextEncoder().encode(content) });
      assert.equal(table.idColumn, 'cell');
      assert.deepEqual(
        table.metadata.map((m) => m.name),
        ['cell_type'],
      );
      assert.equal(table.values.cols, shape.genes.length);
    }),
    { numRuns: 150, seed: 7 },
  );
});

test('a bad value is reported at the line it is on, counting line breaks inside quoted text', async () => {
  await fc.assert(
    fc.asyncProperty(tableArb, fc.nat(), fc.nat(), async ({ shape, ids, labels, values }, r0, g0) => {
      const { delimiter, newline, quoteAll } = shape;
      const badRow = r0 % ids.length;
      const badGene = g0 % shape.genes.length;
      const cells = values.map((row) => [...row]);
      cells[badRow][badGene] = 'oops';
      const rows = [['id', 'label', ...shape.genes], ...ids.map((id, r) => [id, labels[r], ...cells[r]])];
      const lines = rows.map((row) => row.map((f) => quote(f, delimiter, quoteAll)).join(delimiter));
      const breaks = (s: string) => s.split('\n').length - 1;
      const expectedLine = 1 + lines.slice(0, badRow + 1).reduce((sum, l) => sum + 1 + breaks(l), 0);
      const bytes = new TextEncoder().encode(lines.join(newline));
      await assert.rejects(
        importTable(
          { name: 'bad.csv', bytes },
          { idColumn: 'id', metaColumns: ['label'], chunkBytes: shape.chunkBytes },
        ),
        (err: unknown) => {
          assert.ok(err instanceof DataImportError);
          assert.equal(err.kind, 'not-a-number');
          assert.equal(err.line, expectedLine);
          assert.equal(err.column, badGene + 3);
          return true;
        },
      );
    }),
    { numRuns: 200, seed: 99 },
  );
});
