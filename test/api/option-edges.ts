/** Range edges of a numeric option, read from the option schema, for the tests that compare its users. */
import assert from 'node:assert/strict';
import { optionSpec, type OptionKey } from '../../src/api/option-schema.js';

/** Numbers just inside and just outside an option's range (and a fraction for whole-number options). */
export function numberEdges(key: OptionKey): { ok: number[]; bad: number[] } {
  const spec = optionSpec(key);
  assert.equal(spec.kind, 'number');
  if (spec.kind !== 'number') return { ok: [], bad: [] };
  const step = spec.integer ? 1 : Math.max(spec.min * 0.5, 1e-3);
  const ok = [spec.min, ...(Number.isFinite(spec.max) ? [spec.max] : [spec.min * 10 + 1])];
  const bad = [
    spec.min - step,
    ...(Number.isFinite(spec.max) ? [spec.max + (spec.integer ? 1 : spec.max / 2)] : []),
  ];
  if (spec.integer) bad.push(spec.min + 0.5);
  return { ok, bad };
}
