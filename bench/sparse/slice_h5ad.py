"""Writes the first N cells of an .h5ad as a new .h5ad (anndata; the sparse benchmark's slice).

Usage: python slice_h5ad.py IN.h5ad OUT.h5ad N
"""
import os
import sys

import anndata as ad


def main() -> None:
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    adata = ad.read_h5ad(src, backed="r")
    part = adata[:n].to_memory()
    tmp = out + ".tmp"
    part.write_h5ad(tmp)
    os.replace(tmp, out)
    print(f'{{"cells": {part.n_obs}, "genes": {part.n_vars}, "file": "{out}"}}', flush=True)


if __name__ == "__main__":
    main()
