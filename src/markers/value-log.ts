/**
 * MarkerRequest.valueLog: how the values as imported were logged, checked, and the fold change it gives.
 * Only the fold change depends on it — the rank test sees the values as they are.
 */
import { VALUE_LOGS, type ValueLog } from '../api/markers.js';
import { EngineError } from '../api/errors.js';

/** The log1p base of each log1p choice (undefined: natural). */
const LOG1P_BASES: Record<Exclude<ValueLog, 'log2'>, number | undefined> = {
  log1p: undefined,
  'log1p-base2': 2,
  'log1p-base10': 10,
};

/** `value` as a ValueLog, undefined when not given; anything else is refused naming the choices. */
export function checkedValueLog(value: unknown): ValueLog | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (VALUE_LOGS as readonly string[]).includes(value)) {
    return value as ValueLog;
  }
  const shown = typeof value === 'string' ? `'${value.slice(0, 40)}'` : String(value).slice(0, 40);
  throw new EngineError({
    kind: 'invalid-request',
    message: `The marker values' log must be one of ${VALUE_LOGS.map((v) => `'${v}'`).join(', ')}, got ${shown}`,
  });
}

/** How a fold change is taken: of log1p values in `base` (undefined: natural), or of log2 values. */
export type FoldChangeRule = { log2: true } | { log2: false; base?: number };

/** The rule of a request's choice; without one, log1p in the file's base (undefined: natural). */
export function foldChangeRule(choice: ValueLog | undefined, fileBase: number | undefined): FoldChangeRule {
  if (choice === 'log2') return { log2: true };
  const base = choice === undefined ? fileBase : LOG1P_BASES[choice];
  return base === undefined ? { log2: false } : { log2: false, base };
}

/**
 * scanpy's fold change: log2((expm1(mean group) + 1e-9) / (expm1(mean reference) + 1e-9)), the means of
 * log1p values; with `base` (uns['log1p']['base'] of values log1p'd in that base) expm1(mean · ln base), as
 * rank_genes_groups undoes the log. Default: natural log.
 */
export function scanpyLogFoldChange(meanGroup: number, meanReference: number, base?: number): number {
  const scale = base === undefined ? 1 : Math.log(base);
  return Math.log2((Math.expm1(meanGroup * scale) + 1e-9) / (Math.expm1(meanReference * scale) + 1e-9));
}

/** The fold change of two means under `rule`: of log2 values the difference, as limma gives it. */
export function logFoldChange(meanGroup: number, meanReference: number, rule: FoldChangeRule): number {
  return rule.log2 ? meanGroup - meanReference : scanpyLogFoldChange(meanGroup, meanReference, rule.base);
}
