"""What the per-prefix Python helpers of the benchmarks share (seed_ceiling.py, classifier_ceiling.py): an
atomic JSON write beside a prepared prefix, and the command line that runs `main` over the prefixes given."""
import json
import os
import sys


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
