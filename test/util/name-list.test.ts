import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quotedNames } from '../../src/util/name-list.js';

test('a short list is quoted in full; a long one shows the first ten and the count', () => {
  assert.equal(quotedNames(['B cell']), "'B cell'");
  assert.equal(quotedNames(['a', 'b', 'c'], 3), "'a', 'b', 'c'");
  const many = Array.from({ length: 444 }, (_, i) => String(1000 + i));
  const text = quotedNames(many);
  assert.equal(
    text,
    `${many
      .slice(0, 10)
      .map((n) => `'${n}'`)
      .join(', ')}, … (444 in all)`,
  );
  assert.ok(!text.includes("'1010'"), 'the eleventh name is left out');
});

test('the count of a long list is grouped as the app groups counts', () => {
  const many = Array.from({ length: 1200 }, (_, i) => `c${i}`);
  assert.match(quotedNames(many), /, … \(1\u202f200 in all\)$/);
});
