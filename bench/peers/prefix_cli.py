"""What the per-prefix Python helpers of the benchmarks share (seed_ceiling.py, classifier_ceiling.py,
evidence_candidates.py): reading a prepared prefix, an atomic JSON write beside it, and the command line that
runs `main` over the prefixes given."""
import json
import os
import sys


def load_prepared(prefix):
    """PREFIX.f32 as a rows x cols float32 array, and PREFIX.json's metadata (bench/lib/prepared.ts)."""
    import numpy as np

    with open(prefix + ".json") as f:
        meta = json.load(f)
    return np.fromfile(prefix + ".f32", dtype="<f4").reshape(meta["rows"], meta["cols"]), meta


def write_json_atomic(path, value):
    """Writes `value` as JSON to `path` through a temporary file, so a reader never sees half a file."""
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(value, f)
    os.replace(tmp, path)


def run(main, doc):
    """Exits with main(prefixes), or prints `doc` and exits 2 when no prefix is given."""
    if len(sys.argv) < 2:
        print(doc, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
