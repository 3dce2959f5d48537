"""Fits one Python peer on the training split of a prepared matrix and transforms every cell.

Usage: run_peer.py METHOD PREPARED_PREFIX OUT_PREFIX [--seed N]
  METHOD           ivis | umap-learn | pca
  PREPARED_PREFIX  PREFIX.f32 (row-major float32, little-endian) + PREFIX.json (rows, cols, classIndex,
                   train, holdout) written by bench/compare.ts
  OUT_PREFIX       writes OUT.f32 (rows x dims float32, input row order) and prints one JSON line on
                   stdout: {"method", "dims", "fitMs", "transformMs", "params", "versions", "threads"}

The fit sees only the training rows and their labels; the hold-out rows are transformed afterwards, exactly
as a user would project new cells. Peak RSS is measured from outside (bench/lib/child.ts).
"""
import json
import os
import sys
import time

DIMS = 3


def load(prefix):
    import numpy as np

    with open(prefix + ".json") as f:
        meta = json.load(f)
    x = np.fromfile(prefix + ".f32", dtype="<f4").reshape(meta["rows"], meta["cols"])
    y = np.asarray(meta["classIndex"], dtype=np.int64)
    return x, y, np.asarray(meta["train"], dtype=np.int64), meta


def fit_ivis(x_train, y_train, seed):
    import numpy as np
    import tensorflow as tf
    from ivis import Ivis

    np.random.seed(seed)
    tf.random.set_seed(seed)
    # ivis's default k is 150; a k beyond the training set is meaningless (golub has 30 training cells).
    params = {"embedding_dims": DIMS, "k": int(min(150, len(x_train) - 1)), "verbose": 0}
    model = Ivis(**params)
    model.fit(x_train, y_train)
    return model.transform, params


def fit_umap(x_train, y_train, seed):
    import umap

    params = {"n_components": DIMS, "random_state": seed}
    if len(x_train) <= 15:
        params["n_neighbors"] = len(x_train) - 1
    model = umap.UMAP(**params)
    model.fit(x_train, y_train)
    return model.transform, params


def fit_pca(x_train, _y_train, seed):
    from sklearn.decomposition import PCA

    params = {"n_components": DIMS, "random_state": seed}
    model = PCA(**params).fit(x_train)
    return model.transform, params


METHODS = {"ivis": fit_ivis, "umap-learn": fit_umap, "pca": fit_pca}


def versions():
    import importlib.metadata as md

    out = {}
    for name in ["ivis", "tensorflow-cpu", "umap-learn", "scikit-learn", "numpy"]:
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            out[name] = "absent"
    return out


def main(argv):
    if len(argv) < 3 or argv[0] not in METHODS:
        print(__doc__, file=sys.stderr)
        return 2
    method, prefix, out = argv[0], argv[1], argv[2]
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    import numpy as np
    from threadpoolctl import threadpool_info

    x, y, train, meta = load(prefix)
    start = time.perf_counter()
    transform, params = METHODS[method](x[train], y[train], seed)
    fit_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    coords = np.asarray(transform(x), dtype="<f4")
    transform_ms = (time.perf_counter() - start) * 1000
    if coords.shape != (meta["rows"], DIMS) or not np.all(np.isfinite(coords)):
        print(f"{method}: bad output shape {coords.shape} or non-finite values", file=sys.stderr)
        return 1
    tmp = out + ".f32.tmp"
    coords.tofile(tmp)
    os.replace(tmp, out + ".f32")
    print(
        json.dumps(
            {
                "method": method,
                "dims": DIMS,
                "fitMs": fit_ms,
                "transformMs": transform_ms,
                "params": params,
                "versions": versions(),
                "threads": [
                    {"api": p["internal_api"], "threads": p["num_threads"], "arch": p.get("architecture")}
                    for p in threadpool_info()
                ],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
