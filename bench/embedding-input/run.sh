#!/usr/bin/env bash
# "An embedding as the input" (bench/README.md): trains on each dataset's X_pca with and without z-scoring,
# seeds 0-3, and prints held-out kNN-5, PCA-3D's kNN-5, trustworthiness and silhouette from each run report.
# Usage: bash bench/embedding-input/run.sh   (needs bench/.venv-scanpy: bash bench/peers/setup-scanpy.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cli="$here/../../bin/tripletlens.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
datasets=(pbmc68k_reduced_lognorm tissue_gene_expression sklearn_digits)
"$here/../.venv-scanpy/bin/python" "$here/make_pca_h5ad.py" "$work" "${datasets[@]}"
for d in "${datasets[@]}"; do
  for scaling in --zscore --no-zscore; do
    for seed in 0 1 2 3; do
      node "$cli" train "$work/${d}_pca.h5ad" --input obsm:X_pca --label label --seed "$seed" "$scaling" \
        --out "$work/o.csv" --report "$work/r.json" --quiet
      node -e "const m=require('$work/r.json').metrics;console.log(['$d','$scaling',$seed,m.knn_holdout,m.knn_holdout_pca,m.trustworthiness,m.silhouette].join(' '))"
    done
  done
done
