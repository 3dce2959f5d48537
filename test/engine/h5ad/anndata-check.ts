/**
 * Checks an h5ad result with Python's anndata and scanpy (check_h5ad_result.py) when TRIPLETLENS_PYTHON
 * names such a Python (CI sets it to the venv scripts/setup-python-check makes). Without it the tests that
 * use this are skipped with `ANNDATA_SKIP_REASON`, never silently passed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Python to check with, or undefined. */
export const CHECK_PYTHON = process.env.TRIPLETLENS_PYTHON || undefined;

/** Why the anndata checks are skipped (false when they run). */
export const ANNDATA_SKIP_REASON: string | false = CHECK_PYTHON
  ? false
  : 'TRIPLETLENS_PYTHON is not set: run scripts/setup-python-check and set TRIPLETLENS_PYTHON to the Python it prints to open the result with anndata/scanpy';

/** What check_h5ad_result.py expects of the file. */
export interface AnndataExpectation {
  n_obs: number;
  n_vars: number;
  dims: number;
  obs_columns: string[];
  color_by: string;
  /** The exact uns['<color_by>_colors'] after scanpy plotted it (null: any valid list). */
  colors: string[] | null;
  sparse: boolean;
  /** An h5ad whose X, var_names and var the result must hold. Default: not checked. */
  genes_of?: string;
  /** Exactly these obsm keys. Default: not checked. */
  obsm?: string[];
  /** An h5ad whose layers and raw the result must hold (keys, sparse type, values). Default: not checked. */
  elements_of?: string;
  /** The obsm entries that must equal `elements_of`'s (values and dtype). Default none. */
  obsm_of?: string[];
  /** The obsp entries that must equal `elements_of`'s (sparse type, values and dtype). Default none. */
  obsp_of?: string[];
  /** The varm entries that must equal `elements_of`'s (values and dtype). Default none. */
  varm_of?: string[];
  /**
   * A result of the run's own genes: it must hold no layers and no varm (not `elements_of`'s). Default
   * false.
   */
  genes_run?: boolean;
}

/** What the script found (it exits non-zero on a failed check, which fails the assertion here). */
export interface AnndataFindings {
  obs: Record<string, string>;
  categories: string[];
  colors: string[];
  report_keys: string[];
}

/** Runs the check; asserts it passed and returns its findings. */
export function checkWithAnndata(path: string, expect: AnndataExpectation): AnndataFindings {
  assert.ok(CHECK_PYTHON, 'checkWithAnndata needs TRIPLETLENS_PYTHON');
  const script = join(dirname(fileURLToPath(import.meta.url)), 'check_h5ad_result.py');
  const run = spawnSync(CHECK_PYTHON, [script, path, JSON.stringify(expect)], {
    encoding: 'utf8',
    env: { ...process.env, MPLBACKEND: 'Agg', PYTHONWARNINGS: 'ignore::FutureWarning' },
  });
  assert.equal(run.status, 0, `anndata check of ${path} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as AnndataFindings;
}
