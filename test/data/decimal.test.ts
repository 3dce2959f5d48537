// A European spreadsheet's CSV (';' between fields, decimal commas, a BOM) opens with the decimal option or by
// safe detection; a thousands separator is refused, never read as another number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { detectDecimal, explainNotANumberIn, parseCommaNumber } from '../../src/data/decimal.js';
import { fastDecimal } from '../../src/data/fast-decimal.js';
import { DataImportError } from '../../src/data/errors.js';
import { importTable } from '../../src/data/index.js';
import type { ImportOptions } from '../../src/data/options.js';
import { packageRoot } from '../../src/util/paths.js';

const BAD = join(packageRoot(), 'test', 'fixtures', 'bad');
const load = (text: string, options?: ImportOptions) =>
  importTable({ name: 'eu.csv', bytes: new TextEncoder().encode(text) }, options);
const COMMA = ',';

test('a decimal comma reads as the number it writes', () => {
  for (const [text, value] of [
    ['1,25', 1.25],
    ['-0,5', -0.5],
    [' 2,75 ', 2.75],
    [',5', 0.5],
    ['3', 3],
    ['12,345', 12.345],
    ['1,5E-05', 0.000015],
    ['+4,0', 4],
  ] as const) {
    assert.equal(parseCommaNumber(text), value, text);
  }
  // the fast path agrees: 1,25 is 125 / 100
  assert.equal(fastDecimal('1,25', COMMA.charCodeAt(0)), 1.25);
  assert.equal(fastDecimal('-0,125', COMMA.charCodeAt(0)), -0.125);
  assert.ok(Number.isNaN(fastDecimal('1.25', COMMA.charCodeAt(0))));
});

test("read with ',' decimals, a '.' is never guessed: 1.5, 1.234 and 1.234,5 are not numbers", () => {
  for (const text of ['1.5', '1.234', '1.234,5', '1,234.5', '1,2,3', '0x1F', 'abc', '']) {
    assert.ok(Number.isNaN(parseCommaNumber(text)), text);
  }
  assert.match(
    explainNotANumberIn('1.234,5', ',', 'cli'),
    /^"1\.234,5" is written with '\.' between thousands/,
  );
  assert.match(
    explainNotANumberIn('1.5', ',', 'cli'),
    /"1\.5" holds a '\.', but the decimal separator here is ',': .*\(--decimal dot\)\.$/,
  );
  assert.match(
    explainNotANumberIn('1.5', ',', 'app'),
    /\(Import settings ▸ Decimal separator: dot \(1\.25\)\)\.$/,
  );
  assert.equal(explainNotANumberIn('abc', ',', 'cli'), '"abc" is not a number.');
  assert.match(explainNotANumberIn('1,25', '.', 'cli'), /"1,25" uses a decimal comma: .*--decimal comma/);
});

test("detection picks ',' only for a ';' table whose numbers all use decimal commas", () => {
  const rows = (...lines: string[]) => lines.map((line) => line.split(';'));
  assert.equal(detectDecimal(';', rows('c1;1,25;0;T', 'c2;3;0,5;B')), ',');
  // a German date or a version in a text column does not stop it
  assert.equal(detectDecimal(';', rows('c1;1,25;04.03.2021;v1.2')), ',');
  // one number written with a '.' (a decimal point, or thousands: 1.234,5) and it is not ','
  assert.equal(detectDecimal(';', rows('c1;1,25;0', 'c2;3;1.5')), '.');
  assert.equal(detectDecimal(';', rows('c1;1,25;0', 'c2;3;1.234,5')), '.');
  // every comma before exactly 3 digits: 12,345 may be 12345
  assert.equal(detectDecimal(';', rows('c1;12,345;1,000', 'c2;3,000;0')), '.');
  // integers only, and any other delimiter
  assert.equal(detectDecimal(';', rows('c1;1;2')), '.');
  assert.equal(detectDecimal('\t', [['c1', '1,25', '0,5']]), '.');
  assert.equal(detectDecimal(',', [['c1', '1,25', '0,5']]), '.');
});

test("a ';' table with decimal commas and a BOM opens by detection, with a note saying so", async () => {
  const table = await load('\uFEFFcell;GeneA;GeneB;type\nc1;1,25;0,5;T\nc2;2,5;0;B\nc3;-0,75;3,125;T\n');
  assert.deepEqual(table.genes, ['GeneA', 'GeneB']);
  assert.equal(table.idColumn, 'cell');
  assert.deepEqual([...table.values.data], [1.25, 0.5, 2.5, 0, -0.75, 3.125]);
  const note = table.warnings.find((w) => w.code === 'decimal-comma');
  assert.ok(note?.info, 'an information note, not a warning');
  assert.match(note.message, /',' was read as the decimal separator .*--decimal dot/);
  // the bad corpus's spreadsheet file too
  const fixture = await importTable(join(BAD, 'decimal-comma.csv'));
  assert.deepEqual(fixture.genes, ['GENE_A', 'GENE_B']);
  assert.deepEqual([...fixture.values.data.slice(0, 2)], [1.5, 2.25]);
});

