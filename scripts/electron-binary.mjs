// Where the Electron binary is (node_modules/electron/path.txt names it inside node_modules/electron/dist,
// or ELECTRON_OVERRIDE_DIST_PATH points elsewhere), and a one-shot attempt to download it. Shared by
// scripts/start-desktop.mjs, scripts/dist.mjs and the Playwright smoke test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} root the package root */
export function electronBinary(root) {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) {
    return { ok: false, path: pkg, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(pkg, 'dist', relative)
      : join(pkg, 'dist', process.platform === 'win32' ? 'electron.exe' : 'electron');
  if (existsSync(path)) return { ok: true, path, reason: '' };
  return { ok: false, path, reason: `no binary at ${path}` };
}

/**
 * Runs electron's own installer (node_modules/electron/install.js) once, with a timeout; npm's allowScripts
 * keeps it from running at install time. Returns the binary afterwards, with the installer's last error
 * line as the reason when it still is not there.
 * @param {string} root @param {number} timeoutMs
 */
export function tryDownloadElectron(root, timeoutMs = 120_000) {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return electronBinary(root);
  const run = spawnSync(process.execPath, [installer], {
    cwd: join(root, 'node_modules', 'electron'),
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, force_no_cache: 'true' },
  });
  const after = electronBinary(root);
  if (after.ok) return after;
  const output = `${run.stderr ?? ''}\n${run.stdout ?? ''}`;
  // the first error line, not the stack frames under it (e.g. "RequestError: getaddrinfo ENOTFOUND github.com")
  const firstError =
    output
      .split('\n')
      .map((l) => l.trim())
      .filter(
        (l) => !l.startsWith('at ') && /error|fail|ENOTFOUND|ECONN|EAI_AGAIN|403|404|timed? ?out/i.test(l),
      )
      .at(0) ?? '';
  const reason =
    run.error?.code === 'ETIMEDOUT'
      ? `the download timed out after ${Math.round(timeoutMs / 1000)} s`
      : firstError || `the installer exited with code ${run.status}`;
  return { ...after, reason: reason.replace(/^\w*Error:\s*/, '').slice(0, 200) };
}
