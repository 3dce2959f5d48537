/**
 * Streams a MatrixMarket file (gzip or not, through readSourceText) into a CsrMatrix of cells × genes.
 * Entries are parsed straight from the decoded text with charCodeAt, without splitting lines into strings,
 * and go into typed arrays (CooToCsr): memory follows the entries, not rows × columns.
 */
import { countText } from '../../api/count-text.js';
import { stat } from 'node:fs/promises';
import { DataImportError, shownValue } from '../errors.js';
import {
  checkMatrixMemory,
  csrBytes,
  memoryLimitFor,
  type MatrixNeed,
  type MemoryLimit,
} from '../memory-guard.js';
import type { DataSource } from '../options.js';
import { explainNotAPlainNumber, parseNumber } from '../numbers.js';
import { isGzip } from '../sniff.js';
import { readSourceText, sourceName } from '../source-text.js';
import type { CsrMatrix } from '../../api/matrix.js';
import { CooToCsr, type RepeatedEntry } from './coo-to-csr.js';
import { parseBanner, parseSizeLine, type MtxField, type MtxHeader } from './mtx-header.js';
import { headBytes } from './detect.js';

/** How the file's rows and columns become cells and genes, decided once the header is known. */
export interface MtxPlan {
  /** The file's rows are cells (scanpy's read_mtx layout); otherwise its columns are (10x: genes × cells). */
  cellsAreRows: boolean;
  /** File gene index (0-based) → result column, or -1 to leave the gene out; null keeps every gene. */
  geneMap: Int32Array | null;
  /** Columns of the result (genes kept). */
  genes: number;
  /**
   * The cell and gene of the file's entry at `row`, `column` (1-based) as a message names them, from the name
   * files ('cell 2, barcode "AAAG-1"; Antibody Capture feature 3, "CD3"'). Default: none — the line and
   * column of the entry name it alone (a plain .mtx without names).
   */
  entryNames?: (row: number, column: number) => string;
}

export interface MtxReadOptions {
  /** Decides the layout from the header (and checks the name files against it). */
  plan: (header: MtxHeader) => MtxPlan;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Bytes read at a time. Default: readSourceText's (256 KiB). */
  chunkBytes?: number;
  /** The most memory the matrix may take, checked from the size line before it is allocated. Default: the memory available. */
  memory?: MemoryLimit;
}

export interface MtxContents {
  header: MtxHeader;
  plan: MtxPlan;
  /** Present unless two entries share a place (then `repeated` says where). */
  matrix?: CsrMatrix;
  repeated?: RepeatedEntry;
}

/** A line longer than this is not MatrixMarket (an entry is three numbers). */
const MAX_LINE = 1 << 20;

const SPACE = 32;
const TAB = 9;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const PERCENT = 37;

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

class EntryParser {
  line = 0;
  seen = 0;
  private readonly builder: CooToCsr;
  private readonly field: MtxField;

  constructor(
    private readonly file: string,
    private readonly header: MtxHeader,
    private readonly plan: MtxPlan,
    memory: MemoryLimit,
  ) {
    this.line = header.sizeLine;
    this.field = header.field;
    const cells = plan.cellsAreRows ? header.rows : header.cols;
    const entries = header.entries;
    // Leaving features out trims the arrays with a copy of up to 7/8 of them at the end.
    const trimBytes = plan.geneMap === null ? 0 : Math.ceil(entries * 7);
    const need = (bytes: number, detail: string, when: string): MatrixNeed => ({
      cells,
      genes: plan.genes,
      nonZeros: entries,
      bytes,
      detail,
      when,
    });
    const base = csrBytes(cells, entries) + trimBytes;
    const detail = 'a CSR matrix of 4 B value + 4 B index per entry and 8 B per cell';
    checkMatrixMemory(file, memory, need(base, detail, 'from the size line, before reading the entries'), {
      line: header.sizeLine,
    });
    this.builder = new CooToCsr(cells, plan.genes, entries, (extra) =>
      checkMatrixMemory(
        file,
        memory,
        need(
          base + extra,
          `${detail}, plus 12 B per entry and 8 B per cell to sort entries that are not in cell order`,
          `from the size line; the entries stopped being in cell order at line ${this.line}, nothing was loaded`,
        ),
        { line: this.line },
      ),
    );
  }

