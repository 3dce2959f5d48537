// A quote error named only its line ("line 3: a quoted field opened here is never closed"), not the field of
// a line that may hold thousands: its column now, counted as the other refusals count theirs (1-based
// fields), also after a quoted line break, with CRLF or tab-separated lines, and past the first chunk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataImportError } from '../../src/data/errors.js';
import { openRecords } from '../../src/data/record-reader.js';
import type { Delimiter } from '../../src/data/options.js';

/** `text` in chunks of `size` characters, as the streaming reader gets it. */
async function* chunks(text: string, size: number): AsyncGenerator<string, void, undefined> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** The refusal of `text` read in chunks of `size`: its line and column. */
async function refusal(text: string, size: number, delimiter?: Delimiter) {
  const stream = await openRecords(chunks(text, size), 'f.csv', delimiter);
  assert.ok(stream);
  try {
    for await (const batch of stream.batches) void batch;
  } catch (err) {
    assert.ok(err instanceof DataImportError, String(err));
    assert.equal(err.kind, 'bad-quotes');
    return { line: err.line, column: err.column, message: err.message };
  }
  return assert.fail('the text should have been refused');
}

test("a quote error names its line and the column of the field, as the file's other refusals do", async () => {
  const rows = (bad: string, eol = '\n', sep = ',') =>
    [['id', 'label', 'A', 'B'], ['c1', 'T', '1', '2'], bad.split(','), ['c3', 'T', '5', '6']]
      .map((r) => r.join(sep))
      .join(eol) + eol;
  const cases: [string, number, number][] = [
    [rows('c2,"B"x,3,4'), 3, 2],
    [rows('c2,B,3,"4'), 3, 4],
    [rows('"c2"x,B,3,4'), 3, 1],
    [rows('c2,B,"3"x,4', '\r\n'), 3, 3],
    [rows('c2,B,"3"x,4', '\n', '\t'), 3, 3],
    // a quoted line break in an earlier record and in an earlier field of the same record
    [rows('c2,B,3,"4"x').replace('c1,T', 'c1,"T\ncell"'), 4, 4],
    [rows('"c\n2",B,"3"x,4'), 3, 3],
  ];
  const names = ['id', 'label', 'A', 'B'];
  for (const [text, line, column] of cases) {
    for (const size of [7, 1 << 16]) {
      const got = await refusal(text, size);
      assert.deepEqual({ line: got.line, column: got.column }, { line, column }, JSON.stringify(text));
      // by its header's name too, as a value that is not a number is: "column 4" of thousands was a count
      assert.match(
        got.message,
        new RegExp(`^f\\.csv, line ${line}, column ${column} \\("${names[column - 1]}"\\): `),
      );
    }
  }
});

test("a quote error's column is named by the header the reader skips blank lines to, R's short header too", async () => {
  const cases: [string, string][] = [
    // blank lines and a line of delimiters before the header
    ['\n,,,\nid,label,CD3E,MS4A1\nc1,T,1,2\nc2,B,"3"x,4\n', 'line 5, column 3 ("CD3E")'],
    // R's write.table: the header one name short, its rows led by their row names
    ['label,CD3E,MS4A1\nc1,T,1,2\nc2,B,3,"4"x\n', 'line 3, column 4 ("MS4A1")'],
    ['label,CD3E,MS4A1\nc1,T,1,2\n"c2"x,B,3,4\n', 'line 3, column 1: '],
    // a fault in the first row after the header, whose own fields run on past its quote: the line after it
    // says whether the header is one short (it was named by its number alone where later rows' faults were
    // also named by their column's name); no such line, or one of another width, the number alone rather
    // than a neighbour's name
    ['label,CD3E,MS4A1\nc1,T,"1"x,2\nc2,B,3,4\n', 'line 2, column 3 ("CD3E")'],
    ['id,label,CD3E\nc1,"T,1\nc2,B,3\n', 'line 2, column 2 ("label")'],
    ['id,label,CD3E\r\nc1,"T"x,1\r\nc2,B,3\r\n', 'line 2, column 2 ("label")'],
    ['label,CD3E\n"c1"x,T,1\nc2,B,3\n', 'line 2, column 1: '],
    ['id,label,CD3E\nc1,"T"x,1\n', 'line 2, column 2: '],
    ['id,label,CD3E\nc1,"T"x,1\nc2,B\n', 'line 2, column 2: '],
    // a fault in the header itself, or a field the header has no name for: the number alone
    ['id,"label"x,A\nc1,T,1\n', 'line 1, column 2: '],
    ['id,label\nc1,T\nc2,T,"1"x\n', 'line 3, column 3: '],
  ];
  for (const [text, where] of cases) {
    for (const size of [5, 1 << 16]) {
      const got = await refusal(text, size);
      assert.ok(got.message.startsWith(`f.csv, ${where}`), `${JSON.stringify(text)}: ${got.message}`);
    }
  }
});

test('many rows before the fault: the line and column past the first chunks', async () => {
  const body = Array.from({ length: 5000 }, (_, i) => `c${i},T,${i},1`).join('\n');
  const got = await refusal(`id,label,A,B\n${body}\nlast,T,"7"?,1\n`, 4096);
  assert.deepEqual({ line: got.line, column: got.column }, { line: 5002, column: 3 });
});
