// A metadata file saved by a spreadsheet in a Swedish locale (';', decimal commas) is joined with its numbers
// read as numbers, as the main table's ','-decimal metadata is (src/data/comma-metadata.ts): joined as text,
// its purity 0,7 was suggested and trained as a label of 3 classes, its age refused as an id-like label, and
// the h5ad writer stored both as strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DataImportError, importTable } from '../../src/data/index.js';
import { isContinuousColumn, suggestLabelColumn } from '../../src/data/label-column.js';
import { encodeObsColumn, obsColumnOf } from '../../src/engine/h5ad/obs-encoding.js';
import type { ExpressionTable } from '../../src/data/types.js';
import { packageRoot } from '../../src/util/paths.js';
import { tempDir } from '../cli/helpers.js';
import { writeDotMetadata, writeSwedishMetadata } from './swedish-metadata.js';

const CELLS = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv');
const JOINED = ['annotation', 'purity', 'age', 'batch'];

const joined = (table: ExpressionTable) => table.metadata.filter((m) => JOINED.includes(m.name));
const note = (table: ExpressionTable) => table.warnings.find((w) => w.code === 'metadata-decimal-comma');

test("a ';' metadata file's decimal-comma columns are joined as the '.' file's numbers, with a note", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const sv = join(dir, 'meta_sv.csv');
    const us = join(dir, 'meta_us.csv');
    await writeSwedishMetadata(sv);
    await writeDotMetadata(us);
    const comma = await importTable(CELLS, { metaFile: sv });
    const dot = await importTable(CELLS, { metaFile: us });
    assert.deepEqual(joined(comma), joined(dot), "the same text as the '.' file's");
    const purity = comma.metadata.find((m) => m.name === 'purity');
    assert.deepEqual(purity?.values.slice(0, 5), ['0.7', '0.8', '0.9', '0.7', 'NA']);
    assert.equal(comma.metadata.find((m) => m.name === 'batch')?.values[0], '1', 'whole numbers as written');
    for (const name of ['purity', 'age']) assert.ok(isContinuousColumn(comma, name), name);
    assert.equal(suggestLabelColumn(comma), 'cell_type');
    // the h5ad writer stores them as the '.' file's: age a float column
    const encoded = (table: ExpressionTable, name: string) => {
      const column = table.metadata.find((m) => m.name === name)!;
      return encodeObsColumn(obsColumnOf(name, column));
    };
    assert.equal(encoded(comma, 'age').kind, 'numeric');
    for (const name of JOINED) assert.deepEqual(encoded(comma, name), encoded(dot, name), name);
    assert.equal(
      note(comma)?.message,
      `Metadata file ${sv}: ',' was read as the decimal separator of its columns 'purity' and 'age' (0,73 as 0.73): the file is ';'-separated and its numbers are written with decimal commas, none with a '.'.`,
    );
    assert.equal(note(comma)?.info, true);
    assert.equal(note(dot), undefined);
  } finally {
    await cleanup();
  }
});

test("a ';' file with a number holding a '.', or a tab-separated one, keeps its decimal commas as written", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const sv = join(dir, 'meta_sv.csv');
    await writeSwedishMetadata(sv);
    const lines = (await readFile(sv, 'utf8')).split('\r\n');
    // one age written with a '.': 41.5 may be a decimal point, 1.234 a thousands separator — not guessed
    const dotted = join(dir, 'dotted.csv');
    await writeFile(dotted, lines.map((l, i) => (i === 2 ? l.replace('41,5', '41.5') : l)).join('\r\n'));
    // tab-separated: "1,234" is as likely a thousands separator, as for the main table
    const tabbed = join(dir, 'tabbed.tsv');
    await writeFile(tabbed, lines.map((l) => l.replaceAll(';', '\t')).join('\n'));
    for (const file of [dotted, tabbed]) {
      const table = await importTable(CELLS, { metaFile: file });
      assert.equal(table.metadata.find((m) => m.name === 'purity')?.values[0], '0,7', file);
      assert.equal(note(table), undefined, file);
    }
  } finally {
    await cleanup();
  }
});

// The decimal separator the user chose for the data file (--decimal, Import settings ▸ Decimal separator) reads
// the metadata file too: it was always detected, so a tab-separated file's 0,7 stayed text even with ',', and
// '.' could not keep a ';' file's as written.
test("a chosen ',' reads a tab-separated metadata file's decimal commas as numbers, without a note", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const tabbed = join(dir, 'meta_sv.tsv');
    const us = join(dir, 'meta_us.csv');
    await writeSwedishMetadata(tabbed, '\t');
    await writeDotMetadata(us);
    const comma = await importTable(CELLS, { metaFile: tabbed, decimal: ',' });
    const dot = await importTable(CELLS, { metaFile: us });
    assert.deepEqual(joined(comma), joined(dot), "the same text as the '.' file's");
    for (const name of ['purity', 'age']) assert.ok(isContinuousColumn(comma, name), name);
    // the user chose ',': nothing detected to say, as for the data file
    assert.equal(note(comma), undefined);
  } finally {
    await cleanup();
  }
});

