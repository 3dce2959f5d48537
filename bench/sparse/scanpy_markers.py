"""The markers benchmark's peer: scanpy's rank_genes_groups(method='wilcoxon', tie_correct=True) for the first
cell type against the rest on the sparse benchmark's .h5ad (as TripletLens's markers-child.ts does it).

Usage: python scanpy_markers.py IN.h5ad
Prints one JSON line: read, normalise + log1p and rank_genes_groups seconds, and the top genes.
"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
import scanpy as sc

warnings.simplefilter("ignore")


def main() -> None:
    path = sys.argv[1]
    t0 = time.perf_counter()
    adata = sc.read_h5ad(path)
    t1 = time.perf_counter()
    sc.pp.normalize_total(adata, target_sum=1e4)
    sc.pp.log1p(adata)
    t2 = time.perf_counter()
    types = adata.obs["cell_type"].astype(str).to_numpy()
    adata.obs["side"] = pd.Categorical(np.where(types == types[0], "group", "rest"))
    sc.tl.rank_genes_groups(adata, "side", groups=["group"], reference="rest", method="wilcoxon",
                            tie_correct=True, n_genes=20)
    t3 = time.perf_counter()
    top = [str(n) for n in adata.uns["rank_genes_groups"]["names"]["group"][:3]]
    print(json.dumps({"readSeconds": t1 - t0, "normaliseSeconds": t2 - t1, "rankSeconds": t3 - t2,
                      "group": int((types == types[0]).sum()), "top": top}))


if __name__ == "__main__":
    main()