  /** Parses every complete line of `text` from `from`; returns where the unfinished last line starts. */
  lines(text: string, from: number): number {
    let i = from;
    for (;;) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) return i;
      this.line++;
      this.entry(text, i, nl);
      i = nl + 1;
    }
  }

  /**
   * The last line when the file does not end with a newline. One that does not parse while entries are still
   * missing is a file cut short in the middle of a line (a walkthrough: a matrix.mtx cut short was refused as
   * 'expected "row column value" …, got "393 267"', which did not say the file ends early).
   */
  last(text: string): void {
    if (text.length === 0) return;
    this.line++;
    try {
      this.entry(text, 0, text.length);
    } catch (err) {
      if (!(err instanceof DataImportError) || this.seen >= this.header.entries) throw err;
      throw new DataImportError(
        'bad-structure',
        this.file,
        `the file ends in the middle of an entry ("${shownValue(text.trim())}", no newline after it), after ${countText(this.seen)} of the ${countText(this.header.entries)} entries the header (line ${this.header.sizeLine}) declares: it is cut short (an interrupted download or copy?). Copy it again.`,
        { line: this.line },
      );
    }
  }

  finish(): Pick<MtxContents, 'matrix' | 'repeated'> {
    if (this.seen < this.header.entries) {
      throw new DataImportError(
        'bad-structure',
        this.file,
        `the header declares ${countText(this.header.entries)} entries but the file holds ${countText(this.seen)} (it ends at line ${this.line}); the file is cut short or its header is wrong.`,
        { line: this.header.sizeLine },
      );
    }
    const built = this.builder.finish();
    return 'matrix' in built ? { matrix: built.matrix } : { repeated: built.repeated };
  }

  private fail(column: number, detail: string, kind: 'bad-structure' | 'not-a-number' = 'bad-structure') {
    return new DataImportError(kind, this.file, detail, { line: this.line, column });
  }

  private entry(text: string, start: number, end: number): void {
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    let i = start;
    let c = text.charCodeAt(i);
    while (i < end && (c === SPACE || c === TAB)) c = text.charCodeAt(++i);
    if (i === end || c === PERCENT) return;
    const { header } = this;
    if (this.seen === header.entries) {
      throw this.fail(
        1,
        `more entries than the ${countText(header.entries)} the header declares (line ${header.sizeLine}); the header is wrong or entries repeat.`,
      );
    }
    // Row and column: 1-based whole numbers.
    let row = 0;
    let digits = 0;
    for (; i < end; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      row = row * 10 + d;
      digits++;
    }
    if (digits === 0 || row < 1 || row > header.rows || !this.separator(text, i, end)) {
      throw this.badIndex(text, start, end, 1, row, digits, header.rows, 'row');
    }
    for (c = text.charCodeAt(i); i < end && (c === SPACE || c === TAB);) c = text.charCodeAt(++i);
    let col = 0;
    digits = 0;
    for (; i < end; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      col = col * 10 + d;
      digits++;
    }
    const pattern = this.field === 'pattern';
    if (digits === 0 || col < 1 || col > header.cols || !this.separator(text, i, end, pattern)) {
      throw this.badIndex(text, start, end, 2, col, digits, header.cols, 'column');
    }
    let value = 1;
    if (!pattern) {
      for (c = text.charCodeAt(i); i < end && (c === SPACE || c === TAB);) c = text.charCodeAt(++i);
      const from = i;
      for (c = text.charCodeAt(i); i < end && c !== SPACE && c !== TAB;) c = text.charCodeAt(++i);
      value = this.value(text, from, i, row, col);
    }
    for (c = text.charCodeAt(i); i < end && (c === SPACE || c === TAB);) c = text.charCodeAt(++i);
    if (i < end) {
      throw this.fail(
        pattern ? 3 : 4,
        `each entry of this ${this.field} MatrixMarket file holds ${pattern ? 'two numbers (row, column)' : 'three numbers (row, column, value)'}, but this line has more: "${shownValue(text.slice(start, end))}".`,
      );
    }
    this.seen++;
    const { plan } = this;
    const cell = plan.cellsAreRows ? row - 1 : col - 1;
    let gene = plan.cellsAreRows ? col - 1 : row - 1;
    if (plan.geneMap !== null) {
      gene = plan.geneMap[gene];
      if (gene < 0) return;
    }
    this.builder.add(cell, gene, value);
  }

  /** True when position i ends a number: a space or tab follows, or the line ends where allowed. */
  private separator(text: string, i: number, end: number, endAllowed = false): boolean {
    if (i === end) return endAllowed;
    const c = text.charCodeAt(i);
    return c === SPACE || c === TAB;
  }

  private badIndex(
    text: string,
    start: number,
    end: number,
    column: number,
    value: number,
    digits: number,
    limit: number,
    what: 'row' | 'column',
  ): DataImportError {
    const shown = text.slice(start, end).trim();
    if (digits > 0 && (value < 1 || value > limit)) {
      const axis = what === 'row' ? 'rows' : 'columns';
      return this.fail(
        column,
        `the entry's ${what} ${value} is outside the matrix: the header (line ${this.header.sizeLine}) declares ${countText(limit)} ${axis}, numbered from 1.`,
      );
    }
    const wanted = this.field === 'pattern' ? 'row column' : 'row column value';
    return this.fail(column, `expected "${wanted}" (whole numbers first), got "${shown}".`, 'not-a-number');
  }

  /**
   * The value in text[from, to) of the entry at `row`, `col` (1-based): a count for integer files, any finite
   * float32 for real ones.
   */
  private value(text: string, from: number, to: number, row: number, col: number): number {
    if (from === to) {
      throw this.fail(3, 'the entry has a row and a column but no value.', 'not-a-number');
    }
    let i = from;
    const negative = text.charCodeAt(i) === MINUS;
    if (negative) i++;
    let mantissa = 0;
    let digits = 0;
    let fraction = -1;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      const d = c - 48;
      if (d >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        digits++;
        if (fraction >= 0) fraction++;
      } else if (c === DOT && fraction < 0) {
        fraction = 0;
      } else {
        break;
      }
    }
    const plain = i === to && digits > 0 && digits <= 15;
    if (this.field === 'integer') {
      if (plain && fraction < 0 && !negative) return mantissa;
      const token = text.slice(from, to);
      const number = Number(token);
      if (Number.isInteger(number) && number < 0) {
        const names = this.plan.entryNames?.(row, col);
        throw this.fail(
          3,
          `the count ${token}${names ? ` (${names})` : ''} is negative; the header (line 1) says the values are integer counts, which cannot be below 0.`,
        );
      }
      throw this.fail(
        3,
        `"${token}" is not a whole number, but the header (line 1) says the values are integer counts.`,
        'not-a-number',
      );
    }
    let value: number;
    if (plain) {
      value = fraction <= 0 ? mantissa : mantissa / POW10[fraction];
      if (negative) value = -value;
    } else {
      const token = text.slice(from, to);
      // the text tables' rule: `Number` would read "0x10" as 16; parseNumber refuses hex, binary, octal
      value = parseNumber(token);
      if (Number.isNaN(value))
        throw this.fail(3, explainNotAPlainNumber(token, 'MatrixMarket'), 'not-a-number');
    }
    if (!Number.isFinite(Math.fround(value))) {
      throw new DataImportError(
        'not-finite',
        this.file,
        `the value "${text.slice(from, to)}" is not a finite number (or too large for 32-bit floats).`,
        { line: this.line, column: 3 },
      );
    }
    return value;
  }
}

