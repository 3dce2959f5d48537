/**
 * The error codec both transports share: toErrorInfo turns what was thrown into plain data, errorFromWire
 * rebuilds the typed EngineError on the other side (HTTP reply, or an IPC outcome past contextBridge).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineError, errorFromWire, toErrorInfo } from '../../src/api/errors.js';
import { DataImportError } from '../../src/data/errors.js';

test('an import error survives the codec with its kind, file, line and column', () => {
  const thrown = new DataImportError('missing-value', 'x.csv', 'missing value', { line: 4, column: 5 });
  const wire = JSON.parse(JSON.stringify(toErrorInfo(thrown, 'import'))) as unknown;
  const rebuilt = errorFromWire(wire);
  assert.ok(rebuilt instanceof EngineError);
  assert.deepEqual(
    [rebuilt.kind, rebuilt.file, rebuilt.line, rebuilt.column, rebuilt.message],
    ['import', 'x.csv', 4, 5, thrown.message],
  );
});

test('malformed error data becomes an internal error with a readable message, never a crash', () => {
  assert.deepEqual(errorFromWire(null).toInfo(), { kind: 'internal', message: 'null' });
  assert.equal(errorFromWire('boom').message, 'boom');
  const odd = errorFromWire({ kind: 'made-up', message: 'hm', line: '4', column: 5, file: 7 });
  assert.deepEqual(odd.toInfo(), { kind: 'internal', message: 'hm', column: 5 });
});
