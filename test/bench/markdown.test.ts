import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownTable, num, replaceSection } from '../../bench/lib/markdown.js';

test('replaceSection appends a new section and then rewrites only that section', () => {
  const prose = '# Title\n\nHand-written paragraph.\n';
  const once = replaceSection(prose, 'scale', 'first');
  assert.equal(
    once,
    '# Title\n\nHand-written paragraph.\n\n<!-- bench:scale -->\nfirst\n<!-- /bench:scale -->\n',
  );
  const withOther = replaceSection(once, 'peers', 'p1');
  const twice = replaceSection(withOther, 'scale', 'second');
  assert.ok(twice.includes('<!-- bench:scale -->\nsecond\n<!-- /bench:scale -->'));
  assert.ok(!twice.includes('first'));
  assert.ok(twice.includes('Hand-written paragraph.'));
  assert.ok(twice.includes('<!-- bench:peers -->\np1\n<!-- /bench:peers -->'));
  assert.ok(
    twice.indexOf('bench:scale') < twice.indexOf('bench:peers'),
    'a rewritten section keeps its place',
  );
});

test('replaceSection can put a new section at the top', () => {
  const text = replaceSection('rest\n', 'top', 'head', 'top');
  assert.ok(text.startsWith('<!-- bench:top -->\nhead\n<!-- /bench:top -->\n\nrest'));
});

test('markdownTable escapes pipes and shows missing cells as a dash', () => {
  const table = markdownTable(['a', 'b'], [['x|y', null]]);
  assert.equal(table, '| a | b |\n|---|---|\n| x\\|y | — |');
  assert.equal(num(Number.NaN), '—');
  assert.equal(num(0.12345, 3), '0.123');
});
