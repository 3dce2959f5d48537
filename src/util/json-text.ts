/**
 * JSON read from a file the user can edit or damage (a model folder's model.json, run.json, recipe.json, the
 * encoder's model.json; a session's manifest), refused naming the file, line and column as every other bad
 * input is. JSON.parse's own message says at most "at position 1234" (and for some faults only quotes the
 * text: "Unexpected token '}', … is not valid JSON"), so the first fault is found again here, by the JSON
 * grammar, only once JSON.parse has failed: a valid file costs nothing more.
 */

/** A JSON text's first fault: where (`offset`, UTF-16 units from its start) and what it is, in words. */
export interface JsonFault {
  offset: number;
  problem: string;
}

/** JSON that failed to parse: the message names `file`, `line` and `column` (1-based) when they are known. */
export class JsonTextError extends Error {
  override name = 'JsonTextError';

  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${line === undefined ? file : `${file}, line ${line}, column ${column}`}: ${problem}`);
  }
}

/** `text` parsed as JSON; a JsonTextError naming `file` and the fault's line and column when it is not JSON. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const fault = jsonFault(text);
    // JSON.parse refused what the grammar below accepts: its own words, without a place
    if (fault === null) throw new JsonTextError(file, `not valid JSON (${err.message})`);
    const { line, column } = lineAndColumn(text, fault.offset);
    throw new JsonTextError(file, `not valid JSON: ${fault.problem}`, line, column);
  }
}

/** The 1-based line and column of `offset` in `text` (a line ends at '\n'; '\r\n' counts as one break). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Thrown inside the scan at the first fault. */
class Fault {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** What is at `at` as the fault names it: "'}'", "the end of the file", "a byte-order mark". */
function found(text: string, at: number): string {
  if (at >= text.length) return 'the end of the file';
  const ch = text[at];
  if (ch === '\uFEFF') return 'a byte-order mark';
  if (ch === '\n' || ch === '\r') return 'a line break';
  const code = ch.charCodeAt(0);
  return code < 0x20 ? `the control character U+${code.toString(16).padStart(4, '0')}` : `'${ch}'`;
}

/** A recursive-descent check of the JSON grammar (RFC 8259), stopping at the first fault. */
class JsonScan {
  at = 0;

  constructor(readonly text: string) {}

  fail(expected: string): never {
    throw new Fault(this.at, `expected ${expected}, found ${found(this.text, this.at)}`);
  }

  space(): void {
    while (this.at < this.text.length && WHITESPACE.has(this.text[this.at])) this.at++;
  }

  value(): void {
    this.space();
    const ch = this.text[this.at];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    this.fail('a value');
  }

  object(): void {
    this.at++; // '{'
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail('a property name in double quotes');
      this.string();
      this.space();
      if (this.text[this.at] !== ':') this.fail("':' after the property name");
      this.at++;
      this.value();
      this.space();
      const next = this.text[this.at];
      this.at++;
      if (next === '}') return;
      if (next !== ',') {
        this.at--;
        this.fail("',' or '}' after a property's value");
      }
    }
  }

  array(): void {
    this.at++; // '['
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      const next = this.text[this.at];
      this.at++;
      if (next === ']') return;
      if (next !== ',') {
        this.at--;
        this.fail("',' or ']' after a value");
      }
    }
  }

  string(): void {
    this.at++; // '"'
    for (;;) {
      if (this.at >= this.text.length) this.fail("'\"' closing the string");
      const ch = this.text[this.at];
      if (ch === '"') {
        this.at++;
        return;
      }
      if (ch.charCodeAt(0) < 0x20) this.fail("'\"' closing the string (or an escape such as \\n)");
      if (ch === '\\') this.escape();
      else this.at++;
    }
  }

  escape(): void {
    this.at++; // '\'
    const ch = this.text[this.at];
    if (ESCAPES.has(ch)) {
      this.at++;
      return;
    }
    if (ch === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 1, this.at + 5))) {
      this.at += 5;
      return;
    }
    this.fail('an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and 4 hex digits)');
  }

  number(): void {
    if (this.text[this.at] === '-') this.at++;
    if (this.text[this.at] === '0') this.at++;
    else this.digits();
    if (this.text[this.at] === '.') {
      this.at++;
      this.digits();
    }
    if (this.text[this.at] === 'e' || this.text[this.at] === 'E') {
      this.at++;
      if (this.text[this.at] === '+' || this.text[this.at] === '-') this.at++;
      this.digits();
    }
  }

  digits(): void {
    const start = this.at;
    while (this.text[this.at] >= '0' && this.text[this.at] <= '9') this.at++;
    if (this.at === start) this.fail('a digit');
  }
}

/** The first fault of `text` as JSON, or null when the grammar finds none (or the nesting is too deep to scan). */
export function jsonFault(text: string): JsonFault | null {
  const scan = new JsonScan(text);
  try {
    scan.value();
    scan.space();
    if (scan.at < text.length) scan.fail('nothing more after the JSON value');
    return null;
  } catch (err) {
    if (err instanceof Fault) return { offset: err.offset, problem: err.problem };
    if (err instanceof RangeError) return null; // nesting deeper than the stack: JSON.parse's words then
    throw err;
  }
}
