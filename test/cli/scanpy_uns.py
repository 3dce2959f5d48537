"""A scanpy user's uns through a TripletLens result (used by h5ad-uns.test.ts when TRIPLETLENS_PYTHON names a
Python with anndata and scanpy).

usage: python scanpy_uns.py write INPUT.h5ad
         writes an AnnData as scanpy leaves it: normalised, log1p, PCA, neighbours, UMAP, a categorical
         cell_type with the user's colours, rank_genes_groups (t-test)
       python scanpy_uns.py check INPUT.h5ad RESULT.h5ad
         checks the result's uns is the input's (neighbors, colours, pca, log1p, umap, rank_genes_groups) and
         that scanpy uses it: the graph uns['neighbors'] names is in obsp, sc.tl.umap runs on it,
         sc.get.rank_genes_groups_df gives the input's table; prints one JSON line of the result's uns keys
Exits non-zero with the failed check on stderr."""
import json
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import anndata  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scanpy as sc  # noqa: E402
import scipy.sparse  # noqa: E402

COLORS = ["#aa0000", "#00aa00", "#0000aa"]


def check(condition, message):
    if not condition:
        sys.stderr.write(f"check failed: {message}\n")
        sys.exit(1)


def write(path):
    rng = np.random.default_rng(7)
    groups = np.arange(150) % 3
    means = rng.uniform(0.2, 3, (3, 40))
    adata = anndata.AnnData(rng.poisson(means[groups]).astype(np.float32))
    adata.obs_names = [f"cell{i}" for i in range(150)]
    adata.var_names = [f"G{j}" for j in range(40)]
    adata.obs["cell_type"] = pd.Categorical(np.array(["T", "B", "NK"])[groups], categories=["B", "NK", "T"])
    adata.uns["cell_type_colors"] = np.array(COLORS, dtype=object)
    sc.pp.normalize_total(adata)
    sc.pp.log1p(adata)
    sc.pp.pca(adata, n_comps=10)
    sc.pp.neighbors(adata, n_neighbors=10)
    sc.tl.umap(adata)
    sc.tl.rank_genes_groups(adata, "cell_type", method="t-test")
    adata.write_h5ad(path)


def same(a, b, where):
    """Equal as anndata reads them: dicts key by key, arrays by value, record arrays by dtype (text fields as
    variable-length str, object, as anndata writes them) and value, scalars by value (booleans come back as
    0/1: h5wasm cannot write h5py's boolean enum)."""
    if isinstance(a, dict):
        check(isinstance(b, dict) and sorted(a) == sorted(b), f"{where}: keys {sorted(b) if isinstance(b, dict) else b} not {sorted(a)}")
        for key in a:
            same(a[key], b[key], f"{where}['{key}']")
    elif isinstance(a, np.ndarray) and a.dtype.names:
        check(b.dtype == a.dtype and len(a) == len(b), f"{where}: dtype {b.dtype}, not {a.dtype}")
        for name in a.dtype.names:
            check(list(a[name]) == list(b[name]), f"{where}['{name}'] differs")
    elif isinstance(a, np.ndarray):
        check(np.array_equal(np.asarray(b), a), f"{where}: {b!r} not {a!r}")
    else:
        check(a == b, f"{where}: {b!r} not {a!r}")


def check_result(input_path, result_path):
    given = anndata.read_h5ad(input_path)
    adata = anndata.read_h5ad(result_path)
    for key in ("neighbors", "cell_type_colors", "pca", "log1p", "umap", "rank_genes_groups"):
        check(key in adata.uns, f"uns['{key}'] missing: {sorted(adata.uns)}")
        same(given.uns[key], adata.uns[key], f"uns['{key}']")
    check(list(adata.uns["cell_type_colors"]) == COLORS, f"colours {adata.uns['cell_type_colors']}")
    neighbors = adata.uns["neighbors"]
    for part in ("connectivities", "distances"):
        graph = adata.obsp[neighbors[f"{part}_key"]]
        check(scipy.sparse.issparse(graph), f"obsp['{neighbors[f'{part}_key']}'] is not sparse")
        check(np.array_equal(graph.toarray(), given.obsp[part].toarray()), f"obsp {part} differs")
    for group in ("B", "NK", "T"):
        found = sc.get.rank_genes_groups_df(adata, group=group)
        check(found.equals(sc.get.rank_genes_groups_df(given, group=group)), f"rank_genes_groups_df {group}")
    # sc.tl.umap reads uns['neighbors'] (params, connectivities_key) and its graph in obsp
    del adata.obsm["X_umap"]
    sc.tl.umap(adata)
    check(adata.obsm["X_umap"].shape == (adata.n_obs, 2), f"X_umap {adata.obsm['X_umap'].shape}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sc.pl.umap(adata, color="cell_type", show=False)
    check(list(adata.uns["cell_type_colors"]) == COLORS, "scanpy replaced the colours")
    print(json.dumps({"uns": sorted(adata.uns.keys())}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        check_result(sys.argv[2], sys.argv[3])
