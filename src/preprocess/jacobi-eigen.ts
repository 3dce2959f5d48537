/**
 * Eigendecomposition of a small symmetric matrix (the l × l Rayleigh–Ritz matrix of the PCA, l ≈ K + 10)
 * by cyclic Jacobi rotations in float64: simple, unconditionally stable and exact to rounding.
 */

export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors as columns, n × n row-major, in the order of `values`. */
  vectors: Float64Array;
}

/**
 * Rotates two lanes of `a` — n entries each, starting at `x0` and `y0`, `stride` apart (n for two columns of
 * an n × n row-major matrix, 1 for two rows) — by (c, s): x ← c·x − s·y, y ← s·x + c·y.
 */
function rotateLanes(
  a: Float64Array,
  x0: number,
  y0: number,
  stride: number,
  n: number,
  c: number,
  s: number,
): void {
  for (let k = 0; k < n; k++) {
    const x = a[x0 + k * stride];
    const y = a[y0 + k * stride];
    a[x0 + k * stride] = c * x - s * y;
    a[y0 + k * stride] = s * x + c * y;
  }
}

/** `a` is n × n row-major and symmetric (only its symmetric part is used); it is not modified. */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += m[i] * m[i];
  const tolerance = 1e-30 * Math.max(norm, 1e-300);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    if (off <= tolerance) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // m ← Jᵀ m J (columns p, q, then rows p, q); v ← v J
        rotateLanes(m, p, q, n, n, c, s);
        rotateLanes(m, p * n, q * n, 1, n, c, s);
        rotateLanes(v, p, q, n, n, c, s);
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y * n + y] - m[x * n + x] || x - y);
  const values = Float64Array.from(order, (i) => m[i * n + i]);
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) vectors[k * n + j] = v[k * n + order[j]];
  return { values, vectors };
}
