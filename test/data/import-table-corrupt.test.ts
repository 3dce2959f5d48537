// Damaged copies of a valid text table (CSV, TSV, gzip'd CSV): cut short, bytes changed, odd values and
// shapes. Each must import to a table of finite numbers or be refused with a DataImportError naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../../src/util/paths.js';
import { seededRandom, type Random } from '../../src/util/random.js';
import {
  assertAllClean,
  checkCase,
  flipped,
  garbled,
  truncated,
  type CaseResult,
} from './corrupt-harness.js';

const CSV = readFileSync(join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv'), 'utf8');
const TSV = CSV.replaceAll(',', '\t');
const SEED = 20261203;

/** Text edits of a table: one value, one line or the shape changed. */
function textCases(text: string, sep: string): [string, string][] {
  const lines = text.split('\n');
  const header = lines[0].split(sep);
  const firstGene = header.indexOf('GENE00');
  const withValue = (value: string, line = 3) =>
    lines
      .map((l, i) =>
        i === line
          ? l
              .split(sep)
              .map((f, c) => (c === firstGene ? value : f))
              .join(sep)
          : l,
      )
      .join('\n');
  return [
    ['empty', ''],
    ['header only', `${lines[0]}\n`],
    ['NaN value', withValue('NaN')],
    ['Inf value', withValue('Inf')],
    ['-Infinity value', withValue('-Infinity', lines.length - 2)],
    ['negative value', withValue('-3')],
    ['value beyond float32', withValue('1e39')],
    ['no gene columns', lines.map((l) => l.split(sep).slice(0, firstGene).join(sep)).join('\n')],
    [
      'one gene column',
      lines
        .map((l) =>
          l
            .split(sep)
            .slice(0, firstGene + 1)
            .join(sep),
        )
        .join('\n'),
    ],
    ['short row', lines.map((l, i) => (i === 5 ? l.split(sep).slice(0, -3).join(sep) : l)).join('\n')],
    ['NUL bytes', text.slice(0, 300) + '\0\0\0' + text.slice(300)],
    ['lone CR line ends', text.replaceAll('\n', '\r')],
  ];
}

function byteCases(bytes: Uint8Array, random: Random, count: number): [string, Uint8Array][] {
  const cases: [string, Uint8Array][] = [];
  for (let k = 0; k < count; k++) cases.push([`cut ${k}`, truncated(bytes, random)]);
  for (let k = 0; k < count; k++) cases.push([`flip ${k}`, flipped(bytes, random, 1 + (k % 4))]);
  for (let k = 0; k < count; k++) cases.push([`garble ${k}`, garbled(bytes, random, 1 + (k % 6))]);
  return cases;
}

async function runAll(ext: string, cases: [string, Uint8Array | string][]): Promise<CaseResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-corrupt-'));
  try {
    const results: CaseResult[] = [];
    for (const [k, [label, data]] of cases.entries()) {
      const path = join(dir, `case-${k}.${ext}`);
      writeFileSync(path, data);
      results.push(await checkCase(`${ext} ${label}`, path, { textPreview: true }));
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [ext, text, sep] of [
  ['csv', CSV, ','],
  ['tsv', TSV, '\t'],
] as const) {
  test(`damaged ${ext} tables are read or refused naming the file`, { timeout: 300_000 }, async () => {
    const random = seededRandom(SEED);
    const results = await runAll(ext, [
      ...textCases(text, sep),
      ...byteCases(new TextEncoder().encode(text), random, 8),
    ]);

    assertAllClean(results);
    assert.ok(
      results.some((r) => r.outcome !== 'table'),
      'some damage is refused',
    );
  });
}

test('damaged gzip tables are read or refused naming the file', { timeout: 300_000 }, async () => {
  const random = seededRandom(SEED + 1);
  const gz = new Uint8Array(gzipSync(CSV));
  const results = await runAll('csv.gz', [
    ['gzip of nothing', gzipSync('')],
    ['gzip header only', gz.slice(0, 10)],
    ['gzip stream cut short', gz.slice(0, gz.length - 40)],
    ['gzip trailer cut', gz.slice(0, gz.length - 4)],
    ['gzip then garbage', Buffer.concat([gz, Buffer.from('garbage after the stream')])],
    ...textCases(CSV, ',').map(([label, text]): [string, Uint8Array] => [label, gzipSync(text)]),
    ...byteCases(gz, random, 8),
  ]);
  assertAllClean(results);
  assert.ok(
    results.some((r) => r.outcome !== 'table'),
    'some damage is refused',
  );
});
