"""Fits one Python peer on the training split of a prepared matrix and places every cell.

Usage: run_peer.py METHOD PREPARED_PREFIX OUT_PREFIX [--seed N]
  METHOD           ivis | umap-learn | pca
  PREPARED_PREFIX  PREFIX.f32 (row-major float32, little-endian) + PREFIX.json (rows, cols, classIndex,
                   train, holdout) written by bench/compare.ts
  OUT_PREFIX       writes OUT.f32 (rows x dims float32, input row order) and prints one JSON line on
                   stdout: {"method", "dims", "fitMs", "fitCpuMs", "transformMs", "warmupMs", "params", "versions", "threads"}
                   (warmupMs: imports, and for umap-learn numba's JIT compilation, timed apart)

The fit sees only the training rows and their labels; the hold-out rows are transformed afterwards, exactly
as a user would project new cells. Training rows keep the positions the fit gave them where the method has
them (umap-learn's embedding_, as its documentation evaluates it); ivis and PCA map every row through the
fitted model, which for them is the same thing. Peak RSS is measured from outside (bench/lib/child.ts).
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


def load_ivis():
    import tensorflow  # noqa: F401  (imported before the timer: start-up is not fitting)
    import ivis  # noqa: F401


def fit_ivis(x_train, y_train, seed):
    import numpy as np
    import tensorflow as tf
    from ivis import Ivis

    np.random.seed(seed)
    tf.random.set_seed(seed)
    # ivis's defaults are k=150 and batch_size=128; neither may exceed the training set (golub has 30 cells).
    n = len(x_train)
    params = {"embedding_dims": DIMS, "k": int(min(150, n - 1)), "batch_size": int(min(128, n)), "verbose": 0}
    model = Ivis(**params)
    model.fit(x_train, y_train)
    return model.transform, params, None


def load_umap():
    """Imports umap-learn and runs one tiny supervised fit + transform, so that numba's one-off JIT
    compilation (tens of seconds, paid once per process) is timed apart from the fit itself."""
    import numpy as np
    import umap

    rng = np.random.default_rng(0)
    x = rng.standard_normal((300, 10)).astype(np.float32)
    y = rng.integers(0, 3, 300)
    umap.UMAP(n_components=DIMS, random_state=0).fit(x, y).transform(x[:20])


def fit_umap(x_train, y_train, seed):
    import umap

    params = {"n_components": DIMS, "random_state": seed}
    if len(x_train) <= 15:
        params["n_neighbors"] = len(x_train) - 1
    model = umap.UMAP(**params)
    model.fit(x_train, y_train)
    return model.transform, params, model.embedding_


def load_pca():
    import sklearn.decomposition  # noqa: F401


def fit_pca(x_train, _y_train, seed):
    from sklearn.decomposition import PCA

    params = {"n_components": DIMS, "random_state": seed}
    model = PCA(**params).fit(x_train)
    return model.transform, params, None


METHODS = {"ivis": (load_ivis, fit_ivis), "umap-learn": (load_umap, fit_umap), "pca": (load_pca, fit_pca)}


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
    load_method, fit = METHODS[method]
    start = time.perf_counter()
    load_method()
    warmup_ms = (time.perf_counter() - start) * 1000
    start, cpu_start = time.perf_counter(), time.process_time()
    transform, params, train_embedding = fit(x[train], y[train], seed)
    fit_ms = (time.perf_counter() - start) * 1000
    # CPU seconds of every thread in the process: less sensitive to other work on the machine than wall time
    fit_cpu_ms = (time.process_time() - cpu_start) * 1000
    start = time.perf_counter()
    if train_embedding is None:
        coords = np.asarray(transform(x), dtype="<f4")
    else:
        coords = np.zeros((meta["rows"], DIMS), dtype="<f4")
        coords[train] = train_embedding
        others = np.setdiff1d(np.arange(meta["rows"]), train)
        coords[others] = transform(x[others])
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
                "fitCpuMs": fit_cpu_ms,
                "transformMs": transform_ms,
                "warmupMs": warmup_ms,
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
