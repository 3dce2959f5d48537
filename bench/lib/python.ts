/** The benchmark's Python: bench/.venv, created by bench/peers/setup.sh. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';

export function venvPython(): string {
  return join(packageRoot(), 'bench', '.venv', 'bin', 'python');
}

/** Throws a message saying how to create the venv when it is missing. */
export function requireVenv(): string {
  const python = venvPython();
  if (!existsSync(python)) {
    throw new Error(
      `${python} is missing: run 'bash bench/peers/setup.sh' first (needs PyPI access, ~2 GB).`,
    );
  }
  return python;
}
