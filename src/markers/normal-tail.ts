/**
 * The standard normal upper tail P(Z > x) to full float64 relative precision, far into the tail — what a
 * marker p-value of 1e-200 needs (1 − Φ(x) loses every digit there; scipy's `norm.sf` keeps them). Rational
 * approximations of W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
 * (1969), with his published coefficients (rounded to float64), in three ranges of |x|.
 */

const SMALL_A = [
  2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745,
];
const SMALL_B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const MID_C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const MID_D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
];
const TAIL_P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934,
  0.000029112874951168793, 0.023073441764940174,
];
const TAIL_Q = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662,
];
const INV_SQRT_2PI = 0.3989422804014327;
/** Below this |x| the central approximation holds (Φ⁻¹(3/4)). */
const CENTRAL = 0.67448975;
const SQRT_32 = Math.sqrt(32);
/** Above this x the tail underflows to 0 in float64. */
const UNDERFLOW = 37.5193;

/** exp(−x²/2) without the rounding error of squaring a large x: x is split at a multiple of 1/16. */
function gaussianFactor(x: number): number {
  const head = Math.trunc(x * 16) / 16;
  const rest = (x - head) * (x + head);
  return Math.exp(-head * head * 0.5) * Math.exp(-rest * 0.5);
}

/** P(Z > x) for a standard normal Z. */
export function normalUpperTail(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= CENTRAL) {
    const sq = x * x;
    let num = SMALL_A[4] * sq;
    let den = sq;
    for (let i = 0; i < 3; i++) {
      num = (num + SMALL_A[i]) * sq;
      den = (den + SMALL_B[i]) * sq;
    }
    return 0.5 - (x * (num + SMALL_A[3])) / (den + SMALL_B[3]);
  }
  let tail: number; // P(Z > y)
  if (y <= SQRT_32) {
    let num = MID_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + MID_C[i]) * y;
      den = (den + MID_D[i]) * y;
    }
    tail = gaussianFactor(y) * ((num + MID_C[7]) / (den + MID_D[7]));
  } else if (y < UNDERFLOW) {
    const inv = 1 / (y * y);
    let num = TAIL_P[5] * inv;
    let den = inv;
    for (let i = 0; i < 4; i++) {
      num = (num + TAIL_P[i]) * inv;
      den = (den + TAIL_Q[i]) * inv;
    }
    const ratio = (inv * (num + TAIL_P[4])) / (den + TAIL_Q[4]);
    tail = (gaussianFactor(y) * (INV_SQRT_2PI - ratio)) / y;
  } else {
    tail = 0;
  }
  return x > 0 ? tail : 1 - tail;
}

/** Two-sided p-value of a z-score: 2 · P(Z > |z|), as scipy's `2 * norm.sf(abs(z))`. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}
