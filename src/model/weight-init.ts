/** Seeded weight initialisation in JS, so one seed gives the same network on every backend. */
import { randomNormal, type Random } from '../util/random.js';

/**
 * Truncated normal (values beyond 2σ redrawn) with stddev sqrt(scale / fanIn), corrected for the
 * truncation as Keras's VarianceScaling does (÷ 0.87962566). scale 1 = LeCun normal, 2 = He normal.
 */
export function varianceScalingNormal(
  fanIn: number,
  fanOut: number,
  scale: number,
  random: Random,
): Float32Array {
  const std = Math.sqrt(scale / fanIn) / 0.87962566103423978;
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) {
    let z = randomNormal(random);
    while (Math.abs(z) > 2) z = randomNormal(random);
    out[i] = z * std;
  }
  return out;
}
