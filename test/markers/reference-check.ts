/**
 * Compares TripletLens's marker statistics with the expectations markers_reference.py writes from scipy's
 * mannwhitneyu and scanpy's rank_genes_groups: the same top-20 genes, p-values within 1e-6 relative.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importTable } from '../../src/data/index.js';
import type { ExpressionTable } from '../../src/data/index.js';
import { markerGenes } from '../../src/markers/marker-genes.js';
import { packageRoot } from '../../src/util/paths.js';

export interface ExpectedGene {
  gene: string;
  score: number;
  pval: number;
  pval_adj: number;
  logfoldchange: number;
  score_no_tie_correction: number;
  pval_no_tie_correction: number;
  mannwhitneyu_pval: number;
  fraction_group: number;
  fraction_reference: number;
}

export interface ExpectedCase {
  name: string;
  file: string;
  values: 'log1p-normalised' | 'as-imported';
  group_rows: number[];
  reference_rows: 'rest' | number[];
  genes_tested: number;
  top20: string[];
  genes: ExpectedGene[];
}

export interface ExpectedMarkers {
  versions: Record<string, string>;
  cases: ExpectedCase[];
}

/** The committed expectations. */
export const FIXTURE = join(packageRoot(), 'test', 'fixtures', 'markers', 'expected.json');
export const SCRIPT = join(packageRoot(), 'test', 'fixtures', 'markers', 'markers_reference.py');

/** |actual − expected| ≤ tol · |expected| (both 0 passes). */
export function assertRelative(actual: number, expected: number, tol: number, what: string): void {
  const scale = Math.abs(expected);
  assert.ok(
    Math.abs(actual - expected) <= tol * scale || (actual === 0 && expected === 0),
    `${what}: ${actual} vs ${expected} (relative difference ${Math.abs(actual - expected) / scale}, allowed ${tol})`,
  );
}

/** Two float32 steps, relative: how far a float64 value may be from scanpy's float32 copy of it. */
const FLOAT32_STEPS = 2 * 2 ** -23;

const tables = new Map<string, Promise<ExpressionTable>>();

/** The case's file as TripletLens imports it (`file` overrides the case's own, e.g. the same cells as CSR). */
export function tableOf(file: string): Promise<ExpressionTable> {
  let table = tables.get(file);
  if (!table) {
    table = importTable(join(packageRoot(), file));
    tables.set(file, table);
  }
  return table;
}

/** Runs the engine on `expected`'s cells of `table` and checks every listed gene, with and without tie correction. */
export function checkCase(table: ExpressionTable, expected: ExpectedCase): void {
  const group = Int32Array.from(expected.group_rows);
  const reference = expected.reference_rows === 'rest' ? 'rest' : Int32Array.from(expected.reference_rows);
  const all = { group, reference, genes: table.genes.length } as const;
  // an h5ad's uns['log1p']['base'], as the session passes it (session-markers.ts)
  const options = table.log1pBase === undefined ? {} : { log1pBase: table.log1pBase };
  const result = markerGenes(table.values, table.genes, all, options);
  assert.equal(result.genesTested, expected.genes_tested);
  assert.equal(result.values, expected.values);
  assert.deepEqual(
    result.genes.slice(0, 20).map((g) => g.gene),
    expected.top20,
    `${expected.name}: the top-20 genes differ from scanpy's`,
  );
  const byGene = new Map(result.genes.map((g) => [g.gene, g]));
  const plain = markerGenes(table.values, table.genes, { ...all, tieCorrect: false }, options);
  const plainByGene = new Map(plain.genes.map((g) => [g.gene, g]));
  for (const e of expected.genes) {
    const got = byGene.get(e.gene);
    assert.ok(got, `${expected.name}: ${e.gene} missing`);
    const where = `${expected.name} ${e.gene}`;
    assertRelative(got.pValue, e.pval, 1e-6, `${where} p-value vs scanpy`);
    assertRelative(got.pValue, e.mannwhitneyu_pval, 1e-6, `${where} p-value vs scipy mannwhitneyu`);
    assertRelative(got.pAdjusted, e.pval_adj, 1e-6, `${where} BH p-value vs scanpy`);
    // scanpy stores scores and fold changes as float32
    assertRelative(got.score, e.score, 1e-6, `${where} score`);
    // scanpy's float32 fold change: within two float32 steps (2⁻²³ relative each) of it
    assert.ok(
      Math.abs(got.logFoldChange - e.logfoldchange) <= FLOAT32_STEPS * Math.max(1, Math.abs(e.logfoldchange)),
      `${where} logFC ${got.logFoldChange} vs ${e.logfoldchange}`,
    );
    assert.ok(Math.abs(got.fractionGroup - e.fraction_group) < 1e-12, `${where} fraction in group`);
    assert.ok(
      Math.abs(got.fractionReference - e.fraction_reference) < 1e-12,
      `${where} fraction in reference`,
    );
    const untied = plainByGene.get(e.gene);
    assert.ok(untied, `${where} missing without tie correction`);
    assertRelative(untied.score, e.score_no_tie_correction, 1e-6, `${where} score without tie correction`);
    assertRelative(untied.pValue, e.pval_no_tie_correction, 1e-6, `${where} p-value without tie correction`);
  }
}
