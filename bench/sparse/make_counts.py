"""Writes the sparse benchmark's count matrix: a 10x-like cells × genes matrix of negative-binomial counts.

Usage: python make_counts.py OUT.h5ad [--cells 100000] [--genes 30000] [--density 0.06] [--seed 0]
                              [--types 10] [--atlas-obs]

`--types` cell types (default ten); each scales a random 10 % of genes four-fold up or down from a log-normal base profile;
every cell has a log-normal sequencing depth (quantised to 16 levels so the zero probabilities can be
tabulated). The zero pattern follows the negative-binomial zero probability P(0) = (r / (r + mu))^r with
r = 2 (dispersion 0.5), the base profile scaled so that the expected fraction of non-zeros is `density`;
a non-zero entry is 1 + NB(r, mean mu) (a cheap stand-in for the zero-truncated NB, drawn only for the
~6 % of entries that are non-zero, which is what keeps 3·10⁹ cells affordable).

Writes OUT.h5ad with anndata (X: float32 CSR counts, obs: cell_type categorical, var: gene names) and,
beside it, OUT.csr/ with the same CSR as raw little-endian arrays (indptr float64, indices int32, data
float32, shape.json, cell_type.txt) for readers that cannot open HDF5.
"""
import argparse
import json
import os
import time

import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp

R = 2.0
DEPTH_LEVELS = 16


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--cells", type=int, default=100_000)
    parser.add_argument("--genes", type=int, default=30_000)
    parser.add_argument("--density", type=float, default=0.06)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--types", type=int, default=10)
    # obs columns an atlas user has beside the cell type: leiden (cluster codes, the types with 5 % of cells
    # reassigned), sample (8 samples), n_counts and n_genes (from X); drawn after X, so X is unchanged
    parser.add_argument("--atlas-obs", action="store_true")
    args = parser.parse_args()
    started = time.time()
    rng = np.random.default_rng(args.seed)
    n, g = args.cells, args.genes
    TYPES = args.types

    base = np.exp(rng.normal(-3.0, 1.8, size=g))
    profiles = np.empty((TYPES, g))
    for t in range(TYPES):
        changed = rng.random(g) < 0.1
        factor = np.where(rng.random(g) < 0.5, 4.0, 0.25)
        profiles[t] = np.where(changed, base * factor, base)
    # depth levels: quantiles of a log-normal(0, 0.35)
    levels = np.exp(np.quantile(rng.normal(0, 0.35, 100_000), (np.arange(DEPTH_LEVELS) + 0.5) / DEPTH_LEVELS))

    def p_nonzero(scale: float) -> np.ndarray:
        mu = scale * profiles[:, None, :] * levels[None, :, None]  # types × levels × genes
        return 1.0 - (R / (R + mu)) ** R

    lo, hi = 1e-3, 1e3  # bisection on the profile scale for the wanted density
    for _ in range(60):
        mid = np.sqrt(lo * hi)
        if p_nonzero(mid).mean() < args.density:
            lo = mid
        else:
            hi = mid
    scale = np.sqrt(lo * hi)
    table = p_nonzero(scale).astype(np.float32)
    mus = (scale * profiles[:, None, :] * levels[None, :, None]).astype(np.float32)

    cell_type = rng.integers(0, TYPES, size=n)
    level = rng.integers(0, DEPTH_LEVELS, size=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    parts_i, parts_d = [], []
    chunk = 1000
    for r0 in range(0, n, chunk):
        r1 = min(n, r0 + chunk)
        p = table[cell_type[r0:r1], level[r0:r1]]  # chunk × genes
        mask = rng.random(p.shape, dtype=np.float32) < p
        rows, cols = np.nonzero(mask)
        mu = mus[cell_type[r0:r1][rows], level[r0:r1][rows], cols].astype(np.float64)
        values = 1 + rng.negative_binomial(R, R / (R + mu))
        parts_i.append(cols.astype(np.int32))
        parts_d.append(values.astype(np.float32))
        indptr[r0 + 1 : r1 + 1] = indptr[r0] + np.cumsum(mask.sum(axis=1))
        if (r0 // chunk) % 10 == 0:
            print(f"  rows {r1}/{n}, {indptr[r1] / (r1 * g):.4f} non-zero, {time.time() - started:.0f} s", flush=True)
    indices = np.concatenate(parts_i)
    del parts_i
    data = np.concatenate(parts_d)
    del parts_d
    x = sp.csr_matrix((data, indices, indptr), shape=(n, g))
    obs = pd.DataFrame(
        {"cell_type": pd.Categorical([f"type{t}" for t in cell_type], categories=[f"type{t}" for t in range(TYPES)])},
        index=[f"cell{i:06d}" for i in range(n)],
    )
    if args.atlas_obs:
        extra = np.random.default_rng(args.seed + 1)
        leiden = np.where(extra.random(n) < 0.05, extra.integers(0, TYPES, size=n), cell_type)
        obs["leiden"] = pd.Categorical([str(c) for c in leiden], categories=[str(t) for t in range(TYPES)])
        samples = [f"sample{s + 1}" for s in range(8)]
        obs["sample"] = pd.Categorical([samples[s] for s in extra.integers(0, 8, size=n)], categories=samples)
        obs["n_counts"] = np.asarray(x.sum(axis=1)).ravel().astype(np.float32)
        obs["n_genes"] = np.diff(indptr).astype(np.int32)
    var = pd.DataFrame(index=[f"GENE{j:05d}" for j in range(g)])
    adata = ad.AnnData(X=x, obs=obs, var=var)
    tmp = args.out + ".tmp"
    adata.write_h5ad(tmp)
    os.replace(tmp, args.out)

    raw = args.out[: -len(".h5ad")] + ".csr" if args.out.endswith(".h5ad") else args.out + ".csr"
    os.makedirs(raw, exist_ok=True)
    indptr.astype("<f8").tofile(os.path.join(raw, "indptr.f64"))
    indices.astype("<i4").tofile(os.path.join(raw, "indices.i32"))
    data.astype("<f4").tofile(os.path.join(raw, "data.f32"))
    with open(os.path.join(raw, "cell_type.txt"), "w") as f:
        f.write("\n".join(f"type{t}" for t in cell_type) + "\n")
    with open(os.path.join(raw, "shape.json"), "w") as f:
        json.dump({"rows": n, "cols": g, "nnz": int(indptr[-1]), "seed": args.seed}, f)
    print(
        json.dumps(
            {"cells": n, "genes": g, "nnz": int(indptr[-1]), "density": float(indptr[-1] / (n * g)),
             "seconds": round(time.time() - started, 1), "file": args.out}
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
