/**
 * Splits a stream of text chunks into records (arrays of field strings) with papaparse's core parser,
 * chunk by chunk: each call parses the unfinished tail of the previous chunk plus the new one, so memory
 * holds one chunk's records at a time. Every record carries the 1-based line number where it starts, for
 * error messages; quoted fields spanning lines are counted.
 */
import Papa from 'papaparse';
import { DataImportError } from './errors.js';
import { detectDelimiter, detectNewline } from './delimiter.js';
import { HeaderNames } from './header-names.js';
import type { Delimiter } from './options.js';

/** Records parsed from one chunk; `lines[i]` is the file line where `records[i]` starts. */
export interface RecordBatch {
  records: string[][];
  lines: Int32Array;
}

export interface RecordStream {
  delimiter: Delimiter;
  newline: '\r\n' | '\n' | '\r';
  batches: AsyncGenerator<RecordBatch, void, undefined>;
}

/** A record longer than this (an unclosed quote, usually) is an error rather than a memory hog. */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

/** Text gathered before guessing the delimiter, so the guess sees several lines. */
const DETECTION_CHARS = 64 * 1024;
/** …or this many lines, whichever comes first. */
const DETECTION_LINES = 31;

interface PapaError {
  code: string;
  row: number;
  /** Where the faulty quoted field's text starts in the parsed input (just after its opening quote). */
  index?: number;
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

/**
 * Starts reading records. Resolves once the delimiter is known (given, or detected from the first 64 KB).
 * @param delimiter override; default detected
 */
export async function openRecords(
  text: AsyncIterator<string, void, undefined>,
  file: string,
  delimiter?: Delimiter,
): Promise<RecordStream | undefined> {
  let head = '';
  let ended = false;
  while (head.length < DETECTION_CHARS && countOf(head, '\n') < DETECTION_LINES) {
    const step = await text.next();
    if (step.done) {
      ended = true;
      break;
    }
    head += step.value;
  }
  if (head.trim() === '') {
    if (!ended) await text.return?.();
    return undefined;
  }
  const chosen = delimiter ?? detectDelimiter(head) ?? ',';
  const newline = detectNewline(head);
  return { delimiter: chosen, newline, batches: parseBatches(head, ended, text, file, chosen, newline) };
}

/**
 * The 1-based column (field) of a quote error's field in its record: the fields before the field's opening
 * quote, parsed again from the record's start, which is `breaks` line breaks (quoted ones counted, as the
 * records' lines are) into `input`. Undefined when Papa gave no place. The message said only "line 3" of a
 * line of many fields.
 */
function quotedFieldColumn(
  input: string,
  breaks: number,
  error: PapaError,
  delimiter: Delimiter,
  newline: '\r\n' | '\n' | '\r',
): number | undefined {
  if (error.index === undefined || error.index < 1) return undefined;
  const mark = newline === '\r' ? '\r' : '\n';
  let start = 0;
  for (let k = 0; k < breaks; k++) {
    const next = input.indexOf(mark, start);
    if (next === -1 || next >= error.index) return undefined;
    start = next + 1;
  }
  // the text before the opening quote: whole fields, each ended by a delimiter
  const before = input.slice(start, error.index - 1);
  if (before === '') return 1;
  const parsed = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(before, 0, false) as {
    data: string[][];
  };
  // one record, else the record's start was not where its line says: no column rather than a wrong one
  return parsed.data.length === 1 ? parsed.data[0].length : undefined;
}

/**
 * The line after the one where a quote error's field opens (`index`, just after its quote, in `input`), read
 * alone as one record — the table's width when the faulty record is the first after the header, whose own
 * fields run on past the quote. Undefined when that line is not all in `input` (`complete` false: more text
 * is coming) or does not read as one clean record.
 */
function lineAfterQuote(
  input: string,
  index: number | undefined,
  delimiter: Delimiter,
  newline: '\r\n' | '\n' | '\r',
  complete: boolean,
): string[] | undefined {
  if (index === undefined) return undefined;
  const mark = newline === '\r' ? '\r' : '\n';
  const start = input.indexOf(mark, index);
  if (start === -1) return undefined;
  let end = input.indexOf(mark, start + 1);
  if (end === -1) {
    if (!complete) return undefined;
    end = input.length;
  }
  const text = input.slice(start + 1, end).replace(/\r$/, '');
  const parsed = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(text, 0, false) as {
    data: string[][];
    errors: PapaError[];
  };
  return parsed.data.length === 1 && parsed.errors.length === 0 ? parsed.data[0] : undefined;
}

async function* parseBatches(
  head: string,
  headEnded: boolean,
  text: AsyncIterator<string, void, undefined>,
  file: string,
  delimiter: Delimiter,
  newline: '\r\n' | '\n' | '\r',
): AsyncGenerator<RecordBatch, void, undefined> {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const stripCarriageReturn = newline === '\n';
  // a quote error names its column by the header's name too
  const header = new HeaderNames();
  let partial = '';
  let partialLine = 1;
  let nextLine = 1;
  let pending: string | undefined = head;
  let ended = headEnded;
  try {
    while (pending !== undefined) {
      let chunk: string = pending;
      pending = undefined;
      // When one record is longer than a chunk, gather at least as much new text as the unfinished record
      // before parsing again, so a very wide row is re-scanned a few times, not once per chunk.
      while (!ended && chunk.length < partial.length) {
        const step = await text.next();
        if (step.done) ended = true;
        else chunk += step.value;
      }
      if (!ended) {
        const step = await text.next();
        if (step.done) ended = true;
        else pending = step.value;
      }
      const last = ended && pending === undefined;
      const input = partial + chunk;
      const hasQuotes = input.indexOf('"') !== -1;
      // A chunk ending between the \r and \n of a line break would look like a malformed quoted field.
      const held = !last && input.charCodeAt(input.length - 1) === 13 ? 1 : 0;
      const result = parser.parse(held ? input.slice(0, -1) : input, 0, !last) as {
        data: string[][];
        errors: PapaError[];
        meta: { cursor: number };
      };
      const records = result.data;
      const lines = new Int32Array(records.length);
      for (let i = 0; i < records.length; i++) {
        lines[i] = nextLine;
        const record = records[i];
        nextLine += 1;
        if (hasQuotes) {
          for (const field of record) {
            if (field.indexOf(newline === '\r' ? '\r' : '\n') !== -1) {
              nextLine += countOf(field, newline === '\r' ? '\r' : '\n');
            }
          }
        }
        if (stripCarriageReturn) {
          const lastField = record[record.length - 1];
          if (lastField.charCodeAt(lastField.length - 1) === 13) {
            record[record.length - 1] = lastField.slice(0, -1);
          }
        }
      }
      // Problems in the unfinished last record are judged again once the rest of it has arrived.
      const errors = last ? result.errors : result.errors.filter((e) => e.row < records.length);
      if (errors.length > 0) {
        const error = errors[0];
        const line = error.row < lines.length ? lines[error.row] : nextLine;
        const column =
          error.row < lines.length
            ? quotedFieldColumn(input, lines[error.row] - lines[0], error, delimiter, newline)
            : undefined;
        header.see(records, Math.min(error.row, records.length));
        // a fault in the first row after the header: the next line tells whether the header is one name short
        if (column !== undefined)
          header.seeLineAfter(lineAfterQuote(input, error.index, delimiter, newline, last));
        const columnName = column === undefined ? undefined : header.nameOf(column);
        throw new DataImportError(
          'bad-quotes',
          file,
          error.code === 'MissingQuotes'
            ? 'a quoted field opened here is never closed (a " without its partner).'
            : 'a quoted field is followed by other characters before the next delimiter (write a literal " inside quotes as "").',
          column === undefined ? { line } : { line, column, ...(columnName ? { columnName } : {}) },
        );
      }
      header.see(records);
      partial = last ? '' : input.substring(result.meta.cursor);
      partialLine = nextLine;
      if (partial.length > MAX_RECORD_CHARS) {
        const why =
          partial.indexOf('"') !== -1
            ? 'a quoted field opened on this line is never closed'
            : 'this line is longer than 64 MB';
        throw new DataImportError('line-too-long', file, `${why}.`, { line: partialLine });
      }
      if (records.length > 0) yield { records, lines };
    }
  } finally {
    if (!ended) await text.return?.();
  }
}