async function byteBounds(source: DataSource): Promise<{ fileBytes: number; gzip: boolean }> {
  const fileBytes = typeof source === 'string' ? (await stat(source)).size : source.bytes.length;
  return { fileBytes, gzip: isGzip(await headBytes(source, 2)) };
}

/** Re-words a damaged-gzip error to say at which line of the text the damage was met. */
function atLine(err: unknown, file: string, line: number): unknown {
  if (!(err instanceof DataImportError) || err.kind !== 'gzip' || err.line !== undefined) return err;
  const reason = /\(([^)]*)\)/.exec(err.message)?.[1] ?? 'the data stops';
  return new DataImportError(
    'gzip',
    file,
    `the gzip-compressed data is damaged or cut short here (${reason}). Download or copy the file again.`,
    { line },
  );
}

interface Opened {
  header: MtxHeader;
  plan: MtxPlan;
  parser: EntryParser;
}

/** The header lines: the banner, comments, then the size line, after which entries follow. */
class HeaderReader {
  line = 0;
  private field: MtxField | undefined;

  constructor(private readonly source: DataSource) {}

  /** Takes one header line; returns the header once the size line has been read. */
  async take(raw: string): Promise<MtxHeader | undefined> {
    const file = sourceName(this.source);
    const line = raw.replace(/\r$/, '');
    this.line++;
    if (this.field === undefined) {
      this.field = parseBanner(line.replace(/^\uFEFF/, ''), file);
      return undefined;
    }
    if (line.trim() === '' || line.startsWith('%')) return undefined;
    return parseSizeLine(line, this.line, this.field, file, await byteBounds(this.source));
  }

