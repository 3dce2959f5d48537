"""Which classifier could feed the class-evidence step better than the engine's (issue 13 goal b)? On the
quality test's per-seed splits, candidate classifiers over the three inputs the step could read are fitted on
the training rows only and scored on the hold-out (bench/evidence-candidates.ts): the engine's choice is
logistic regression on the z-scored kept genes at C 0.01; the others change the scaling, the penalty, the
space (the 50 PCs, both), the family (an RBF SVM) or average two models' probabilities.

Usage: evidence_candidates.py PCS_PREFIX,GENES_PREFIX,UNSCALED_PREFIX...
  Each group names three prepared prefixes of one split (bench/lib/prepared.ts): the engine's default input
  (50 PCs), the z-scored kept genes, and the kept genes without z-scoring. Writes PCS_PREFIX.evidence.json,
  a map from the candidate's name to its hold-out accuracy.
"""
import json

from prefix_cli import load_prepared, run, write_json_atomic


def probabilities(pcs, genes, unscaled, y, train, holdout, classes):
    """Every candidate's hold-out class probabilities (one column per class), fitted on the training rows."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.svm import SVC

    def logreg(**kw):
        return LogisticRegression(max_iter=5000, **kw)

    def proba(model, x):
        model.fit(x[train], y[train])
        # a column per class of the table, so two models' probabilities add class by class
        full = np.zeros((len(holdout), classes))
        full[:, model.classes_] = model.predict_proba(x[holdout])
        return full

    out = {}
    for c in (0.001, 0.003, 0.01, 0.03, 0.1, 1):
        out[f"logreg genes C{c}"] = proba(logreg(C=c), genes)
        out[f"logreg unscaled genes C{c}"] = proba(logreg(C=c), unscaled)
    for c in (0.01, 0.1):
        out[f"logreg PCs C{c}"] = proba(logreg(C=c), pcs)
    gamma = 1.0 / (pcs.shape[1] * pcs[train].var())  # scikit-learn's gamma='scale'
    out["rbf svm PCs C10"] = proba(SVC(C=10, gamma=gamma, probability=True, random_state=0), pcs)
    both = np.hstack([genes, pcs])
    out["logreg genes+PCs C0.01"] = proba(logreg(C=0.01), both)
    out["logreg genes C0.01 balanced"] = proba(logreg(C=0.01, class_weight="balanced"), genes)
    engine = out["logreg genes C0.01"]
    out["mean of genes C0.01, PCs C0.1"] = (engine + out["logreg PCs C0.1"]) / 2
    out["mean of genes C0.01, rbf svm PCs"] = (engine + out["rbf svm PCs C10"]) / 2
    knn = proba(KNeighborsClassifier(15), pcs)
    out["mean of genes C0.01, kNN-15 PCs"] = (engine + knn) / 2
    out["mean of genes C0.003, C0.01, C0.03"] = (
        out["logreg genes C0.003"] + engine + out["logreg genes C0.03"]
    ) / 3
    out.update(transductive(pcs, genes, y, train, holdout, classes))
    return out


def transductive(pcs, genes, y, train, holdout, classes):
    """Candidates that also read the hold-out rows' input, unlabelled, as a table's unlabelled cells could be
    read during training: label spreading over the kNN graph of the 50 PCs, and the engine's classifier's
    probabilities averaged with those of each row's 10 nearest cells (training cells counting as their label)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import NearestNeighbors
    from sklearn.semi_supervised import LabelSpreading

    out = {}
    unlabelled = y.copy()
    unlabelled[holdout] = -1
    for k in (10, 15):
        spread = LabelSpreading(kernel="knn", n_neighbors=k, alpha=0.2, max_iter=200).fit(pcs, unlabelled)
        out[f"label spreading PCs k{k} alpha 0.2"] = np.eye(classes)[spread.transduction_[holdout]]
    model = LogisticRegression(C=0.01, max_iter=5000).fit(genes[train], y[train])
    p = np.zeros((len(y), classes))
    p[:, model.classes_] = model.predict_proba(genes)
    known = p.copy()
    known[train] = np.eye(classes)[y[train]]
    # the row itself is its own nearest neighbour: drop it
    near = NearestNeighbors(n_neighbors=11).fit(pcs).kneighbors(pcs[holdout], return_distance=False)[:, 1:]
    for a in (0.3, 0.5):
        out[f"genes C0.01 smoothed over PCs kNN-10, weight {a}"] = (1 - a) * p[holdout] + a * known[near].mean(1)
    return out


def scores_for(group):
    import numpy as np

    (pcs, meta), (genes, _), (unscaled, _) = (load_prepared(p) for p in group.split(","))
    pcs, genes, unscaled = (m.astype(np.float64) for m in (pcs, genes, unscaled))
    y = np.asarray(meta["classIndex"], dtype=np.int64)
    train = np.asarray(meta["train"], dtype=np.int64)
    holdout = np.asarray(meta["holdout"], dtype=np.int64)
    found = probabilities(pcs, genes, unscaled, y, train, holdout, len(meta["classes"]))
    return {name: float((p.argmax(1) == y[holdout]).mean()) for name, p in found.items()}


def main(groups):
    for group in groups:
        write_json_atomic(group.split(",")[0] + ".evidence.json", scores_for(group))
        print(json.dumps({"group": group, "done": True}), flush=True)
    return 0


if __name__ == "__main__":
    run(main, __doc__)
