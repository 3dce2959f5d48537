"""What other 3-D maps reach on the quality test's per-seed splits (issue 13 goal b): a supervised linear map
(LDA to 3-D, scikit-learn) and umap-learn supervised, each fitted on the training rows only; and, for scale,
what classifiers in the whole input space reach on the same hold-out (no map: a ceiling for any map).

Usage: seed_ceiling.py PREPARED_PREFIX...
  Each PREFIX.f32 + PREFIX.json is a prepared matrix and split (bench/lib/prepared.ts, written by
  bench/seed-ceiling.ts). Writes PREFIX.lda.f32 and PREFIX.umap.f32 (rows x 3 float32, input row order):
  training rows where the fit placed them, hold-out rows transformed, as run_peer.py does; and
  PREFIX.classifiers.json: hold-out accuracy of logistic regression and an RBF SVM on the input.
One process for every prefix, so numba's JIT compilation is paid once.
"""
import json
import os

from prefix_cli import load_prepared, run, write_json_atomic

DIMS = 3


def place(meta, train, train_coords, transform, x):
    import numpy as np

    coords = np.zeros((meta["rows"], DIMS), dtype="<f4")
    coords[train] = train_coords
    others = np.setdiff1d(np.arange(meta["rows"]), train)
    coords[others] = transform(x[others])
    return coords


def write(path, coords):
    tmp = path + ".tmp"
    coords.tofile(tmp)
    os.replace(tmp, path)


def write_classifiers(prefix, x, y, train, holdout):
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import SVC

    scores = {
        "logreg": LogisticRegression(C=0.1, max_iter=2000).fit(x[train], y[train]).score(x[holdout], y[holdout]),
        "svm": SVC().fit(x[train], y[train]).score(x[holdout], y[holdout]),
    }
    write_json_atomic(prefix + ".classifiers.json", scores)


def main(prefixes):
    import numpy as np
    import umap
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

    for prefix in prefixes:
        x, meta = load_prepared(prefix)
        y = np.asarray(meta["classIndex"], dtype=np.int64)
        train = np.asarray(meta["train"], dtype=np.int64)
        lda = LinearDiscriminantAnalysis(n_components=DIMS).fit(x[train], y[train])
        write(prefix + ".lda.f32", place(meta, train, lda.transform(x[train]), lda.transform, x))
        model = umap.UMAP(n_components=DIMS, random_state=meta["seed"]).fit(x[train], y[train])
        write(prefix + ".umap.f32", place(meta, train, model.embedding_, model.transform, x))
        write_classifiers(prefix, x, y, train, np.asarray(meta["holdout"], dtype=np.int64))
        print(json.dumps({"prefix": prefix, "done": True}), flush=True)
    return 0


if __name__ == "__main__":
    run(main, __doc__)
