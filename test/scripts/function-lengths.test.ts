/**
 * The house rule "no function over ~150 lines", checked: every function in src/, electron/ and renderer/
 * measured with the TypeScript parser (scripts/function-lengths.mjs).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_FUNCTION_LINES, measureAll, measureFile } from '../../scripts/function-lengths.mjs';

test(`no function in src/, electron/ or renderer/ is over ${MAX_FUNCTION_LINES} lines`, () => {
  const all = measureAll();
  assert.ok(all.length > 500, `only ${all.length} functions measured: is the walk broken?`);
  const over = all.filter((f) => f.lines > MAX_FUNCTION_LINES);
  assert.deepEqual(
    over.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`),
    [],
    'split these by concern into small named functions',
  );
});

test('the measure counts a function from its first line to its closing brace, nested ones on their own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'function-lengths-'));
  try {
    const file = join(dir, 'sample.ts');
    writeFileSync(
      file,
      [
        'export function outer(): number {', // 1
        '  const inner = (x: number) => {', // 2
        '    return x + 1;', // 3
        '  };', // 4
        '  return inner(1);', // 5
        '}', // 6
        'class Box {', // 7
        '  get size(): number {', // 8
        '    return 1;', // 9
        '  }', // 10
        '}', // 11
        'declare function bodiless(): void;', // 12: no body, not measured
      ].join('\n'),
    );
    const found = measureFile(file).map(({ name, line, lines }) => ({ name, line, lines }));
    assert.deepEqual(found, [
      { name: 'outer', line: 1, lines: 6 },
      { name: 'inner', line: 2, lines: 3 },
      { name: 'size', line: 8, lines: 3 },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
