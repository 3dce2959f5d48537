// The corruption tests' shared part (test/data/**/*-corrupt.test.ts): seeded byte mutations of a valid
// fixture, and one check of what the importer does with each damaged copy — a table of finite numbers that
// holds together, or a DataImportError naming the file; never another error, a hang, an unhandled rejection
// or a changed input file.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataImportError, importTable, inspectFile, previewFile } from '../../src/data/index.js';
import type { ExpressionTable } from '../../src/data/index.js';
import { randomInt, type Random } from '../../src/util/random.js';

/** Seconds one call may take before the case counts as a hang (no speed bar: a loaded machine is slow). */
export const HANG_SECONDS = 60;

// ---- mutations (each takes the random source, so a fixed seed gives the same cases) ----

/** The bytes cut at a random offset (at least one byte gone). */
export function truncated(bytes: Uint8Array, random: Random): Uint8Array {
  return bytes.slice(0, randomInt(random, bytes.length));
}

/** The bytes with `count` random bytes in [from, to) changed to another value. */
export function flipped(
  bytes: Uint8Array,
  random: Random,
  count: number,
  from = 0,
  to = bytes.length,
): Uint8Array {
  const out = bytes.slice();
  const end = Math.min(to, out.length);
  for (let k = 0; k < count; k++) {
    const at = from + randomInt(random, end - from);
    out[at] ^= 1 + randomInt(random, 255);
  }
  return out;
}

/** Characters a table's syntax turns on: delimiters, quotes, line ends, signs, digits, exponents. */
const SYNTAX = ',\t;"\'\n\r -+.0123456789eE#xX';

/** The text's bytes with `count` random bytes replaced by characters of a table's syntax (stays ASCII). */
export function garbled(bytes: Uint8Array, random: Random, count: number): Uint8Array {
  const out = bytes.slice();
  for (let k = 0; k < count; k++) {
    out[randomInt(random, out.length)] = SYNTAX.charCodeAt(randomInt(random, SYNTAX.length));
  }
  return out;
}

/** Where HDF5's structures start in a file: object headers, B-trees, heaps, symbol nodes (by signature). */
export function hdf5Structures(bytes: Uint8Array): number[] {
  const signatures = ['OHDR', 'OCHK', 'TREE', 'HEAP', 'SNOD', 'BTHD', 'BTLF', 'FRHP', 'FHDB', 'GCOL'].map(
    (s) => Array.from(s, (c) => c.charCodeAt(0)),
  );
  const found: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (signatures.some((s) => s.every((b, k) => bytes[i + k] === b))) found.push(i);
  }
  return found;
}

/** A few bytes changed within the 64 bytes after one of the file's HDF5 structures (a random one). */
export function flippedStructure(bytes: Uint8Array, random: Random): Uint8Array {
  const starts = hdf5Structures(bytes);
  assert.ok(starts.length > 0, 'the fixture has HDF5 structures');
  const at = starts[randomInt(random, starts.length)];
  return flipped(bytes, random, 1 + randomInt(random, 3), at + 4, at + 64);
}

/** How many copies of each kind of damage `hdf5ByteCases` makes. */
export interface Hdf5CaseCounts {
  cuts: number;
  flips: number;
  superblock: number;
  structures: number;
}

/** The cases an HDF5 fixture gets by default (the Cell Ranger test, with two fixtures, takes fewer). */
export const HDF5_CASES: Hdf5CaseCounts = { cuts: 6, flips: 6, superblock: 3, structures: 8 };

/**
 * An HDF5 fixture's byte-level damage: cuts, random flips, flips in the superblock's first 96 bytes and near
 * HDF5's structures (object headers, B-trees, heaps) — in that order, so a seed gives the same cases.
 */
export function hdf5ByteCases(
  bytes: Uint8Array,
  random: Random,
  counts: Hdf5CaseCounts,
): [string, Uint8Array][] {
  const cases: [string, Uint8Array][] = [];
  for (let k = 0; k < counts.cuts; k++) cases.push([`cut ${k}`, truncated(bytes, random)]);
  for (let k = 0; k < counts.flips; k++)
    cases.push([`flip ${k}`, flipped(bytes, random, 1 + randomInt(random, 8))]);
  for (let k = 0; k < counts.superblock; k++)
    cases.push([`superblock ${k}`, flipped(bytes, random, 1, 0, 96)]);
  for (let k = 0; k < counts.structures; k++)
    cases.push([`object header ${k}`, flippedStructure(bytes, random)]);
  return cases;
}