test("a chosen '.' keeps a ';' metadata file's decimal commas as written", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const sv = join(dir, 'meta_sv.csv');
    await writeSwedishMetadata(sv);
    const table = await importTable(CELLS, { metaFile: sv, decimal: '.' });
    assert.deepEqual(table.metadata.find((m) => m.name === 'purity')?.values.slice(0, 3), [
      '0,7',
      '0,8',
      '0,9',
    ]);
    assert.ok(!isContinuousColumn(table, 'purity'));
    assert.equal(note(table), undefined);
  } finally {
    await cleanup();
  }
});

test("with ',' chosen, a number of the metadata file ',' cannot read is refused at its line and column", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const sv = join(dir, 'meta_sv.csv');
    await writeSwedishMetadata(sv);
    const lines = (await readFile(sv, 'utf8')).split('\r\n');
    // line 4's age (column 4) with '.' between thousands; line 3's annotation (text) holds a '.' number too
    const edited = lines.map((l, i) => {
      if (i === 2) return l.replace(/;[^;]*;/, ';1.5;');
      return i === 3 ? l.replace(/;4\d,5;/, ';1.234,5;') : l;
    });
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, edited.join('\r\n'));
    await assert.rejects(importTable(CELLS, { metaFile: bad, decimal: ',' }), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'not-a-number');
      assert.equal(err.file, bad);
      assert.equal(err.line, 4);
      assert.equal(err.column, 4);
      assert.match(err.message, /"1\.234,5" is written with '\.' between thousands/);
      assert.match(err.message, /^\S+bad\.csv, line 4, column 4 \("age"\): /);
      assert.match(
        err.message,
        /The column holds numbers, and the metadata file is read with the decimal separator chosen\.$/,
      );
      return true;
    });
    // detected, the '.' numbers make the file read with '.': joined as written, no refusal
    const detected = await importTable(CELLS, { metaFile: bad });
    assert.equal(detected.metadata.find((m) => m.name === 'age')?.values[2], '1.234,5');
    // a text column's '.' number is text, with ',' chosen too
    const textOnly = join(dir, 'text-dot.csv');
    await writeFile(textOnly, edited.map((l, i) => (i === 3 ? lines[3] : l)).join('\r\n'));
    const table = await importTable(CELLS, { metaFile: textOnly, decimal: ',' });
    assert.equal(table.metadata.find((m) => m.name === 'annotation')?.values[1], '1.5');
    assert.ok(isContinuousColumn(table, 'age'));
  } finally {
    await cleanup();
  }
});

// An h5ad, loom or Cell Ranger input is no text table, so --decimal / Import settings ▸ Decimal separator was
// refused with it, and a tab-separated metadata file's decimal commas (never detected) were silently joined as
// text: purity's 0,7 / 0,8 / 0,9 a label of 3 classes. With a metadata file, the choice reads its numbers.
test("a chosen ',' reads a tab-separated metadata file joined to an h5ad or a 10x folder, with a note", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const tabbed = join(dir, 'meta_sv.tsv');
    const us = join(dir, 'meta_us.csv');
    await writeSwedishMetadata(tabbed, '\t');
    await writeDotMetadata(us);
    const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
    for (const input of [join(formats, 'dense.h5ad'), join(formats, 'tenx_v3')]) {
      const comma = await importTable(input, { metaFile: tabbed, decimal: ',' });
      const dot = await importTable(input, { metaFile: us });
      assert.deepEqual(joined(comma), joined(dot), input);
      for (const name of ['purity', 'age']) assert.ok(isContinuousColumn(comma, name), `${input} ${name}`);
      const chosen = comma.warnings.find((w) => w.code === 'metadata-decimal-chosen');
      assert.equal(
        chosen?.message,
        `Metadata file ${tabbed}: the decimal separator chosen, ',' (0,73 as 0.73), reads its numbers only: ${basename(input)} is not a text table.`,
      );
      assert.equal(chosen?.info, true);
      assert.equal(note(comma), undefined, 'chosen, not detected');
      // detected, the tab-separated file's decimal commas stay text
      const detected = await importTable(input, { metaFile: tabbed });
      assert.equal(detected.metadata.find((m) => m.name === 'purity')?.values[0], '0,7', input);
    }
    // without a metadata file the choice has nothing to read, and is refused
    await assert.rejects(importTable(join(formats, 'dense.h5ad'), { decimal: ',' }), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.match(err.message, /--decimal does not apply .*no metadata file is joined to it/);
      return true;
    });
  } finally {
    await cleanup();
  }
});
