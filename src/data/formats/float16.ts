/**
 * IEEE 754 half-precision floats (numpy's float16, which anndata stores as is: `adata.X.astype(np.float16)`)
 * to float32. h5wasm has no typed array for them (its `value` throws "Float16 not supported"), so the HDF5
 * reader takes their raw 16-bit words and decodes them here. Every half is exact in float32; NaN and ±Inf
 * stay NaN and ±Inf, for the readers' finiteness checks to report with their position.
 */

let table: Float32Array | undefined;

/** The float value of one half's bits: sign, 5 exponent bits (bias 15), 10 fraction bits. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals: no implicit leading 1
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Every half's value, built once (256 KB): one lookup a value instead of the arithmetic. */
function halfTable(): Float32Array {
  if (!table) {
    table = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) table[bits] = halfToNumber(bits);
  }
  return table;
}

/** Decodes half floats (their bits, in the machine's byte order) into `out` from index 0. */
export function decodeHalfFloats(bits: Uint16Array, out: Float32Array): void {
  const values = halfTable();
  for (let i = 0; i < bits.length; i++) out[i] = values[bits[i]];
}
