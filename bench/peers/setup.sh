#!/usr/bin/env bash
# Creates bench/.venv (gitignored) with the Python peers the benchmark compares TripletLens against.
# Versions are pinned: TensorFlow 2.15 is the last release whose tf.keras is Keras 2, which ivis 2.0.x is
# written against; numpy stays < 2 because TensorFlow 2.15 is built against the numpy 1.x ABI.
# Idempotent: re-running only installs what is missing. Usage: bash bench/peers/setup.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/../.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip==24.3.1
"$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt"
# Fail loudly here, not in the middle of a benchmark run, when something did not install.
"$venv/bin/python" - <<'PY'
import importlib.metadata as md
for name in ["ivis", "tensorflow-cpu", "umap-learn", "scikit-learn", "numpy", "threadpoolctl"]:
    print(f"{name}=={md.version(name)}")
import ivis, umap, sklearn, threadpoolctl  # noqa: F401  (import check)
PY
