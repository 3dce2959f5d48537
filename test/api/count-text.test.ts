import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countText } from '../../src/api/count-text.js';

test('countText groups digits by three with a narrow no-break space, small counts as they are', () => {
  assert.equal(countText(0), '0');
  assert.equal(countText(999), '999');
  assert.equal(countText(1500), '1\u202f500');
  assert.equal(countText(32738), '32\u202f738');
  assert.equal(countText(1234567), '1\u202f234\u202f567');
  assert.equal(countText(-12345), '-12\u202f345');
});
