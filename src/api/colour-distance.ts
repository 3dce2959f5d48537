/**
 * How far apart two class colours look: CIE ΔE*76, the distance in L*a*b* (sRGB, D65). The palette uses it to
 * pass over a colour that looks like one a class already has — scanpy's tab10 blue '#1f77b4' and Okabe–Ito's
 * '#0072B2' are 2.9 apart, which no eye tells apart on a map of small dots. Pure.
 */

/** An sRGB channel 0–255 as linear light 0–1. */
function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** CIE L*a*b*'s companding of a ratio to the white point. */
function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116;
}

/** '#rrggbb' (any case) in CIE L*a*b*; null for another form. */
export function labOfHex(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => linear(parseInt(h, 16)));
  // sRGB → XYZ, each divided by D65's white
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const [fx, fy, fz] = [labF(x), labF(y), labF(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** ΔE*76 between two points of L*a*b*. */
export function labDistance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
