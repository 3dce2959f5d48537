/** Benjamini–Hochberg adjusted p-values (statsmodels' `multipletests(method='fdr_bh')`, R's `p.adjust('BH')`). */

/**
 * q_i = min over ranks k ≥ rank(p_i) of p_(k) · m / k, capped at 1, over all m p-values. NaN p-values count
 * as 1 (as scanpy sets them before adjusting).
 */
export function benjaminiHochberg(p: Float64Array): Float64Array {
  const m = p.length;
  const values = Float64Array.from(p, (v) => (Number.isNaN(v) ? 1 : v));
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((x, y) => values[x] - values[y] || x - y);
  const adjusted = new Float64Array(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k];
    running = Math.min(running, (values[i] * m) / (k + 1));
    adjusted[i] = running;
  }
  return adjusted;
}
