"""Writes the label-column benchmark's atlas: N cells x 20 genes (float32 CSR, 20 % stored) with 40 obs columns
of the kinds an atlas h5ad holds — 14 categoricals (cell_type, leiden, sample, donor_id, phase, …), 12 float QC
metrics (n_counts, pct_counts_mt, S_score, doublet_score, …), 8 integer counts, 4 strings (a unique barcode;
anndata stores the few-valued ones as categoricals) and 2 booleans — the columns bench/label-columns.ts builds
in memory.

Usage: python make_obs_atlas.py OUT.h5ad [N]   (N defaults to 1 000 000)
"""
import sys, time
import anndata as ad, numpy as np, pandas as pd, scipy.sparse as sp
out = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
g = 20
rng = np.random.default_rng(0)
t0 = time.time()
X = sp.random(n, g, density=0.2, format='csr', dtype=np.float32, random_state=0)
X.data = np.ceil(X.data * 10).astype(np.float32)
def cat(prefix, k, p=None):
    names = [f"{prefix}{i}" for i in range(k)]
    return pd.Categorical.from_codes(rng.choice(k, n, p=p), categories=names)
obs = {}
types = rng.integers(0, 30, n)
obs['cell_type'] = pd.Categorical.from_codes(types, categories=[f"type {i}" for i in range(30)])
obs['leiden'] = pd.Categorical.from_codes(rng.integers(0, 40, n), categories=[str(i) for i in range(40)])
obs['louvain'] = pd.Categorical.from_codes(rng.integers(0, 25, n), categories=[str(i) for i in range(25)])
obs['sample'] = cat('sample_', 16)
obs['donor_id'] = cat('donor', 8)
obs['batch'] = cat('b', 4)
obs['phase'] = pd.Categorical.from_codes(rng.integers(0, 3, n), categories=['G1', 'S', 'G2M'])
obs['sex'] = pd.Categorical.from_codes(rng.integers(0, 2, n), categories=['female', 'male'])
obs['tissue'] = cat('tissue ', 6)
obs['assay'] = cat("10x 3' v", 2)
obs['disease'] = cat('disease ', 3)
obs['development_stage'] = cat('stage ', 12)
obs['cell_type_ontology_term_id'] = pd.Categorical.from_codes(types, categories=[f"CL:{i:07d}" for i in range(30)])
obs['self_reported_ethnicity'] = cat('ethnicity ', 5)
depth = rng.lognormal(8, 0.6, n)
obs['n_counts'] = depth.astype(np.float32)
obs['total_counts'] = depth.astype(np.float32)
obs['log1p_total_counts'] = np.log1p(depth)
obs['pct_counts_mt'] = (rng.random(n) * 20).astype(np.float32)
obs['pct_counts_ribo'] = (rng.random(n) * 40).astype(np.float32)
obs['pct_counts_in_top_50_genes'] = (rng.random(n) * 60 + 10)
obs['S_score'] = rng.normal(0, 0.2, n).astype(np.float32)
obs['G2M_score'] = rng.normal(0, 0.2, n).astype(np.float32)
obs['doublet_score'] = rng.beta(1, 20, n)
obs['size_factors'] = (depth / depth.mean()).astype(np.float32)
obs['log1p_n_genes_by_counts'] = np.log1p(rng.integers(200, 6000, n)).astype(np.float32)
obs['total_counts_mt'] = (depth * rng.random(n) * 0.1).astype(np.float32)
obs['n_genes'] = rng.integers(200, 6000, n).astype(np.int64)
obs['n_genes_by_counts'] = rng.integers(200, 6000, n).astype(np.int32)
obs['total_counts_int'] = depth.astype(np.int64)
obs['n_counts_umi'] = (depth * 1.1).astype(np.int64)
obs['total_counts_ribo'] = (depth * 0.3).astype(np.int32)
obs['lane'] = rng.integers(1, 9, n).astype(np.int64)
obs['age'] = rng.integers(20, 81, n).astype(np.int64)
obs['n_cells_in_sample'] = rng.integers(1000, 90000, n).astype(np.int64)
bc = np.array([f"{i:012d}-1" for i in range(n)], dtype=object)
obs['barcode_orig'] = bc
obs['author_cell_type'] = np.array([f"author type {i % 40}" for i in range(n)], dtype=object)
notes = np.array(['' if i % 7 else 'flagged' for i in range(n)], dtype=object)
obs['notes'] = notes
obs['sample_uuid'] = np.array([f"uuid-{i % 16:04d}" for i in range(n)], dtype=object)
obs['predicted_doublet'] = rng.random(n) < 0.05
obs['is_primary_data'] = np.ones(n, dtype=bool)
df = pd.DataFrame(obs, index=[f"cell{i}" for i in range(n)])
assert df.shape[1] == 40, df.shape
a = ad.AnnData(X=X, obs=df, var=pd.DataFrame(index=[f"gene{j}" for j in range(g)]))
a.write_h5ad(out)
print('wrote', out, a.shape, round(time.time() - t0, 1), 's')
print(df.dtypes.value_counts().to_dict())
