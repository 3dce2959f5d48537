/**
 * The remaining training time as people say it ("about 2 min left"), shared by the CLI's progress line and
 * the page's training view. Rounded coarsely on purpose: the estimate moves with the machine's load, and a
 * figure that ticks every second reads as more precise than it is. Contract layer: no imports.
 */

/** What an estimate that does not exist yet (the first steps, NaN) reads as. */
export const REMAINING_UNKNOWN = 'estimating time left…';

/**
 * 4 000 → "a few seconds left", 42 000 → "about 40 s left", 130 000 → "about 2 min left",
 * 4 500 000 → "about 1 h 15 min left"; NaN, Infinity or a negative value → REMAINING_UNKNOWN. `capped`: the
 * estimate is of a step budget the run may stop before ("up to about 2 min left"). Default false.
 */
export function formatRemaining(ms: number, capped = false): string {
  const text = aboutRemaining(ms);
  // a budgeted run (above 50 000 training rows) is estimated to its step budget, which its plateau check
  // usually cuts: 10⁵ cells said "about 8 min left" and stopped 1.5 min later — the figure is a ceiling
  return capped && text.startsWith('about ') ? `up to ${text}` : text;
}

function aboutRemaining(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return REMAINING_UNKNOWN;
  const seconds = ms / 1000;
  if (seconds < 10) return 'a few seconds left';
  if (seconds < 55) return `about ${Math.round(seconds / 10) * 10} s left`;
  const minutes = Math.round(seconds / 60);
  if (seconds < 3570) return `about ${minutes} min left`;
  // above an hour, to the nearest 5 minutes
  const fives = Math.round(seconds / 300) * 5;
  const hours = Math.floor(fives / 60);
  const rest = fives % 60;
  return rest === 0 ? `about ${hours} h left` : `about ${hours} h ${rest} min left`;
}

/** What the time left reads once the last training step is done: the map is embedded and scored then. */
export const REMAINING_FINISHING = 'finishing';

/** The progress facts `remainingWords` reads (the trainer's progress report and the page's view of it). */
export interface RemainingFacts {
  epoch: number;
  epochs: number;
  /** Step within the epoch and steps per epoch, when reported per step. */
  step?: number;
  steps?: number;
  /** Steps run in the whole run and the most it will run. */
  totalStep?: number;
  totalSteps?: number;
  etaMs: number;
}

/** Whether `p` reports the run's last step: by the step budget when counted, else by the last epoch's end. */
function lastStepDone(p: RemainingFacts): boolean {
  if (p.epochs <= 0) return false;
  if (p.totalStep !== undefined && p.totalSteps !== undefined) return p.totalStep >= p.totalSteps;
  return p.epoch >= p.epochs && (p.step === undefined || p.steps === undefined || p.step >= p.steps);
}

/**
 * The time left in words (`formatRemaining`); after the last step REMAINING_FINISHING: the estimate is of
 * training steps, and "a few seconds left" (once "eta 0.0s") read as a countdown stuck at zero while the map
 * is embedded and the metrics computed.
 */
export function remainingWords(p: RemainingFacts): string {
  return lastStepDone(p) ? REMAINING_FINISHING : formatRemaining(p.etaMs, stopsAtBudget(p));
}

/** Whether a step budget ends the run before its epochs do (its estimate is then a ceiling). */
function stopsAtBudget(p: RemainingFacts): boolean {
  const { totalSteps, steps } = p;
  return totalSteps !== undefined && steps !== undefined && steps > 0 && totalSteps < p.epochs * steps;
}
