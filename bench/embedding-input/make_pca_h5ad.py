"""Writes <dataset>_pca.h5ad for the bench's "An embedding as the input" section: a labelled table of
../shared/data run through scanpy's scale + pca (50 components), stored as obsm['X_pca'] with the labels in
obs['label'] — the file a scanpy user trains on with `tripletlens train FILE --input obsm:X_pca`.
Usage: bench/.venv-scanpy/bin/python bench/embedding-input/make_pca_h5ad.py OUT_DIR DATASET...
"""
import sys

import anndata as ad
import numpy as np
import pandas as pd
import scanpy as sc

out_dir, names = sys.argv[1], sys.argv[2:]
for name in names:
    df = pd.read_csv(f"{sys.path[0]}/../../../shared/data/{name}.csv")
    labels = df["label"].astype(str)
    genes = [c for c in df.columns if c != "label" and df[c].dtype != object]
    a = ad.AnnData(df[genes].to_numpy(dtype="float32"))
    sc.pp.scale(a, max_value=10)
    sc.tl.pca(a, n_comps=min(50, a.n_vars - 1, a.n_obs - 1))
    out = ad.AnnData(np.zeros((a.n_obs, 1), dtype="float32"))
    out.obs_names = [f"c{i}" for i in range(a.n_obs)]
    out.obs["label"] = pd.Categorical(labels.to_numpy())
    out.obsm["X_pca"] = a.obsm["X_pca"]
    out.write_h5ad(f"{out_dir}/{name}_pca.h5ad")
    print(name, out.obsm["X_pca"].shape)
