// Damaged copies of a valid .tripletlens session (with edited labels, joined metadata and projected cells):
// cut short, bytes changed, an entry cut or replaced, and its manifest's fields removed or given another
// type. Each must read back with finite coordinates or be refused with a SessionFileError naming the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseSession,
  sessionBytes,
  SessionFileError,
  type SessionContents,
} from '../../src/engine/session-file.js';
import { randomInt, seededRandom, type Random } from '../../src/util/random.js';
import { readZip, writeZip } from '../../src/util/zip-archive.js';
import { flipped, truncated } from '../data/corrupt-harness.js';
import { projectedCells, sessionContents } from './session-contents.js';

const NAME = 'damaged.tripletlens';
const MANIFEST = 'tripletlens-session.json';

/** The shared small session, with joined metadata and projected cells as well. */
function contents(): SessionContents {
  return {
    ...sessionContents(),
    joinedMetadata: [{ name: 'donor', categories: ['d1', 'd2'], codes: Int32Array.of(0, 1, -1) }],
    projected: projectedCells('query.csv', ['q1', 'q2'], [{ name: 'batch', values: ['x', 'y'] }]),
  };
}

/** Every path into the manifest's JSON (objects' keys and arrays' first items), for a random pick. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys: (string | number)[] = Array.isArray(value) ? (value.length ? [0] : []) : Object.keys(value);
  return [at, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...at, k]))];
}

const REPLACEMENTS: unknown[] = [undefined, null, 0, -1, 1e308, 'x', [], {}, [null], true];

/** The manifest with the value at one random path removed or replaced by another type. */
function mutatedManifest(manifest: unknown, random: Random): [string, unknown] {
  const all = paths(manifest).filter((p) => p.length > 0);
  const path = all[randomInt(random, all.length)];
  const replacement = REPLACEMENTS[randomInt(random, REPLACEMENTS.length)];
  const copy = structuredClone(manifest) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement ?? null;
  return [`${path.join('.')} = ${JSON.stringify(replacement) ?? 'removed'}`, copy];
}

/** Why parsing `bytes` was not clean (a SessionFileError naming the file, or sound contents), or null. */
function problem(bytes: Uint8Array): string | null {
  try {
    const back = parseSession(bytes, NAME);
    if (back.result.coords.data.some((v) => !Number.isFinite(v))) return 'non-finite coordinates';
    if (back.result.coords.data.length !== back.result.ids.length * back.result.coords.cols)
      return 'map not cells × dims';
    return null;
  } catch (err) {
    if (!(err instanceof SessionFileError))
      return `${(err as Error)?.name}: ${(err as Error)?.message ?? String(err)}`;
    return err.message.startsWith(`${NAME} cannot be opened`)
      ? null
      : `message not naming the file: ${err.message}`;
  }
}

test('damaged session files are read or refused naming the file', () => {
  const random = seededRandom(33_2029);
  const bytes = sessionBytes(contents());
  assert.equal(problem(bytes), null, 'the valid session reads back');
  const files = readZip(bytes);
  const manifest = JSON.parse(new TextDecoder().decode(files.get(MANIFEST))) as unknown;
  const rezip = (changed: Map<string, Uint8Array>) =>
    writeZip([...changed].map(([name, data]) => ({ name, data })));
  const cases: [string, Uint8Array][] = [['empty', new Uint8Array(0)]];
  for (let k = 0; k < 8; k++) cases.push([`cut ${k}`, truncated(bytes, random)]);
  for (let k = 0; k < 8; k++) cases.push([`flip ${k}`, flipped(bytes, random, 1 + (k % 3))]);
  // the end-of-archive record and the directory before it
  for (let k = 0; k < 6; k++)
    cases.push([`directory flip ${k}`, flipped(bytes, random, 1, bytes.length - 200)]);
  const names = [...files.keys()];
  for (let k = 0; k < 8; k++) {
    const name = names[randomInt(random, names.length)];
    const changed = new Map(files);
    changed.set(name, k % 2 ? truncated(files.get(name)!, random) : flipped(files.get(name)!, random, 2));
    cases.push([`entry ${name} ${k % 2 ? 'cut' : 'flipped'}`, rezip(changed)]);
  }
  for (let k = 0; k < 40; k++) {
    const [label, json] = mutatedManifest(manifest, random);
    const changed = new Map(files);
    changed.set(MANIFEST, new TextEncoder().encode(JSON.stringify(json)));
    cases.push([`manifest ${label}`, rezip(changed)]);
  }
  const bad = cases.flatMap(([label, data]) => {
    const found = problem(data);
    return found ? [`${label} → ${found}`] : [];
  });
  assert.deepEqual(bad, [], `${bad.length} of ${cases.length} damaged sessions were not handled cleanly`);
});
