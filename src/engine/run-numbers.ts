/**
 * The run numbers an engine session gives, by the stem its exports are named from (`output-stem.ts`
 * `runStem`: pbmc, pbmc_run2…). A number is never given twice to one stem in a session: a run is numbered one
 * above every run — trained here, or in a session reopened here — whose exports took that stem. Numbering by
 * the data open instead restarted at 1 when the same file was opened again, and a reopened session's retrain
 * took the number of a run trained after it, so a later run's exports were offered (and in the desktop app
 * saved) under names an earlier run's exports already had.
 */
import { basename } from 'node:path';
import { sourceStem } from './upload-path.js';

/**
 * The stem a run's exports on `source` are named from, before its number: `sourceStem` (an upload by its own
 * name), else the file's name.
 */
export function exportStem(source: string): string {
  return sourceStem(source) || basename(source);
}

/** A session's run numbers by export stem (one instance an engine session). */
export class RunNumbers {
  private readonly highest = new Map<string, number>();

  /** The number of a new run whose exports take `stem`, recorded as given. */
  next(stem: string): number {
    const number = (this.highest.get(stem) ?? 0) + 1;
    this.highest.set(stem, number);
    return number;
  }

  /**
   * Records a reopened session's run, `runNumber` of `stem` (absent: a session saved before runs were
   * numbered, whose exports took the first run's names), so the runs after it are numbered above it.
   */
  saw(stem: string, runNumber: number | undefined): void {
    const number =
      typeof runNumber === 'number' && Number.isSafeInteger(runNumber) && runNumber > 1 ? runNumber : 1;
    this.highest.set(stem, Math.max(number, this.highest.get(stem) ?? 0));
  }
}
