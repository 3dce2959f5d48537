import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgressReporter, type ProgressLike } from '../../src/cli/progress-reporter.js';
import { rowWords } from '../../src/api/file-format.js';

function capture(tty: boolean) {
  let err = '';
  return {
    io: { stdout: () => {}, stderr: (t: string) => void (err += t), stderrIsTty: tty },
    text: () => err,
  };
}

const step = (epoch: number, s: number): ProgressLike & { step: number; steps: number } => ({
  epoch,
  epochs: 20,
  step: s,
  steps: 4,
  loss: 0.5,
  activeFraction: 0.25,
  elapsedMs: 1000,
  etaMs: 2000,
});

test('without a terminal: one line every few epochs, at epoch ends, and the last epoch', () => {
  const c = capture(false);
  const r = createProgressReporter(c.io);
  for (let e = 1; e <= 20; e++) for (let s = 1; s <= 4; s++) r.progress(step(e, s));
  r.finish();
  const lines = c.text().trim().split('\n');
  assert.deepEqual(
    lines.map((l) => l.split('  ')[0]),
    [
      'epoch 1/20',
      'epoch 3/20',
      'epoch 5/20',
      'epoch 7/20',
      'epoch 9/20',
      'epoch 11/20',
      'epoch 13/20',
      'epoch 15/20',
      'epoch 17/20',
      'epoch 19/20',
      'epoch 20/20',
    ],
  );
  // the time left said once, in words (not "eta 2.0s (a few seconds left)")
  assert.match(lines[0], /loss 0\.5000 {2}active 25% {2}elapsed 1\.0s {2}a few seconds left$/);
});

test('the last epoch’s line says finishing, not a time left of nothing', () => {
  const c = capture(false);
  const r = createProgressReporter(c.io);
  r.progress(step(19, 4));
  r.progress({ ...step(20, 4), etaMs: 0 });
  const lines = c.text().trim().split('\n');
  assert.match(lines[0], / {2}a few seconds left$/);
  assert.match(lines[1], /^epoch 20\/20 .* {2}finishing$/);
});

