/**
 * The neighbourhood check: the pure function against a brute-force search (float64, ties to the lower row),
 * its argument checks, and EngineSession.cellNeighbours on a real small run, checked against a brute force
 * over the run's own preprocessed matrix (the recipe re-applied) and its map.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { EngineEvent, RunResult } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { asDense, importTable } from '../../src/data/index.js';
import { cellNeighbourhood } from '../../src/engine/cell-neighbours.js';
import { EngineSession } from '../../src/engine/session.js';
import type { PreprocessRecipe } from '../../src/preprocess/index.js';
import { applyRecipe, inputSpaceRecipe } from '../../src/preprocess/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { sharedDataPath } from '../../src/util/paths.js';

/** The k nearest other rows of `row`, nearest first, ties to the lower index — the definition, spelt out. */
function bruteForce(m: DenseMatrix, row: number, k: number): number[] {
  const d = (j: number) => {
    let s = 0;
    for (let c = 0; c < m.cols; c++) s += (m.data[row * m.cols + c] - m.data[j * m.cols + c]) ** 2;
    return s;
  };
  return Array.from({ length: m.rows }, (_, j) => j)
    .filter((j) => j !== row)
    .map((j) => ({ j, s: d(j) }))
    .sort((a, b) => a.s - b.s || a.j - b.j)
    .slice(0, k)
    .map((e) => e.j);
}

function gaussian(rows: number, cols: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => randomNormal(random)) };
}

const invalid = (pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof EngineError, String(err));
  assert.equal(err.kind, 'invalid-request');
  assert.match(err.message, pattern);
  return true;
};

describe('cellNeighbourhood', () => {
  const input = gaussian(300, 40, 1);
  const map = gaussian(300, 2, 2);

  test('equals a brute-force search in both spaces, and counts the overlap', () => {
    for (const [cell, k] of [
      [0, 15],
      [123, 1],
      [299, 40],
    ]) {
      const n = cellNeighbourhood('run-7', input, map, cell, k);
      const inputExpected = bruteForce(input, cell, k);
      const mapExpected = bruteForce(map, cell, k);
      assert.deepEqual([...n.inputNeighbours], inputExpected);
      assert.deepEqual([...n.mapNeighbours], mapExpected);
      assert.equal(n.shared, inputExpected.filter((j) => mapExpected.includes(j)).length);
      assert.equal(n.k, k);
      assert.equal(n.cell, cell);
      assert.equal(n.runId, 'run-7');
      assert.ok(!n.inputNeighbours.includes(cell) && !n.mapNeighbours.includes(cell));
    }
  });

  test('a map that is the input itself keeps every neighbour; ties go to the lower row', () => {
    const n = cellNeighbourhood('r', input, input, 5, 15);
    assert.equal(n.shared, 15);
    // four cells at one point: each one's neighbours are the other three, in row order
    const same: DenseMatrix = { rows: 6, cols: 2, data: Float32Array.of(1, 1, 9, 9, 1, 1, 1, 1, 1, 1, 5, 5) };
    assert.deepEqual([...cellNeighbourhood('r', same, same, 3, 3).inputNeighbours], [0, 2, 4]);
  });

  test('k defaults to 15, capped below the number of cells', () => {
    assert.equal(cellNeighbourhood('r', input, map, 3).k, 15);
    assert.equal(cellNeighbourhood('r', input, map, 3, null).k, 15);
    const small = gaussian(6, 3, 3);
    const n = cellNeighbourhood('r', small, small, 0);
    assert.equal(n.k, 5);
    assert.equal(n.inputNeighbours.length, 5);
  });

  test('bad cells and k are refused with the valid range', () => {
    for (const cell of [-1, 300, 1.5, NaN, '3', null]) {
      assert.throws(
        () => cellNeighbourhood('r', input, map, cell, 5),
        invalid(/Cell index must be a whole number from 0 to 299/),
      );
    }
    for (const k of [0, -2, 2.5, 300, 501, Infinity, '15']) {
      assert.throws(
        () => cellNeighbourhood('r', input, map, 0, k),
        invalid(/Neighbourhood size must be a whole number from 1 to 299/),
      );
    }
    // the run's size grouped as the app's counts are; the bound is an index, written as typed
    const big: DenseMatrix = { rows: 1200, cols: 2, data: new Float32Array(2400) };
    assert.throws(
      () => cellNeighbourhood('r', big, big, 0, 501),
      invalid(/from 1 to 500 \(the run has 1\u202f200 cells\)/),
    );
    const one: DenseMatrix = { rows: 1, cols: 2, data: new Float32Array(2) };
    assert.throws(() => cellNeighbourhood('r', one, one, 0), invalid(/at least two cells/));
  });
});

describe('EngineSession.cellNeighbours', () => {
  const session = new EngineSession();
  const file = join(sharedDataPath(), 'pbmc_small_counts.csv');
  after(() => session.dispose());

  test('refuses before a run, answers for the last run as a brute force would, refuses bad arguments', async () => {
    await session.openFile({ kind: 'path', path: file });
    await assert.rejects(session.cellNeighbours(0), invalid(/No trained model/));
    const finished = new Promise<EngineEvent>((resolve) => {
      const off = session.onEvent((e) => {
        if (e.type === 'run-finished' || e.type === 'run-failed') {
          off();
          resolve(e);
        }
      });
    });
    await session.startTraining({ labelColumn: 'label', epochs: 1, snapshotEvery: 0, dims: 2 });
    const event = await finished;
    assert.equal(event.type, 'run-finished', JSON.stringify(event));
    const result = (event as { result: RunResult }).result;

    // the run's input space: the file through the run's own recipe (which re-applies bit-exactly), without
    // the class evidence the encoder also reads
    const table = await importTable(file);
    const recipe = result.report.recipe as PreprocessRecipe;
    assert.ok(recipe.classEvidence, 'the run has class evidence the input space leaves out');
    const input = applyRecipe(inputSpaceRecipe(recipe), asDense(table.values), table.genes).matrix;
    assert.equal(input.rows, 80);
    for (const cell of [0, 41, 79]) {
      const n = await session.cellNeighbours(cell, 10);
      assert.equal(n.runId, result.runId);
      const inputExpected = bruteForce(input, cell, 10);
      const mapExpected = bruteForce(result.coords, cell, 10);
      assert.deepEqual([...n.inputNeighbours], inputExpected);
      assert.deepEqual([...n.mapNeighbours], mapExpected);
      assert.equal(n.shared, inputExpected.filter((j) => mapExpected.includes(j)).length);
    }
    assert.equal((await session.cellNeighbours(3)).k, 15);
    await assert.rejects(session.cellNeighbours(80), invalid(/from 0 to 79/));
    await assert.rejects(session.cellNeighbours(0, 80), invalid(/from 1 to 79/));
    // opening data forgets the run, and with it the neighbourhoods
    await session.openFile({ kind: 'path', path: file });
    await assert.rejects(session.cellNeighbours(0), invalid(/No trained model/));
  });
});
