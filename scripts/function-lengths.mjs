// Measures every function's length in lines (first line of its declaration to its closing brace) with the
// TypeScript compiler's parser, so the house rule "no function over ~150 lines" is checked, not remembered.
//   node scripts/function-lengths.mjs            lists the functions over the limit in src/, electron/, renderer/
//                                                (exit 1 when any)
//   node scripts/function-lengths.mjs --top 20   lists the 20 longest
// test/scripts/function-lengths.test.ts runs the same measurement and fails above the limit.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Longest function allowed, in lines (the house rule's "~150"). */
export const MAX_FUNCTION_LINES = 150;
/** The folders measured. */
export const MEASURED_FOLDERS = ['src', 'electron', 'renderer'];

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A readable name for a function node: its own name, or the variable/property/class member holding it. */
function functionName(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
  )
    return parent.name.getText();
  return '(anonymous)';
}

/**
 * Every function-like node (declarations, methods, constructors, accessors, arrow functions and function
 * expressions) of one file with its length in lines; nested functions are measured on their own too.
 */
export function measureFile(path) {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({
        file: relative(ROOT, path),
        name: functionName(node),
        line: first + 1,
        lines: last - first + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every function in the measured folders, longest first. */
export function measureAll(root = ROOT) {
  return MEASURED_FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)).flatMap(measureFile)).sort(
    (a, b) => b.lines - a.lines,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const topIndex = process.argv.indexOf('--top');
  const all = measureAll();
  const shown =
    topIndex >= 0
      ? all.slice(0, Number(process.argv[topIndex + 1] ?? 20))
      : all.filter((f) => f.lines > MAX_FUNCTION_LINES);
  for (const f of shown) console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
  if (topIndex < 0 && shown.length) process.exitCode = 1;
}
