/**
 * Training progress on stderr for `train`: a redrawn one-line bar when stderr is a terminal, otherwise a
 * plain line every few epochs or every tenth of a step budget (logs and CI stay readable), nothing with
 * --quiet. Both say the time left as the trainer estimates it from the measured step times.
 */
import { rowWords, type RowWords } from '../api/file-format.js';
import { countText } from '../api/count-text.js';
import { remainingWords } from '../api/remaining-time.js';
import { stageStepText, type StageStep } from '../api/stage-step.js';
import type { CliIo } from './io.js';

/** The subset of the trainer's progress report the CLI shows. */
export interface ProgressLike {
  epoch: number;
  epochs: number;
  /** Step within the epoch and steps per epoch (when reported per step). */
  step?: number;
  steps?: number;
  loss: number;
  activeFraction: number;
  elapsedMs: number;
  etaMs: number;
  /** Steps run in the whole run and the most it will run (the step budget or every epoch's steps). */
  totalStep?: number;
  totalSteps?: number;
}

export interface ProgressReporter {
  /** A stage starts (preprocess, train…). */
  stage(name: string): void;
  /** Within stage `name`: what it is doing and how far (`StageStep`), said as often as is readable. */
  step(name: string, step: StageStep): void;
  /** A training step or epoch ended. */
  progress(p: ProgressLike): void;
  /** Ends the bar's line so later messages start clean. */
  finish(): void;
}

const BAR_WIDTH = 24;
/** What each pipeline stage is called on the terminal, in the table's words for its rows (`rowWords`). */
function stageText(name: string, words: RowWords): string {
  const text: Record<string, string> = {
    preprocess: 'preprocessing',
    split: `splitting off the hold-out ${words.many}`,
    train: 'training',
    embed: `embedding every ${words.one}`,
    metrics: 'computing quality metrics',
    report: 'writing the report',
  };
  return text[name] ?? name;
}
/** Redraw the terminal bar at most this often: drawing on every step would cost more than the step. */
const REDRAW_MS = 100;
/**
 * A log's line within a step at most this often (a new step's line at once): a pass over 10⁵ cells takes
 * 6–15 s, so a count every few seconds says it moves without filling the log.
 */
const STEP_LINE_MS = 5000;
/**
 * A log's longest silence while training steps run: its lines come every tenth of the steps or every few
 * epochs, and at 10⁵ cells the first of them came after a whole epoch, 36–70 s.
 */
const PROGRESS_LINE_MAX_GAP_MS = 10_000;

function seconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)}s`
    : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

/** The run's steps when it stops before its epochs end (a step budget): "step 4 200/22 250", else ''. */
function budgetSteps(p: ProgressLike): string {
  const { totalStep, totalSteps, steps } = p;
  if (totalStep === undefined || totalSteps === undefined || steps === undefined) return '';
  return totalSteps < p.epochs * steps ? `  step ${countText(totalStep)}/${countText(totalSteps)}` : '';
}

/**
 * One progress line. The time left is said once, coarsely (`remainingWords`, 'finishing' after the last step):
 * "eta 1m57s (about 2 min left)" said it twice, and "eta ? (estimating time left…)" before the first estimate.
 */
function describe(p: ProgressLike): string {
  const loss = Number.isFinite(p.loss) ? p.loss.toFixed(4) : String(p.loss);
  return `epoch ${p.epoch}/${p.epochs}${budgetSteps(p)}  loss ${loss}  active ${(p.activeFraction * 100).toFixed(0)}%  elapsed ${seconds(p.elapsedMs)}  ${remainingWords(p)}`;
}

/** The share of the run done: by steps when the trainer counts them, else by epochs. */
function doneFraction(p: ProgressLike): number {
  if (p.totalStep !== undefined && p.totalSteps !== undefined && p.totalSteps > 0) {
    return Math.min(1, p.totalStep / p.totalSteps);
  }
  return Math.min(p.epoch, p.epochs) / Math.max(1, p.epochs);
}

/** The tenth of the run's steps that `p` is in (0–10), or −1 without step counts. */
function tenth(p: ProgressLike): number {
  const { totalStep, totalSteps } = p;
  return totalStep !== undefined && totalSteps ? Math.floor((totalStep / totalSteps) * 10) : -1;
}

/**
 * @param options.quiet print nothing. Default false.
 * @param options.now clock for throttling (injectable for tests). Default Date.now.
 * @param options.words what the table's rows are called in the stage lines (`rowWords`). Default cells.
 */
export function createProgressReporter(
  io: CliIo,
  options: { quiet?: boolean; now?: () => number; words?: RowWords } = {},
): ProgressReporter {
  const { quiet = false, now = Date.now, words = rowWords(undefined) } = options;
  let barShown = false;
  let lastDraw = -Infinity;
  let lastLoggedEpoch = -Infinity;
  let lastLoggedTenth = 0;
  let lastStep = { key: '', at: -Infinity };
  let lastLineAt = now();
  const line = (text: string) => {
    lastLineAt = now();
    io.stderr(`${text}\n`);
  };

  const endBar = () => {
    if (barShown) io.stderr('\n');
    barShown = false;
  };

  return {
    stage(name) {
      if (quiet) return;
      endBar();
      line(`${stageText(name, words)}…`);
      lastStep = { key: '', at: -Infinity };
    },
    step(name, step) {
      if (quiet) return;
      const t = now();
      const key = `${name}\u0000${step.name}`;
      const every = io.stderrIsTty ? REDRAW_MS : STEP_LINE_MS;
      if (key === lastStep.key && t - lastStep.at < every) return;
      lastStep = { key, at: t };
      const text = `${stageText(name, words)}: ${stageStepText(step, words)}`;
      if (io.stderrIsTty) {
        io.stderr(`\r${text}\x1b[K`);
        barShown = true;
      } else line(text);
    },
    progress(p) {
      if (quiet) return;
      if (io.stderrIsTty) {
        const t = now();
        if (t - lastDraw < REDRAW_MS && p.epoch < p.epochs) return;
        lastDraw = t;
        const filled = Math.round(doneFraction(p) * BAR_WIDTH);
        io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${describe(p)}\x1b[K`);
        barShown = true;
        return;
      }
      // a budgeted run whose epochs are long: a line at every tenth of its steps
      if (budgetSteps(p) !== '' && tenth(p) > lastLoggedTenth) {
        lastLoggedTenth = tenth(p);
        line(describe(p));
        return;
      }
      if (now() - lastLineAt >= PROGRESS_LINE_MAX_GAP_MS) {
        line(describe(p));
        return;
      }
      // about ten lines per run, plus the last epoch, each at the end of an epoch
      if (p.step !== undefined && p.steps !== undefined && p.step < p.steps) return;
      const every = Math.max(1, Math.ceil(p.epochs / 10));
      if (p.epoch >= lastLoggedEpoch + every || (p.epoch === p.epochs && lastLoggedEpoch !== p.epoch)) {
        lastLoggedEpoch = p.epoch;
        line(describe(p));
      }
    },
    finish: endBar,
  };
}
