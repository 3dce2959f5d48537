"""A battery of scikit-learn classifiers on the quality test's per-seed splits (issue 13 goal b): what the
input itself supports on each split's hold-out, whatever the map (bench/classifier-ceiling.ts).

Usage: classifier_ceiling.py PREPARED_PREFIX...
  Each PREFIX.f32 + PREFIX.json is a prepared matrix and split (bench/lib/prepared.ts). Every classifier is
  fitted on the training rows only and scored on the hold-out rows; writes PREFIX.ceiling.json, a map from
  the classifier's name (with its hyper-parameters) to its hold-out accuracy.
"""
import json

from prefix_cli import load_prepared, run, write_json_atomic


def battery(seed):
    """(name, estimator) pairs: the common families over grids wide enough that one of them is near its best."""
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.neural_network import MLPClassifier
    from sklearn.svm import SVC, LinearSVC

    out = []
    for k in (1, 3, 5, 7, 10, 15, 20, 30):
        for weights in ("uniform", "distance"):
            out.append((f"knn k{k} {weights}", KNeighborsClassifier(k, weights=weights)))
        out.append((f"knn k{k} cosine", KNeighborsClassifier(k, metric="cosine")))
    for c in (0.001, 0.01, 0.1, 1, 10):
        out.append((f"logreg C{c}", LogisticRegression(C=c, max_iter=5000)))
        out.append((f"linear svm C{c}", LinearSVC(C=c, max_iter=20000)))
    for c in (0.3, 1, 3, 10, 30):
        for g in (0.3, 1, 3):
            out.append((f"rbf svm C{c} gamma {g}x scale", ("svc", c, g)))
    out.append(("lda shrinkage auto", LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto")))
    out.append(("random forest 500", RandomForestClassifier(500, random_state=seed, n_jobs=1)))
    out.append(("gradient boosting", HistGradientBoostingClassifier(random_state=seed)))
    for alpha in (1e-4, 1e-2, 1.0):
        mlp = MLPClassifier((256, 256), alpha=alpha, max_iter=500, random_state=seed)
        out.append((f"mlp 256x256 alpha {alpha}", mlp))
    return out, SVC


def scores_for(prefix):
    import numpy as np

    x, meta = load_prepared(prefix)
    x = x.astype(np.float64)
    y = np.asarray(meta["classIndex"], dtype=np.int64)
    train = np.asarray(meta["train"], dtype=np.int64)
    holdout = np.asarray(meta["holdout"], dtype=np.int64)
    estimators, svc = battery(meta["seed"])
    scale = 1.0 / (x.shape[1] * x[train].var())  # scikit-learn's gamma='scale'
    scores = {}
    for name, est in estimators:
        if isinstance(est, tuple):
            _, c, g = est
            est = svc(C=c, gamma=g * scale)
        est.fit(x[train], y[train])
        scores[name] = float(est.score(x[holdout], y[holdout]))
    return scores


def main(prefixes):
    for prefix in prefixes:
        write_json_atomic(prefix + ".ceiling.json", scores_for(prefix))
        print(json.dumps({"prefix": prefix, "done": True}), flush=True)
    return 0


if __name__ == "__main__":
    run(main, __doc__)