/** Writes each damaged copy to `dir` as bytes-k.`ext` and checks it, the case named `fixture` and its label. */
export async function checkByteCases(
  cases: [string, Uint8Array][],
  dir: string,
  ext: string,
  fixture: string,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [k, [label, data]] of cases.entries()) {
    const path = join(dir, `bytes-${k}.${ext}`);
    writeFileSync(path, data);
    results.push(await checkCase(`${fixture} ${label}`, path));
  }
  return results;
}

/** Values no expression matrix should hold (NaN, ±Inf) and one a scaled matrix may (negative). */
export const ODD_VALUES: [string, number][] = [
  ['NaN value', NaN],
  ['Inf value', Infinity],
  ['-Inf value', -Infinity],
  ['negative value', -2.5],
];

// ---- the hang detector ----

// A worker thread watching the case being run: a hang in synchronous code (a WebAssembly loop) blocks the
// event loop, so no timer of the test's own can fire; the watcher names the case and ends the process.
const WATCH = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.state);
const label = new Uint8Array(workerData.label);
setInterval(() => {
  if (Atomics.load(state, 0) === 0) return;
  if (Date.now() / 1000 - Atomics.load(state, 1) <= workerData.limit) return;
  const name = Buffer.from(label).toString('utf8').replace(/\\0+$/, '');
  writeSync(2, 'corruption test: ' + name + ' hung (over ' + workerData.limit + ' s); ending the process\\n');
  process.kill(process.pid, 'SIGKILL');
}, 1000);
`;

let watcher: { state: Int32Array; label: Uint8Array } | null = null;

function watch(name: string | null): void {
  if (!watcher) {
    const state = new SharedArrayBuffer(8);
    const label = new SharedArrayBuffer(512);
    // a synchronous hang past the async guard (limit + 30 s) is the watcher's to end
    new Worker(WATCH, { eval: true, workerData: { state, label, limit: HANG_SECONDS + 30 } }).unref();
    watcher = { state: new Int32Array(state), label: new Uint8Array(label) };
  }
  watcher.label.fill(0);
  if (name !== null) watcher.label.set(Buffer.from(name).subarray(0, 511));
  Atomics.store(watcher.state, 1, Math.floor(Date.now() / 1000));
  Atomics.store(watcher.state, 0, name === null ? 0 : 1);
}

/** `work` or a rejection saying it hung after HANG_SECONDS. */
async function guarded<T>(work: () => Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung (over ${HANG_SECONDS} s)`)), HANG_SECONDS * 1000);
  });
  try {
    return await Promise.race([work(), hang]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- what counts as a clean outcome ----

/** Why a table that import returned does not hold together, or null. */
function tableProblem(table: ExpressionTable): string | null {
  const m = table.values;
  if (m.rows === 0 || m.cols === 0) return `an empty ${m.rows} × ${m.cols} matrix`;
  if (table.ids.length !== m.rows) return `${table.ids.length} ids for ${m.rows} rows`;
  if (table.genes.length !== m.cols) return `${table.genes.length} genes for ${m.cols} columns`;
  const bad = m.data.findIndex((v) => !Number.isFinite(v));
  if (bad !== -1) return `value ${m.data[bad]} at stored position ${bad}`;
  if (m.format === 'csr') {
    if (m.indptr.length !== m.rows + 1 || m.indptr[0] !== 0 || m.indptr[m.rows] !== m.data.length)
      return 'CSR indptr does not frame the data';
    for (let r = 0; r < m.rows; r++) {
      if (m.indptr[r + 1] < m.indptr[r]) return `indptr falls at row ${r}`;
      // what CsrMatrix promises downstream: a row's columns ascending, never repeated
      for (let k = m.indptr[r] + 1; k < m.indptr[r + 1]; k++)
        if (m.indices[k] <= m.indices[k - 1]) return `row ${r}'s columns not ascending`;
    }
    if (m.indices.some((c) => c < 0 || c >= m.cols)) return 'a CSR column index out of range';
  } else if (m.data.length !== m.rows * m.cols) return `${m.data.length} values for ${m.rows} × ${m.cols}`;
  for (const column of table.metadata) {
    if (column.values.length !== m.rows)
      return `metadata column ${column.name} has ${column.values.length} values`;
  }
  return null;
}

/** The first number in `value` (an inspect or preview result) that is not finite, as a path. */
function nonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} = ${value}`;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFinite(inner, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** Why `err` is not the product's clean refusal of `file`, or null when it is. */
function errorProblem(err: unknown, names: string): string | null {
  if (!(err instanceof DataImportError)) {
    const e = err as { name?: string; message?: string; stack?: string };
    return `${e?.name ?? typeof err}: ${e?.message ?? String(err)}`;
  }
  if (!err.message.includes(names)) return `DataImportError not naming ${names}: ${err.message}`;
  if (/\n/.test(err.message)) return `DataImportError over several lines: ${err.message}`;
  return null;
}

/** Each file's bytes under `path` (itself when a file), to see that nothing was changed or removed. */
function snapshot(path: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) files.set(name, readFileSync(join(path, name)));
  } else files.set('', readFileSync(path));
  return files;
}

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

/** What one damaged input did: 'table', the error kind it was refused with, or a problem found. */
export interface CaseResult {
  label: string;
  outcome: string;
  /** The message importTable refused the input with. */
  message?: string;
  problem?: string;
}

/**
 * Imports `source` (a path: file or folder) as the app does — importTable, then previewFile with the table
 * — and inspects it with inspectFile; with `textPreview`, also previews it alone as a text file. Each call
 * must give a sound result or a one-line DataImportError whose message contains `names` (default `source`).
 */
export async function checkCase(
  label: string,
  source: string,
  options: { names?: string; textPreview?: boolean } = {},
): Promise<CaseResult> {
  const names = options.names ?? source;
  const before = snapshot(source);
  const problems: string[] = [];
  let outcome = 'table';
  let message: string | undefined;
  const call = async <T>(what: string, work: () => Promise<T>, check: (v: T) => string | null) => {
    watch(`${label} ${what}`);
    try {
      const found = check(await guarded(work, what));
      if (found) problems.push(`${what}: ${found}`);
    } catch (err) {
      const found = errorProblem(err, names);
      if (found) problems.push(`${what}: ${found}`);
      if (what === 'importTable') {
        outcome = (err as DataImportError).kind ?? 'error';
        message = (err as Error).message;
      }
    } finally {
      watch(null);
    }
  };
  let table: ExpressionTable | undefined;
  await call(
    'importTable',
    () => importTable(source),
    (t) => ((table = t), tableProblem(t)),
  );
  if (table) {
    const imported = table;
    await call(
      'previewFile',
      () => previewFile(source, { table: imported }),
      (p) => nonFinite(p),
    );
  }
  await call(
    'inspectFile',
    () => inspectFile(source),
    (facts) => nonFinite(facts),
  );
  if (options.textPreview)
    await call(
      'previewFile (text)',
      () => previewFile(source),
      (p) => nonFinite(p),
    );
  await new Promise((resolve) => setImmediate(resolve));
  if (unhandled.length) problems.push(`unhandled rejection: ${String(unhandled.splice(0)[0])}`);
  const after = snapshot(source);
  if ([...before].some(([name, bytes]) => !after.get(name)?.equals(bytes)) || after.size !== before.size)
    problems.push('the input was changed or removed');
  return {
    label,
    outcome,
    ...(message ? { message } : {}),
    ...(problems.length ? { problem: problems.join('; ') } : {}),
  };
}

/** Fails listing every case with a problem (all at once, so one run shows every failing input class). */
export function assertAllClean(results: CaseResult[]): void {
  // CORRUPT_SHOW=1 lists every case's outcome, to see what the mutations reach; =2 with the messages
  const show = process.env.CORRUPT_SHOW;
  if (show) {
    const line = (r: CaseResult) =>
      `${r.label}: ${r.outcome}${show === '2' && r.message ? ` — ${r.message}` : ''}`;
    console.log(results.map(line).join('\n'));
  }
  const bad = results.filter((r) => r.problem !== undefined).map((r) => `${r.label} → ${r.problem}`);
  assert.deepEqual(bad, [], `${bad.length} of ${results.length} damaged inputs were not handled cleanly`);
}
