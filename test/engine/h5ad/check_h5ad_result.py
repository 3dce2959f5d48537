"""Opens a TripletLens .h5ad result as a scanpy user would and checks it (used through anndata-check.ts by
the h5ad tests when TRIPLETLENS_PYTHON names a Python with anndata and scanpy; scripts/setup-python-check makes one).

usage: python check_h5ad_result.py RESULT.h5ad EXPECT_JSON
EXPECT_JSON: {"n_obs", "n_vars", "dims", "obs_columns": [...], "color_by": COLUMN,
              "colors": [...] or null, "sparse": bool,
              optional "genes_of": INPUT.h5ad (X, var_names and var equal to that file's),
              optional "obsm": [...] (exactly these obsm keys),
              optional "elements_of": INPUT.h5ad (layers and raw equal to that file's: keys, types, values,
              raw.var_names, raw.var and raw.varm) with "obsm_of", "obsp_of", "varm_of": [...] (these entries equal to
              that file's) and "genes_run": true (a result of the run's own genes: no layers, no varm)}
Prints one JSON line with what was found; exits non-zero with the failed check on stderr."""
import json
import sys
from importlib.metadata import version
import tempfile
import warnings

import matplotlib

matplotlib.use("Agg")

import anndata  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scanpy as sc  # noqa: E402
import scipy.sparse  # noqa: E402


def check(condition, message):
    if not condition:
        sys.stderr.write(f"check failed: {message}\n")
        sys.exit(1)


def same_matrix(a, b):
    """Same type (sparse format or dense) and values; float16 in the input is float32 in the result."""
    dense = lambda m: m.toarray() if scipy.sparse.issparse(m) else np.asarray(m)  # noqa: E731
    return type(a) is type(b) and a.shape == b.shape and np.array_equal(dense(a), dense(b))


def check_elements(adata, source, expect):
    """The result's layers and raw are the input's (a result of the run's own genes, "genes_run": raw, but no
    layers or varm), and the obsm, obsp and varm entries listed in "obsm_of", "obsp_of", "varm_of" too."""
    if expect.get("genes_run"):
        check(len(adata.layers) == 0, f"layers {list(adata.layers.keys())} in a result of the run's genes")
        check(len(adata.varm) == 0, f"varm {list(adata.varm.keys())} in a result of the run's genes")
    else:
        check(sorted(adata.layers.keys()) == sorted(source.layers.keys()), f"layers {list(adata.layers.keys())}")
        for key in source.layers.keys():
            check(same_matrix(adata.layers[key], source.layers[key]), f"layers['{key}'] differs from the input's")
    check((adata.raw is None) == (source.raw is None), f"raw is {adata.raw}, the input's {source.raw}")
    if source.raw is not None:
        check(same_matrix(adata.raw.X, source.raw.X), "raw.X differs from the input's")
        check(list(adata.raw.var_names) == list(source.raw.var_names), "raw.var_names differ from the input's")
        check(adata.raw.var.astype(str).equals(source.raw.var.astype(str)), "raw.var differs from the input's")
        check(sorted(adata.raw.varm.keys()) == sorted(source.raw.varm.keys()), f"raw.varm {list(adata.raw.varm.keys())}")
        for key in source.raw.varm.keys():
            found, given = adata.raw.varm[key], source.raw.varm[key]
            check(same_matrix(found, given), f"raw.varm['{key}'] differs from the input's")
            check(found.dtype == given.dtype, f"raw.varm['{key}'] dtype {found.dtype}, the input's {given.dtype}")
    for group in ("obsm", "obsp", "varm"):
        for key in expect.get(f"{group}_of", []):
            found, given = getattr(adata, group)[key], getattr(source, group)[key]
            check(same_matrix(found, given), f"{group}['{key}'] differs from the input's")
            check(found.dtype == given.dtype, f"{group}['{key}'] dtype {found.dtype}, the input's {given.dtype}")


def main(path, expect):
    with warnings.catch_warnings():
        # anndata warns about anything it had to repair or guess in a file: a clean file raises none
        warnings.simplefilter("error")
        adata = anndata.read_h5ad(path)
    check(adata.n_obs == expect["n_obs"], f"n_obs {adata.n_obs} != {expect['n_obs']}")
    check(adata.n_vars == expect["n_vars"], f"n_vars {adata.n_vars} != {expect['n_vars']}")
    check(adata.obs_names.is_unique, "obs names are not unique")
    check(adata.var_names.is_unique, "var names are not unique")
    for column in expect["obs_columns"]:
        check(column in adata.obs.columns, f"obs lacks {column}")
    check(scipy.sparse.issparse(adata.X) == expect["sparse"], f"X sparse is {scipy.sparse.issparse(adata.X)}")
    check(adata.X.dtype == np.float32, f"X dtype {adata.X.dtype}")
    emb = adata.obsm["X_tripletlens"]
    check(emb.dtype == np.float32, f"X_tripletlens dtype {emb.dtype}")
    check(emb.shape == (adata.n_obs, expect["dims"]), f"X_tripletlens shape {emb.shape}")
    check(np.isfinite(emb).all(), "X_tripletlens has non-finite values")
    if expect.get("genes_of"):
        source = anndata.read_h5ad(expect["genes_of"])
        check(list(adata.var_names) == list(source.var_names), "var_names differ from the input's")
        check(adata.var.astype(str).equals(source.var.astype(str)), "var differs from the input's")
        check(type(adata.X) is type(source.X), f"X is {type(adata.X).__name__}, the input's {type(source.X).__name__}")
        dense = (lambda m: m.toarray() if scipy.sparse.issparse(m) else m)
        check(np.array_equal(dense(adata.X), dense(source.X)), "X differs from the input's")
    if expect.get("elements_of"):
        check_elements(adata, anndata.read_h5ad(expect["elements_of"]), expect)
    if expect.get("obsm") is not None:
        check(sorted(adata.obsm.keys()) == sorted(expect["obsm"]), f"obsm keys {list(adata.obsm.keys())}")
    report = json.loads(adata.uns["tripletlens"])
    check(report["tool"]["name"] == "tripletlens", "uns['tripletlens'] is not the run report")
    column = expect["color_by"]
    check(isinstance(adata.obs[column].dtype, pd.CategoricalDtype), f"obs[{column}] is not categorical")
    # what a scanpy user does next: plot the embedding coloured by the label (cellxgene reads the same keys)
    with tempfile.TemporaryDirectory() as tmp:
        sc.settings.figdir = tmp
        sc.pl.embedding(adata, basis="X_tripletlens", color=column, show=False, save=".png")
    colors = list(adata.uns.get(f"{column}_colors", []))
    check(len(colors) == len(adata.obs[column].cat.categories), "colour count != category count")
    if expect.get("colors") is not None:
        check(colors == expect["colors"], f"scanpy replaced the file's colours: {colors}")
    print(
        json.dumps(
            {
                "obs": {c: str(t) for c, t in adata.obs.dtypes.items()},
                "categories": list(map(str, adata.obs[column].cat.categories)),
                "colors": colors,
                "report_keys": sorted(report.keys()),
                "anndata": version("anndata"),
                "scanpy": version("scanpy"),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], json.loads(sys.argv[2]))
