// A JSON file the user can edit (a model folder's files, a session's manifest) is refused naming its line and
// column: JSON.parse says at most "at position N", and for some faults no place at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonTextError, jsonFault, lineAndColumn, parseJsonText } from '../../src/util/json-text.js';

test('a fault is named by file, line and column, in words', () => {
  const cases: [string, string][] = [
    [
      '{\n  "a": 1,\n}',
      "f.json, line 3, column 1: not valid JSON: expected a property name in double quotes, found '}'",
    ],
    ['{"a": tru}', "f.json, line 1, column 7: not valid JSON: expected a value, found 't'"],
    [
      '[1, 2',
      "f.json, line 1, column 6: not valid JSON: expected ',' or ']' after a value, found the end of the file",
    ],
    [
      '{"a": "x\ny"}',
      "f.json, line 1, column 9: not valid JSON: expected '\"' closing the string (or an escape such as \\n), found a line break",
    ],
    [
      '\r\n[1] 2',
      "f.json, line 2, column 5: not valid JSON: expected nothing more after the JSON value, found '2'",
    ],
    ['\uFEFF{}', 'f.json, line 1, column 1: not valid JSON: expected a value, found a byte-order mark'],
    ['', 'f.json, line 1, column 1: not valid JSON: expected a value, found the end of the file'],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseJsonText(text, 'f.json'),
      (err: unknown) => err instanceof JsonTextError && err.message === message,
      JSON.stringify(text),
    );
  }
});

// the grammar and JSON.parse must agree, or a valid file would be refused with a made-up place (or a broken
// one passed over): every prefix and every one-character change of a text using each of JSON's forms
test('the grammar finds a fault exactly where JSON.parse refuses the text', () => {
  const text = '{"a": [1, -2.5e+3, 0.25E-1, true, false, null], "b\\u00e9\\n": {"c": ""}, "d": [ ]}';
  const variants = new Set<string>();
  for (let i = 0; i <= text.length; i++) variants.add(text.slice(0, i));
  for (let i = 0; i < text.length; i++) {
    for (const ch of ['', ',', '}', ']', '"', '0', '-', 'e', '.', ' ', '\\', 'x']) {
      variants.add(text.slice(0, i) + ch + text.slice(i + 1));
    }
  }
  for (const variant of variants) {
    let valid = true;
    try {
      JSON.parse(variant);
    } catch {
      valid = false;
    }
    assert.equal(jsonFault(variant) === null, valid, JSON.stringify(variant));
  }
});

test('a valid text parses as JSON.parse parses it; the line and column count line breaks', () => {
  assert.deepEqual(parseJsonText('{"a": [1, "x"]}', 'f.json'), { a: [1, 'x'] });
  assert.deepEqual(lineAndColumn('ab\ncd\r\nef', 7), { line: 3, column: 1 });
  assert.deepEqual(lineAndColumn('ab', 0), { line: 1, column: 1 });
});
