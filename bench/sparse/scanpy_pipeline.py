"""scanpy's standard preprocessing of one .h5ad, timed step by step (the sparse benchmark's peer).

Usage: python scanpy_pipeline.py FILE.h5ad [--rows N] [--svd-solver NAME]

read_h5ad → normalize_total(target_sum=1e4) → log1p → highly_variable_genes(n_top_genes=2000) → keep the
highly variable genes (adata[:, hvg].copy(), as the scanpy tutorials do before scaling: scale would
otherwise densify all genes) → scale(max_value=10) → pca(n_comps=50). target_sum is TripletLens's default
(scanpy's own default is the median library size). --rows keeps the first N cells right after reading;
--svd-solver is passed to pca (default: scanpy's, ARPACK for a dense matrix).
Prints one JSON line: per-step wall seconds, the process's CPU seconds and peak RSS by the end.
"""
import argparse
import json
import resource
import time

t_start = time.perf_counter()
import scanpy as sc  # noqa: E402  (import time is reported separately)

import_s = time.perf_counter() - t_start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--rows", type=int, default=0)
    parser.add_argument("--svd-solver", default=None)
    args = parser.parse_args()
    steps = {}
    t = time.perf_counter()

    def step(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        steps[name] = round(now - t, 3)
        t = now

    adata = sc.read_h5ad(args.file)
    if args.rows:
        adata = adata[: args.rows].copy()
    step("read_h5ad")
    sc.pp.normalize_total(adata, target_sum=1e4)
    step("normalize_total")
    sc.pp.log1p(adata)
    step("log1p")
    sc.pp.highly_variable_genes(adata, n_top_genes=2000)
    step("highly_variable_genes")
    adata = adata[:, adata.var.highly_variable].copy()
    step("subset_hvg")
    sc.pp.scale(adata, max_value=10)
    step("scale")
    sc.pp.pca(adata, n_comps=50, svd_solver=args.svd_solver)
    step("pca")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    ratio = adata.uns["pca"]["variance_ratio"]
    print(
        json.dumps(
            {
                "cells": int(adata.n_obs),
                "genes": int(adata.n_vars),
                "pcs": int(adata.obsm["X_pca"].shape[1]),
                "varianceCaptured": float(ratio.sum()),
                "importSeconds": round(import_s, 3),
                "steps": steps,
                "pipelineSeconds": round(sum(steps.values()), 3),
                "cpuSeconds": round(usage.ru_utime + usage.ru_stime, 3),
                "peakRssMb": round(usage.ru_maxrss / 1024, 1),
                "versions": {"scanpy": sc.__version__, "anndata": __import__("anndata").__version__},
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