test('on a terminal: a redrawn bar, throttled, ended by finish', () => {
  const c = capture(true);
  let now = 0;
  const r = createProgressReporter(c.io, { now: () => now });
  r.progress(step(1, 1));
  now += 10;
  r.progress(step(1, 2)); // too soon: not drawn
  now += 500;
  r.progress(step(10, 4));
  r.finish();
  const draws = c.text().split('\r').filter(Boolean);
  assert.equal(draws.length, 2);
  assert.match(draws[1], /^\[#{12}\.{12}\] epoch 10\/20/);
  assert.ok(c.text().endsWith('\n'));
});

test('--quiet prints nothing', () => {
  const c = capture(true);
  const r = createProgressReporter(c.io, { quiet: true });
  r.stage('train');
  r.progress(step(20, 4));
  r.finish();
  assert.equal(c.text(), '');
});

/** Step `total` of a run budgeted at 1000 steps of 30 epochs × 100, `etaMs` left. */
const budgeted = (total: number, etaMs: number): ProgressLike => ({
  epoch: Math.floor((total - 1) / 100) + 1,
  epochs: 30,
  step: ((total - 1) % 100) + 1,
  steps: 100,
  loss: 0.5,
  activeFraction: 0.25,
  elapsedMs: 1000,
  etaMs,
  totalStep: total,
  totalSteps: 1000,
});

test('a budgeted run: the step count, the time left in words, and a line every tenth of the budget', () => {
  const c = capture(false);
  const r = createProgressReporter(c.io);
  for (let s = 1; s <= 1000; s++) r.progress(budgeted(s, (1000 - s) * 130));
  r.finish();
  const lines = c.text().trim().split('\n');
  const tenths = lines
    .filter((l) => /step [\d\u202f]+00\/1\u202f000/.test(l))
    .map((l) => /step ([\d\u202f]+)/.exec(l)?.[1]);
  assert.deepEqual(tenths, ['100', '200', '300', '400', '500', '600', '700', '800', '900', '1\u202f000']);
  assert.match(
    lines[0],
    /^epoch 1\/30 {2}step 100\/1\u202f000 {2}loss .* {2}elapsed 1\.0s {2}up to about 2 min left$/,
  );
  assert.match(lines.at(-2) ?? '', / {2}up to about 10 s left$/);
  // the last step's line says the run is finishing, not a countdown at zero ("eta 0.0s")
  assert.match(lines.at(-1) ?? '', /^epoch 10\/30 {2}step 1\u202f000\/1\u202f000 .* {2}finishing$/);
  assert.doesNotMatch(c.text(), /eta /);
});

test('on a terminal the bar fills by the budget, not by the epochs', () => {
  const c = capture(true);
  const r = createProgressReporter(c.io, { now: () => 0 });
  r.progress(budgeted(500, NaN));
  r.finish();
  assert.match(
    c.text(),
    /^\r\[#{12}\.{12}\] epoch 5\/30 {2}step 500\/1\u202f000 .* {2}estimating time left…/,
  );
  assert.doesNotMatch(c.text(), /eta \?/);
});

test('a run that ends with its epochs shows no step count', () => {
  const c = capture(false);
  const r = createProgressReporter(c.io);
  r.progress({ ...step(20, 4), totalStep: 80, totalSteps: 80 });
  assert.doesNotMatch(c.text(), /step/);
});

// A walkthrough (the 38-sample Golub leukaemia panel as a CSV): train said "splitting off the hold-out cells…"
// and "embedding every cell…".
test('the stage lines name the table’s rows in its words: cells by default, rows for a text table', () => {
  const lines = (words?: ReturnType<typeof rowWords>) => {
    const c = capture(false);
    const r = createProgressReporter(c.io, words ? { words } : {});
    for (const stage of ['preprocess', 'split', 'train', 'embed']) r.stage(stage);
    r.finish();
    return c.text();
  };
  assert.equal(
    lines(rowWords('text')),
    'preprocessing…\nsplitting off the hold-out rows…\ntraining…\nembedding every row…\n',
  );
  assert.equal(
    lines(),
    'preprocessing…\nsplitting off the hold-out cells…\ntraining…\nembedding every cell…\n',
  );
  assert.equal(lines(rowWords('h5ad')), lines());
});

test("a stage's steps: a line as each step starts, then its count at most every few seconds; none with --quiet", () => {
  const c = capture(false);
  let now = 0;
  const r = createProgressReporter(c.io, { now: () => now });
  r.stage('preprocess');
  const total = 100_000;
  for (let done = 0; done < total; done += 10_000) {
    r.step('preprocess', { name: 'gene-statistics', done, total });
    now += 1000;
  }
  r.step('preprocess', { name: 'pca', done: 2, total: 9, unit: 'passes' });
  r.stage('split');
  const lines = c.text().trim().split('\n');
  assert.deepEqual(lines, [
    'preprocessing…',
    'preprocessing: gene statistics, 0 of 100\u202f000 cells',
    'preprocessing: gene statistics, 50\u202f000 of 100\u202f000 cells',
    'preprocessing: PCA, pass 3 of 9',
    'splitting off the hold-out cells…',
  ]);
  const quiet = capture(false);
  createProgressReporter(quiet.io, { quiet: true }).step('train', { name: 'neighbours' });
  assert.equal(quiet.text(), '');
});

test("on a terminal a stage's step is redrawn in place and ended by the next stage's line", () => {
  const c = capture(true);
  let now = 0;
  const r = createProgressReporter(c.io, { now: () => now, words: rowWords('text') });
  r.stage('train');
  r.step('train', { name: 'class-evidence' });
  now += 500;
  r.step('train', { name: 'neighbours', done: 3, total: 38 });
  r.stage('embed');
  assert.equal(
    c.text(),
    'training…\n\rtraining: fitting the class evidence\x1b[K' +
      '\rtraining: finding input-space neighbours, 3 of 38 rows\x1b[K\nembedding every row…\n',
  );
});

test('without a terminal, training steps say where they are at least every 10 s between the usual lines', () => {
  const c = capture(false);
  let now = 0;
  const r = createProgressReporter(c.io, { now: () => now });
  r.stage('train');
  // a long first epoch: 4 steps 4 s apart, then the epoch's end
  for (let s = 1; s <= 4; s++) {
    now += 4000;
    r.progress(step(1, s));
  }
  const lines = c.text().trim().split('\n');
  assert.deepEqual(
    lines.map((l) => l.split('  ')[0]),
    ['training…', 'epoch 1/20', 'epoch 1/20'],
  );
  assert.match(lines[1], /elapsed/, 'the line of step 3, 12 s after the stage line');
});

// train at 10^5 cells printed one silent 'embedding every cell…' for the embedding after training; its slices
// are now the embed stage's steps (run-training-embed-steps.test.ts), said as the other long steps are
test("the embedding after training says its slices: 'embedding every cell: the encoder, n of N cells'", () => {
  const c = capture(false);
  let now = 0;
  const r = createProgressReporter(c.io, { now: () => now });
  r.stage('embed');
  for (let done = 0; done < 100_000; done += 4096) {
    r.step('embed', { name: 'encoder', done, total: 100_000 });
    now += 1000;
  }
  assert.deepEqual(c.text().trim().split('\n'), [
    'embedding every cell…',
    'embedding every cell: the encoder, 0 of 100\u202f000 cells',
    'embedding every cell: the encoder, 20\u202f480 of 100\u202f000 cells',
    'embedding every cell: the encoder, 40\u202f960 of 100\u202f000 cells',
    'embedding every cell: the encoder, 61\u202f440 of 100\u202f000 cells',
    'embedding every cell: the encoder, 81\u202f920 of 100\u202f000 cells',
  ]);
});
