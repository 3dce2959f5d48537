"""Where a map and the class-evidence step's classifier part ways on unseen cells (issue 13 goal b;
bench/map-vs-evidence.ts). The classifier is refitted as the engine fits it: multinomial logistic regression
(L2, C 0.01) on the training cells' z-scored kept genes. Each map's held-out predictions are its kNN-5 votes
among the training cells' map coordinates, with the engine's tie rule (src/evaluate/knn.ts: a tied vote goes
to the class of the nearest neighbour among the tied ones; equal distances to the lower row).

Usage: map_vs_evidence.py GENES_PREFIX MAP_FILE...
  GENES_PREFIX: a prepared prefix of the split's z-scored kept genes (bench/lib/prepared.ts).
  MAP_FILE: a map's coordinates, raw float32, one row per cell of GENES_PREFIX (its width follows from the size).
Writes GENES_PREFIX.comparison.json: one entry per map, the loss pairs summed over the maps, and the kNN-5 vote
in the classifier's own outputs (no map).
"""
import sys

from prefix_cli import load_prepared, write_json_atomic

K = 5


def knn_predict(coords, y, train, holdout):
    """The engine's held-out kNN-5 prediction of every held-out row (train rows ascending, as the engine has)."""
    import numpy as np

    out = np.empty(len(holdout), dtype=np.int64)
    ref = coords[train]
    for q, row in enumerate(holdout):
        d = ((ref - coords[row]) ** 2).sum(1)
        nearest = np.argsort(d, kind="stable")[:K]
        votes = {}
        for n in nearest:
            votes[y[train[n]]] = votes.get(y[train[n]], 0) + 1
        top = max(votes.values())
        # the nearest neighbour whose class has the top vote decides a tie
        out[q] = next(y[train[n]] for n in nearest if votes[y[train[n]]] == top)
    return out


def compare(genes, meta, maps):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    y = np.asarray(meta["classIndex"], dtype=np.int64)
    train = np.asarray(meta["train"], dtype=np.int64)
    holdout = np.asarray(meta["holdout"], dtype=np.int64)
    classes = meta["classes"]
    x = genes.astype(np.float64)
    model = LogisticRegression(C=0.01, max_iter=5000).fit(x[train], y[train])
    proba = np.zeros((len(holdout), len(classes)))
    proba[:, model.classes_] = model.predict_proba(x[holdout])
    order = np.argsort(-proba, axis=1, kind="stable")
    said = order[:, 0]
    gap = proba[np.arange(len(holdout)), order[:, 0]] - proba[np.arange(len(holdout)), order[:, 1]]
    truth = y[holdout]
    entries = []
    pairs = {}
    for coords in maps:
        map_said = knn_predict(coords, y, train, holdout)
        differ = map_said != said
        lost = differ & (said == truth)
        won = differ & (map_said == truth)
        rank = np.array([int(np.where(order[i] == map_said[i])[0][0]) + 1 for i in range(len(holdout))])
        for i in np.where(lost)[0]:
            key = f"{classes[truth[i]]} → {classes[map_said[i]]}"
            pairs[key] = pairs.get(key, 0) + 1
        entries.append(
            {
                "mapCorrect": int((map_said == truth).sum()),
                "classifierCorrect": int((said == truth).sum()),
                "holdout": len(holdout),
                "agree": int((~differ).sum()),
                "mapRightClassifierWrong": int(won.sum()),
                "classifierRightMapWrong": int(lost.sum()),
                "lostToSecondChoice": int((lost & (rank == 2)).sum()),
                "lostToLowerChoice": int((lost & (rank > 2)).sum()),
                "medianGapWhereTheyDiffer": float(np.median(gap[differ])) if differ.any() else None,
                "medianGapWhereTheyAgree": float(np.median(gap[~differ])) if (~differ).any() else None,
            }
        )
    return {
        "maps": entries,
        "lossPairs": dict(sorted(pairs.items(), key=lambda kv: -kv[1])),
        "evidenceKnn": evidence_knn(model, x, y, train, holdout),
    }


def evidence_knn(model, x, y, train, holdout):
    """Held-out cells right by the same kNN-5 vote in the classifier's own outputs, without a map: its centred
    logits (what the engine appends, up to a factor) and its log-probabilities (the same minus each cell's
    log-sum-exp, which separates a near tie from a sure call). `x`: every cell's genes, float64."""
    logits = model.decision_function(x)
    centred = logits - logits.mean(1, keepdims=True)
    log_proba = model.predict_log_proba(x)
    truth = y[holdout]
    return {
        name: int((knn_predict(space, y, train, holdout) == truth).sum())
        for name, space in (("centredLogits", centred), ("logProbabilities", log_proba))
    }


def main(args):
    import numpy as np

    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    prefix, files = args[0], args[1:]
    genes, meta = load_prepared(prefix)
    maps = []
    for path in files:
        values = np.fromfile(path, dtype="<f4")
        if values.size == 0 or values.size % meta["rows"]:
            print(f"{path}: {values.size} values are not {meta['rows']} rows of coordinates", file=sys.stderr)
            return 1
        maps.append(values.reshape(meta["rows"], -1).astype(np.float64))
    write_json_atomic(prefix + ".comparison.json", compare(genes, meta, maps))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
