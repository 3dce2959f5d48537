# By hand, for bench/walk-100k.ts: 100 000 cells x 2 000 genes resampled from pbmc68k_reduced_counts (Poisson
# noise on each source cell's counts at a log-normal library size; 1 235 extra genes mixed from two real ones),
# as an h5ad (CSR X, categorical obs), a 5 000-cell query h5ad, a Cell Ranger v3 folder and its metadata CSV.
# Run with the venv of scripts/setup-python-check: python bench/sparse/make_walk_100k.py [OUT_DIR]
import sys
import numpy as np, pandas as pd, scipy.sparse as sp, anndata as ad, gzip, os, scipy.io
OUT = sys.argv[1] if len(sys.argv) > 1 else '/tmp/walk100k'
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(7)
df = pd.read_csv(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data', 'pbmc68k_reduced_counts.csv'))
meta = df.iloc[:, :4]; genes = list(df.columns[4:]); M = df.iloc[:, 4:].to_numpy(np.float32)
N, G_extra = 100_000, 2000 - len(genes)
src = rng.integers(0, len(df), N)
lib = rng.lognormal(0, 0.3, N).astype(np.float32)
# extra genes: each a noisy mixture of 1-3 real genes' profiles at a lower level, so they carry a bit of signal
mix = rng.integers(0, len(genes), (G_extra, 2))
w = rng.uniform(0.05, 0.4, (G_extra, 1)).astype(np.float32)
blocks = []
B = 10_000
for s in range(0, N, B):
    idx = src[s:s+B]
    base = M[idx] * lib[s:s+B, None]
    extra = (M[idx][:, mix[:, 0]] + M[idx][:, mix[:, 1]]) * w.T * lib[s:s+B, None] + 0.02
    lam = np.concatenate([base, extra], axis=1)
    blocks.append(sp.csr_matrix(rng.poisson(lam).astype(np.float32)))
X = sp.vstack(blocks).tocsr()
extra_names = [f"SYN{i:04d}" for i in range(G_extra)]
var_names = genes + extra_names
obs = pd.DataFrame({
  'cell_type': pd.Categorical(meta['label'].to_numpy()[src]),
  'louvain': pd.Categorical(meta['louvain'].to_numpy()[src]),
  'phase': pd.Categorical(meta['phase'].to_numpy()[src]),
  'n_counts': np.asarray(X.sum(1)).ravel().astype(np.float32),
}, index=[f"CELL{i:06d}-1" for i in range(N)])
a = ad.AnnData(X=X, obs=obs, var=pd.DataFrame({'gene_ids': [f"ENSG{i:011d}" for i in range(len(var_names))]}, index=var_names))
a.write_h5ad(OUT + '/atlas100k.h5ad')
print('nnz', X.nnz, 'density', X.nnz / (N * len(var_names)))
# a smaller file to project (5000 new cells, same genes)
sub = a[rng.choice(N, 5000, replace=False)].copy(); sub.obs_names = [f"NEW{i:05d}-1" for i in range(5000)]
sub.write_h5ad(OUT + '/query5k.h5ad')
# 10x folder (v3) + metadata csv
d = OUT + '/tenx100k/filtered_feature_bc_matrix'; os.makedirs(d, exist_ok=True)
with gzip.open(d + '/matrix.mtx.gz', 'wb', compresslevel=3) as f:
    scipy.io.mmwrite(f, sp.csc_matrix(X.T).astype(np.int32), field='integer')
with gzip.open(d + '/barcodes.tsv.gz', 'wt') as f:
    f.write('\n'.join(obs.index) + '\n')
with gzip.open(d + '/features.tsv.gz', 'wt') as f:
    for gid, g in zip(a.var['gene_ids'], var_names): f.write(f"{gid}\t{g}\tGene Expression\n")
obs[['cell_type', 'louvain', 'phase']].to_csv(OUT + '/tenx100k_meta.csv', index_label='barcode')
