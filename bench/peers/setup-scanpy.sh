#!/usr/bin/env bash
# Creates bench/.venv-scanpy (gitignored) for the sparse benchmark: scanpy and anndata write the .h5ad and
# run scanpy's standard pipeline. Kept apart from bench/.venv, whose TensorFlow 2.15 pins numpy < 2.
# A Python that already has scanpy can be used instead: PYTHON=/path/to/python npm run bench -- sparse.
# Idempotent: re-running only installs what is missing. Usage: bash bench/peers/setup-scanpy.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/../.venv-scanpy"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip==24.3.1
# the versions the published figures were measured with
"$venv/bin/python" -m pip install --quiet scanpy==1.11.5 anndata==0.12.19 numpy==2.4.6 scipy==1.17.1 \
  pandas==2.3.3 h5py==3.16.0 scikit-learn==1.9.1
"$venv/bin/python" - <<'PY'
import importlib.metadata as md
for name in ["scanpy", "anndata", "numpy", "scipy"]:
    print(f"{name}=={md.version(name)}")
import scanpy, anndata  # noqa: F401  (import check)
PY