test("the decimal option reads a tab-separated file's commas, and '.' keeps refusing them", async () => {
  const text = 'cell\tG1\tG2\nc1\t1,25\t0,5\nc2\t2,5\t0,75\n';
  const table = await load(text, { decimal: ',' });
  assert.deepEqual([...table.values.data], [1.25, 0.5, 2.5, 0.75]);
  assert.equal(
    table.warnings.find((w) => w.code === 'decimal-comma'),
    undefined,
    'chosen, not detected',
  );
  await assert.rejects(load(text), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'no-gene-columns');
    assert.match(err.message, /^eu\.csv, line 2, column 2 \("G1"\): .*"1,25".*--decimal comma/);
    return true;
  });
  // chosen '.', a ';' file is not read with ',' either
  await assert.rejects(load('cell;G1\nc1;1,25\n', { decimal: '.' }), { kind: 'no-gene-columns' });
});

test('a thousands separator is refused at its place, never read as another number', async () => {
  // 1.234,5 among decimal commas: detection declines, and the chosen ',' refuses the value
  const grouped = 'cell;G1;G2\nc1;1,25;0,5\nc2;2,5;1.234,5\n';
  await assert.rejects(load(grouped, { decimal: ',' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'not-a-number');
    assert.equal(err.line, 3);
    assert.equal(err.column, 3);
    assert.match(
      err.message,
      /^eu\.csv, line 3, column 3 \("G2"\): "1\.234,5" is written with '\.' between thousands/,
    );
    return true;
  });
  await assert.rejects(load(grouped), { kind: 'no-gene-columns' });
  // 1,234.5 in a comma-separated file with '.' decimals
  await assert.rejects(load('cell,G1,G2\nc1,"1,234.5",0.5\nc2,2.5,0\n'), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'not-a-number');
    assert.equal(err.line, 2);
    assert.equal(err.column, 2);
    assert.match(err.message, /"1,234\.5" looks like 1234\.5 written with a thousands separator/);
    return true;
  });
  // a dot-decimal beyond the rows detection saw: refused there, not read as 15 or 1.5
  const late = `cell;G1\n${Array.from({ length: 250 }, (_, i) => `c${i};${i},5`).join('\n')}\nlate;1.5\n`;
  await assert.rejects(load(late), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.line, 252);
    assert.match(err.message, /"1\.5" holds a '\.', but the decimal separator here is ','/);
    return true;
  });
});

test('under --missing zero, decimal commas read as missing get a warning that names --decimal comma', async () => {
  // a tab-separated file (no detection): mostly whole numbers, so G1 is a gene, and its "1,25" are not numbers
  const rows = Array.from({ length: 8 }, (_, i) => `c${i}\t${i % 3 === 0 ? `${i},25` : i}\t${i}`);
  const text = `cell\tG1\tG2\n${rows.join('\n')}\n`;
  const zero = await load(text, { missing: 'zero' });
  assert.equal(zero.values.data[0], 0, 'c0 "0,25" read as missing, then 0');
  const warning = zero.warnings.find((w) => w.code === 'bad-values-as-missing');
  assert.match(
    warning?.message ?? '',
    /the first, "0,25", on line 2, column 2 \("G1"\).*under --missing zero\. They are written with a decimal comma \(such as "0,25"\): .*\(--decimal comma\)\.$/,
  );
  // the page's words apart (the engine session gives the page these): its fields, not the CLI's flags
  assert.match(
    warning?.appMessage ?? '',
    /under Import settings ▸ Missing values: read as 0\. They are written .*\(Import settings ▸ Decimal separator: comma \(1,25\)\)\.$/,
  );
  // read with ',' they are numbers, and nothing is missing
  const comma = await load(text, { missing: 'zero', decimal: ',' });
  assert.equal(comma.values.data[0], 0.25);
  assert.equal(comma.missingValues, 0);
  // text treated as missing gets no such hint, nor does a possible thousands separator (12,345)
  const other = await load('cell\tG1\nc1\t1\nc2\tabc\nc3\t12,345\nc4\t4\nc5\t5\n', { missing: 'zero' });
  const plain = other.warnings.find((w) => w.code === 'bad-values-as-missing')?.message ?? '';
  assert.match(plain, /"abc".*under --missing zero\.$/);
  assert.doesNotMatch(plain, /--decimal/);
});
