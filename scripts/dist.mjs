// `npm run dist`: builds dist/ and the installers with electron-builder (config: "build" in package.json) —
// AppImage + deb on Linux, dmg on macOS, nsis on Windows; extra electron-builder arguments pass through
// (`npm run dist -- --linux deb`). electron-builder packs the Electron binary of node_modules/electron, so
// where that cannot be downloaded this prints the same one line as `npm start` and exits non-zero.
import { spawnSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDesktop } from './start-desktop.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = prepareDesktop();
// electron-builder lists the production dependencies with `npm ls`, which cannot see through a symlinked
// node_modules (a shared install): it then packs an app without tfjs-core & co. with only a warning.
if (lstatSync(join(root, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) {
  console.error(
    "node_modules is a symbolic link: electron-builder's `npm ls` cannot list the app's dependencies through it and would pack an incomplete app. Run `npm run dist` in a checkout with its own node_modules (npm ci).",
  );
  process.exit(1);
}
// electron-builder reuses this Electron (no second download): the folder holding the binary.
const electronDist = dirname(binary.path);
const builder = join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
);
const result = spawnSync(
  builder,
  [`--config.electronDist=${electronDist}`, ...process.argv.slice(2).filter((a) => a !== '--skip-build')],
  {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  },
);
process.exit(result.status ?? 1);
