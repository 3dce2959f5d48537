// @ts-check
// The floor order of the code (ARCHITECTURE.md, "Floors"), as ESLint rules: a folder imports only folders on
// lower floors, so a wrong-way import fails `npm run lint`. Built on ESLint's own `no-restricted-imports`
// (static imports and `export … from`) and `no-restricted-syntax` (dynamic `import()`), no plugin needed.
// Specifiers are matched as written: a relative path that climbs out (`../`, `../../src/`) and names a
// forbidden folder.
import { readdirSync } from 'node:fs';

/**
 * src/ folders by floor, bottom first. A folder may import folders on lower floors only (not its neighbours
 * on the same floor), except where ONLY_FROM narrows it.
 */
export const SRC_FLOORS = [
  ['api'],
  ['util'],
  ['data', 'backend', 'losses'],
  ['preprocess', 'neighbours', 'model'],
  ['evaluate', 'triplets', 'markers'],
  ['objective'],
  ['train'],
  ['engine'],
  ['worker', 'server'],
  ['cli'],
];

/** Folders that may import less than their floor allows: the server reaches the engine only through EngineApi. */
const ONLY_FROM = { server: ['api', 'util'] };

/** What the two faces outside src/ may import from it (besides their own files). */
export const OUTSIDE_SRC = {
  /** The page compiles against the contract only. */
  renderer: ['api'],
  /** The desktop shell: the contract, the worker host, the static-file rules it shares with serve, utilities. */
  electron: ['api', 'util', 'worker', 'server'],
};

const ALL_SRC = SRC_FLOORS.flat();

/** The src/ folders `folder` may import (besides itself). */
export function allowedImports(folder) {
  if (folder in ONLY_FROM) return ONLY_FROM[/** @type {keyof typeof ONLY_FROM} */ (folder)];
  const floor = SRC_FLOORS.findIndex((names) => names.includes(folder));
  if (floor < 0) throw new Error(`src/${folder} has no floor in scripts/import-floors.mjs`);
  return SRC_FLOORS.slice(0, floor).flat();
}

const alternatives = (names) => names.join('|');

/** One flat-config block forbidding `regex` in the files `files`, with `message`. */
function restrict(files, regex, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
      'no-restricted-syntax': [
        'error',
        // esquery's regex literal ends at the first slash, so slashes are written \x2F
        { selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`, message },
      ],
    },
  };
}

/** The ESLint flat-config blocks enforcing the floors. A src/ folder without a floor stops the lint. */
export function importFloorConfigs() {
  const srcDir = new URL('../src/', import.meta.url);
  for (const entry of readdirSync(srcDir, { withFileTypes: true })) {
    if (entry.isDirectory()) allowedImports(entry.name);
  }
  const blocks = ALL_SRC.map((folder) => {
    const allowed = allowedImports(folder);
    const forbidden = ALL_SRC.filter((f) => f !== folder && !allowed.includes(f));
    // climbs out of the folder (../), optionally through src/, then names a forbidden folder; or the faces
    const regex = `^(\\.\\./)+((src/)?(${alternatives(forbidden)})|electron|renderer)(/|$)`;
    const may = allowed.length
      ? `may import only ${allowed.map((f) => `src/${f}`).join(', ')}`
      : 'imports nothing outside itself';
    return restrict(
      [`src/${folder}/**/*.ts`],
      regex,
      `Wrong-way import: src/${folder} ${may} (floor order in ARCHITECTURE.md).`,
    );
  });
  for (const [face, allowed] of Object.entries(OUTSIDE_SRC)) {
    const other = face === 'renderer' ? 'electron' : 'renderer';
    const regex = `^(\\.\\./)+(${other}|src/(?!(${alternatives(allowed)})/))`;
    const may = allowed.map((f) => `src/${f}`).join(', ');
    blocks.push(
      restrict(
        [`${face}/**/*.ts`],
        regex,
        `Wrong-way import: ${face}/ may import only ${may} and its own files (floor order in ARCHITECTURE.md).`,
      ),
    );
  }
  return blocks;
}