  /** Takes one header line; returns the parser for the entries once the size line has been read. */
  async open(raw: string, options: MtxReadOptions): Promise<Opened | undefined> {
    const header = await this.take(raw);
    if (header === undefined) return undefined;
    const plan = options.plan(header);
    const memory = options.memory ?? memoryLimitFor(undefined);
    return { header, plan, parser: new EntryParser(sourceName(this.source), header, plan, memory) };
  }
}

/**
 * Only the header of a MatrixMarket file (its shape and declared entries), read as `readMatrixMarket` reads
 * it; the entries are not read (a gzipped file is decompressed only as far as its size line).
 */
export async function readMtxHeader(source: DataSource, signal?: AbortSignal): Promise<MtxHeader> {
  const file = sourceName(source);
  const reader = new HeaderReader(source);
  let carry = '';
  for await (const chunk of readSourceText(source, { signal })) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      const header = await reader.take(line);
      if (header !== undefined) return header;
    }
    if (carry.length > MAX_LINE) {
      throw new DataImportError(
        'line-too-long',
        file,
        'this header line is over a million characters long.',
        {
          line: reader.line + 1,
        },
      );
    }
  }
  const header = carry.length > 0 ? await reader.take(carry) : undefined;
  if (header !== undefined) return header;
  throw new DataImportError(
    'bad-structure',
    file,
    'the file ends before its size line (rows, columns, entries).',
    { line: reader.line + 1 },
  );
}

/** Reads the whole file. Errors name the file and line (and column 1–3: row, column, value). */
export async function readMatrixMarket(source: DataSource, options: MtxReadOptions): Promise<MtxContents> {
  const file = sourceName(source);
  const headerReader = new HeaderReader(source);
  let opened: Opened | undefined;
  let carry = '';
  const lineNow = (): number => (opened?.parser.line ?? headerReader.line) + 1;
  try {
    for await (const chunk of readSourceText(source, options)) {
      // The bulk of each chunk is parsed as the flat string the decoder made: a concatenation (a V8 cons
      // string) would make every charCodeAt slow. Only the line straddling two chunks is joined.
      let text = chunk;
      let i = 0;
      if (opened === undefined) {
        text = carry + chunk;
        while (opened === undefined) {
          const nl = text.indexOf('\n', i);
          if (nl === -1) break;
          opened = await headerReader.open(text.slice(i, nl), options);
          i = nl + 1;
        }
      } else if (carry.length > 0) {
        const nl = chunk.indexOf('\n');
        if (nl === -1) {
          text = carry + chunk;
        } else {
          opened.parser.lines(carry + chunk.slice(0, nl + 1), 0);
          i = nl + 1;
        }
      }
      if (opened !== undefined) i = opened.parser.lines(text, i);
      carry = text.slice(i);
      if (carry.length > MAX_LINE) {
        throw new DataImportError(
          'line-too-long',
          file,
          'this line is over a million characters long; a MatrixMarket entry is three numbers.',
          { line: lineNow() },
        );
      }
    }
  } catch (err) {
    throw atLine(err, file, lineNow());
  }
  if (opened === undefined && carry.length > 0) {
    opened = await headerReader.open(carry, options);
    carry = '';
  }
  if (opened === undefined) {
    throw new DataImportError(
      'bad-structure',
      file,
      'the file ends before its size line (rows, columns, entries).',
      {
        line: headerReader.line + 1,
      },
    );
  }
  opened.parser.last(carry);
  return { header: opened.header, plan: opened.plan, ...opened.parser.finish() };
}
