/**
 * A stored float32 value as its shortest decimal that reads back as the same float32 ("0.3827478", as numpy
 * prints it; 0.1, not 0.10000000149011612), not the float64 expansion String() gives (0.3827477991580963):
 * the decimal `value.toPrecision(d)` with the fewest digits d (1…9) whose float32 is the value.
 *
 * An h5ad's float obs columns are read through this, a million values a column in an atlas, so the digit
 * counts are tried in arithmetic rather than as text (`float32TextByStrings`, the definition, took ~4 µs a
 * value): the d-digit rounding of |value| is the integer n nearest to |value|·10^(d−1−e) (e its decimal
 * exponent), worth n·10^−(d−1−e) — one multiplication or division by an exact power of ten, so correctly
 * rounded as Number() parses the text, and so it reads back the same. Where that arithmetic could be off —
 * the scaled value within 10⁻⁶ of a tie, an exponent not certain (a value next to a power of ten), or a power
 * of ten beyond 10²² — the text is made as the definition makes it. Integers below 2²⁴ are their String():
 * every one is a float32, and no rounding of it to fewer digits is.
 */
export function float32Text(value: number): string {
  const size = Math.abs(value);
  if (Number.isInteger(value) && size < 2 ** 24) return String(value);
  if (!(size > 0) || !Number.isFinite(size)) return float32TextByStrings(value);
  const e = Math.floor(Math.log10(size));
  // every power of ten the digit counts 1…9 scale by is exact (at most 10²²)
  if (e < -14 || e > 22) return float32TextByStrings(value);
  const lead = scaled(size, -e);
  // the exponent is certain only when |value|/10^e is clearly within [1, 10)
  if (!(lead >= 1 + 1e-12 && lead < 10 - 1e-11)) return float32TextByStrings(value);
  for (let digits = 1; digits <= 9; digits++) {
    const shift = digits - 1 - e;
    const q = scaled(size, shift);
    const whole = Math.floor(q);
    const fraction = q - whole;
    // q is within 1.2·10⁻⁷ of the exact product (q < 10⁹, one rounding): a tie within 10⁻⁶ is decided as text
    if (Math.abs(fraction - 0.5) < 1e-6) {
      const text = value.toPrecision(digits);
      if (Math.fround(Number(text)) === value) return String(Number(text));
      continue;
    }
    const rounded = scaled(fraction < 0.5 ? whole : whole + 1, -shift);
    const decimal = value < 0 ? -rounded : rounded;
    if (Math.fround(decimal) === value) return String(decimal);
  }
  return String(value);
}

/** The definition: the first of `value.toPrecision(1…9)` that reads back as the same float32. */
function float32TextByStrings(value: number): string {
  for (let digits = 1; digits <= 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(value);
}

/** 10⁰ … 10²², each exact as a double (parsed, not computed: `10 ** k` need not be exact). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** x·10^k for |k| ≤ 22, correctly rounded: one multiplication or division by an exact power of ten. */
function scaled(x: number, k: number): number {
  return k >= 0 ? x * POWERS_OF_TEN[k] : x / POWERS_OF_TEN[-k];
}
