// `npm start`: builds dist/, makes sure the Electron binary is there (trying its download once when it is
// not — npm's allowScripts keeps electron's postinstall from fetching it), then launches the desktop app.
// Where the binary cannot be had it prints ONE line pointing to the browser UI and exits non-zero.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, tryDownloadElectron } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `--skip-build`: use dist/ as it is (tests; right after `npm run build`). */
const skipBuild = process.argv.includes('--skip-build');

/** Builds dist/ and returns the Electron binary, or exits with the one-line explanation. */
export function prepareDesktop() {
  if (!skipBuild) {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  let binary = electronBinary(root);
  // the download attempt is silent so that a failure is exactly one line
  if (!binary.ok) {
    binary = tryDownloadElectron(root, Number(process.env.ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 120_000));
  }
  if (!binary.ok) {
    console.error(
      `Electron's binary could not be downloaded (${binary.reason}); the same UI runs in your browser: npx tripletlens serve`,
    );
    process.exit(1);
  }
  return binary;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const binary = prepareDesktop();
  const child = spawn(binary.path, [root, ...process.argv.slice(2).filter((a) => a !== '--skip-build')], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
