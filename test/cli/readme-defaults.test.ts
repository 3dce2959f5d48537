/**
 * The figures README.md's prose quotes — defaults and limits a new user reads before the generated option
 * tables — are the code's. The option tables are regenerated from the schema (options-table.test.ts); these
 * sentences are written by hand, so a changed default would leave them stale: each is read back from the
 * README and compared with the constant it states.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FINE_TUNE_EPOCHS } from '../../src/api/annotate.js';
import { DEFAULT_NEIGHBOURHOOD_K } from '../../src/api/neighbourhood.js';
import { OPTION_SCHEMA } from '../../src/api/option-schema.js';
import { SMALL_MAX_TRAIN_CELLS } from '../../src/api/regime-words.js';
import { MAX_CLUSTERS } from '../../src/data/column-roles.js';
import { INSPECT_READ_LIMIT } from '../../src/data/inspect.js';
import { ORDER_MIN_TRAIN_CELLS } from '../../src/engine/objective.js';
import { resolveArchitecture } from '../../src/model/encoder-architecture.js';
import { DEFAULT_RESERVE_BYTES } from '../../src/server/disk-room.js';
import { PLATEAU_PATIENCE, PLATEAU_TOLERANCE } from '../../src/train/plateau.js';
import { BUDGET_FREE_ROWS } from '../../src/train/step-budget.js';
import { VALIDATION_EVERY, VALIDATION_ROWS } from '../../src/train/validation.js';
import { packageRoot } from '../../src/util/paths.js';
import { HISTORY_LIMIT } from '../../renderer/annotation-history.js';
import { PANEL_MARKER_GENES } from '../../renderer/markers-model.js';

/** The README as one line: its sentences are wrapped anywhere. */
const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8').replace(/\s+/g, ' ');

/** A number as the README writes it: '10 000' (a space between thousands), '0.002'. */
const NUMBER = String.raw`(\d[\d ]*\d|\d)(?:\.(\d+))?`;

/**
 * The numbers the one place `pattern` matches quotes, `#` standing for each: the README must say it once, so
 * a sentence rewritten without its figure fails here rather than being skipped.
 */
function quoted(pattern: string): number[] {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('#', NUMBER);
  const matches = [...readme.matchAll(new RegExp(source, 'g'))];
  assert.equal(matches.length, 1, `README.md says "${pattern}" once (found ${matches.length})`);
  const groups = matches[0].slice(1);
  const numbers: number[] = [];
  for (let i = 0; i < groups.length; i += 2) {
    const whole = groups[i].replaceAll(' ', '');
    numbers.push(Number(groups[i + 1] === undefined ? whole : `${whole}.${groups[i + 1]}`));
  }
  return numbers;
}

/** A fraction as the README's percentage, without float noise (0.07 × 100 is 7, not 7.000000000000001). */
function percent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

test("the introduction's hold-out, Neighbourhood check and marker table figures are the code's", () => {
  assert.deepEqual(quoted('holds out #% of each class'), [percent(OPTION_SCHEMA.holdout.default)]);
  assert.deepEqual(quoted('neighbours in the preprocessed input (default #)'), [DEFAULT_NEIGHBOURHOOD_K]);
  assert.deepEqual(quoted('lists the # best'), [PANEL_MARKER_GENES]);
  assert.deepEqual(quoted('fine-tunes the current encoder for # epochs'), [FINE_TUNE_EPOCHS]);
  assert.deepEqual(quoted('the last # selection and label changes'), [HISTORY_LIMIT]);
});

test('How it works quotes the default network, margin and neighbour terms', () => {
  const hidden = resolveArchitecture(OPTION_SCHEMA.preset.default, OPTION_SCHEMA.dims.default).filter(
    (layer) => layer.activation === 'selu',
  );
  const [layers, units] = quoted('by default # × # SELU layers');
  assert.equal(layers, hidden.length);
  assert.ok(
    hidden.every((layer) => layer.units === units),
    'every default hidden layer is that wide',
  );
  assert.deepEqual(quoted('PCA to #, plus'), [OPTION_SCHEMA.pcaComponents.default]);
  assert.deepEqual(quoted('d euclidean on the map, margin #'), [OPTION_SCHEMA.margin.default]);
  assert.deepEqual(quoted("#% of the triplets take P among A's # nearest"), [
    percent(OPTION_SCHEMA.neighbourShare.default),
    OPTION_SCHEMA.neighbours.default,
  ]);
  assert.deepEqual(quoted("the input's #-nearest-neighbour graph"), [OPTION_SCHEMA.graphNeighbours.default]);
  assert.deepEqual(quoted('ln d(A, N′) + ln #)'), [OPTION_SCHEMA.orderRatio.default]);
  assert.deepEqual(quoted('the same hinge with ln # between classes'), [OPTION_SCHEMA.classRatio.default]);
  // --objective neighbourhoods: the small regime's order recipe, then the graph recipe, then the wide order one
  assert.deepEqual(quoted('the graph term only at #–# training cells'), [
    SMALL_MAX_TRAIN_CELLS + 1,
    ORDER_MIN_TRAIN_CELLS - 1,
  ]);
});

test('the preprocessing sentence quotes the preprocessing defaults', () => {
  assert.deepEqual(quoted('normalised (# per cell)'), [OPTION_SCHEMA.targetSum.default]);
  assert.deepEqual(quoted('then the top # variable genes'), [OPTION_SCHEMA.topGenes.default]);
  assert.deepEqual(quoted('(clipped at ±#)'), [OPTION_SCHEMA.clip.default]);
  assert.deepEqual(quoted('and PCA to # components when'), [OPTION_SCHEMA.pcaComponents.default]);
});

test("the training budget's figures are the trainer's", () => {
  assert.deepEqual(quoted('up to # training rows a run trains every epoch'), [BUDGET_FREE_ROWS]);
  assert.deepEqual(quoted('holds aside # labelled training rows'), [VALIDATION_ROWS]);
  assert.deepEqual(quoted('every # steps scores'), [VALIDATION_EVERY]);
  assert.deepEqual(quoted('# checks without a gain above # stop the run'), [
    PLATEAU_PATIENCE,
    PLATEAU_TOLERANCE,
  ]);
});

test("the import's and serve's limits are the code's", () => {
  const [rows, megabytes] = quoted('reads at most the first # rows or # MB of a text file');
  assert.equal(rows, INSPECT_READ_LIMIT.rows);
  assert.equal(megabytes * 2 ** 20, INSPECT_READ_LIMIT.textChars);
  assert.deepEqual(quoted('(≤ # distinct values; offered as labels)'), [MAX_CLUSTERS]);
  assert.deepEqual(quoted('has less than # MB free'), [DEFAULT_RESERVE_BYTES / 2 ** 20]);
  assert.deepEqual(quoted('(`--disk-reserve-mb #`)'), [DEFAULT_RESERVE_BYTES / 2 ** 20]);
});
