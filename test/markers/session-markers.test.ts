// EngineSession.markerGenes: on the open data without training, tied to its dataset id, with the CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../src/api/errors.js';
import { packageRoot } from '../../src/util/paths.js';
import { EngineSession } from '../../src/engine/session.js';
import { FIXTURE, type ExpectedMarkers } from './reference-check.js';
import { rankIndexBuilding, rankIndexBuilds, rankIndexHeld } from '../../src/markers/rank-index-store.js';

const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ExpectedMarkers;

test('markers of the open sample need no run; the CSV lists the same genes', async () => {
  const session = new EngineSession();
  try {
    await assert.rejects(session.markerGenes({ group: Int32Array.of(0) }), /No data is open/);
    const summary = await session.openFile({ kind: 'sample' });
    const c = expected.cases.find((x) => x.name === 'sample-monocytes-vs-rest');
    assert.ok(c);
    const result = await session.markerGenes({ group: Int32Array.from(c.group_rows), genes: 20 });
    assert.equal(result.datasetId, summary.datasetId);
    assert.deepEqual(
      result.genes.map((g) => g.gene),
      c.top20,
    );
    const lines = result.csv.trimEnd().split('\n');
    assert.equal(
      lines[0],
      'gene,score,logfoldchange,pval,pval_adj,pct_group,pct_reference,mean_group,mean_reference,logfoldchange_log1p_base',
    );
    assert.equal(lines.length, 21);
    assert.equal(lines[1].split(',')[0], c.top20[0]);
    assert.equal(Number(lines[1].split(',')[3]), result.genes[0].pValue);
    // the sample's values are as imported, log1p in natural log as scanpy assumes: said on every row
    assert.equal(lines[1].split(',')[9], 'e');
  } finally {
    session.dispose();
  }
});

test('data opened with an embedding as input (obsm) has no genes to test: refused with the reason', async () => {
  const session = new EngineSession();
  try {
    await session.openFile(
      { kind: 'path', path: join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad') },
      { input: 'obsm:X_pca' },
    );
    await assert.rejects(
      session.markerGenes({ group: Int32Array.of(0, 1) }),
      (err: unknown) =>
        err instanceof EngineError &&
        err.kind === 'invalid-request' &&
        /embedding obsm\/X_pca as the input, which holds no genes/.test(err.message),
    );
  } finally {
    session.dispose();
  }
});

test('opening other data drops the rank index a test against the rest built', async () => {
  const session = new EngineSession();
  try {
    await session.openFile({ kind: 'path', path: join(packageRoot(), 'test/fixtures/formats/csr.h5ad') });
    await session.markerGenes({ group: Int32Array.of(0, 1) });
    assert.equal(rankIndexHeld(), true);
    await session.openFile({ kind: 'sample' });
    assert.equal(rankIndexHeld(), false);
  } finally {
    session.dispose();
  }
});

test('opening sparse data starts its rank index; the first test against the rest awaits that build', async () => {
  const session = new EngineSession();
  try {
    await session.openFile({ kind: 'path', path: join(packageRoot(), 'test/fixtures/formats/csr.h5ad') });
    assert.equal(rankIndexBuilding(), true);
    const builds = rankIndexBuilds();
    await session.markerGenes({ group: Int32Array.of(0, 1) });
    assert.equal(rankIndexBuilds() - builds, 1);
    assert.equal(rankIndexHeld(), true);
    await session.markerGenes({ group: Int32Array.of(2) });
    assert.equal(rankIndexBuilds() - builds, 1);
  } finally {
    session.dispose();
  }
});

test("an h5ad log1p'd in base 2 gets scanpy's base-2 fold changes through the session", async () => {
  const session = new EngineSession();
  try {
    const c = expected.cases.find((x) => x.name === 'log2-b-vs-rest');
    assert.ok(c);
    await session.openFile({ kind: 'path', path: join(packageRoot(), c.file) });
    const result = await session.markerGenes({ group: Int32Array.from(c.group_rows), genes: 50 });
    assert.equal(result.values, 'as-imported');
    assert.equal(result.log1pBase, 2);
    const csv = result.csv.trimEnd().split('\n');
    assert.match(csv[0], /,logfoldchange_log1p_base$/);
    assert.ok(csv.slice(1).every((line) => line.endsWith(',2')));
    const byGene = new Map(result.genes.map((g) => [g.gene, g]));
    for (const e of c.genes) {
      const got = byGene.get(e.gene);
      assert.ok(got, e.gene);
      // scanpy's float32 value: within two float32 steps
      const tolerance = 2 * 2 ** -23 * Math.max(1, Math.abs(e.logfoldchange));
      assert.ok(
        Math.abs(got.logFoldChange - e.logfoldchange) <= tolerance,
        `${e.gene}: ${got.logFoldChange}`,
      );
    }
  } finally {
    session.dispose();
  }
});

test("the request's valueLog wins over the file's base: log2 values give the difference of means, said in the CSV", async () => {
  const session = new EngineSession();
  try {
    const c = expected.cases.find((x) => x.name === 'log2-b-vs-rest');
    assert.ok(c);
    await session.openFile({ kind: 'path', path: join(packageRoot(), c.file) });
    const group = Int32Array.from(c.group_rows);
    const result = await session.markerGenes({ group, genes: 5, valueLog: 'log2' });
    assert.equal(result.valueLog, 'log2');
    assert.equal(result.log1pBase, undefined);
    for (const g of result.genes) assert.equal(g.logFoldChange, g.meanGroup - g.meanReference);
    const csv = result.csv.trimEnd().split('\n');
    assert.ok(csv.slice(1).every((line) => line.endsWith(',none (log2 values)')));
    await assert.rejects(
      session.markerGenes({ group, valueLog: 'ln' as 'log2' }),
      /marker values' log must be one of/,
    );
  } finally {
    session.dispose();
  }
});
