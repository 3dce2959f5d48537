/**
 * Whether the PCA's input — the z-scored kept genes, rows × genes float32 — is computed once and kept, or
 * recomputed from the input matrix on every pass. The PCA reads it ~10 times (the mean, each subspace
 * iteration, the Rayleigh–Ritz step, the projection), and recomputing it means normalising, log-transforming
 * and z-scoring every stored value again: at 200 000 CSR cells × 2 000 kept genes that was ~6 s of a ~12 s
 * pass (bench/README.md, "Preprocessing at atlas scale"). So it is kept whenever the memory guard says it
 * fits, and recomputed only when it does not, which keeps memory bounded on any input size.
 */
import { availableMemory, denseBytes } from '../data/memory-guard.js';

/** Share of the available memory the kept input may take (the rest is for the input matrix, tfjs and the run). */
const KEPT_INPUT_SHARE = 0.5;

/** V8's longest typed array (Node 20: 2³² elements); a longer input is recomputed whatever the memory. */
const MAX_KEPT_VALUES = 2 ** 32;

/**
 * Whether a rows × genes float32 PCA input may be kept: at most half of `availableBytes` (default: the memory
 * guard's figure, the system's available memory or the room under the container's limit) and no longer than a
 * typed array can be.
 */
export function keepsPcaInput(
  rows: number,
  genes: number,
  availableBytes = availableMemory().bytes,
): boolean {
  return rows * genes <= MAX_KEPT_VALUES && denseBytes(rows, genes) <= availableBytes * KEPT_INPUT_SHARE;
}
