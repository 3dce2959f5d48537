// The floor order (ARCHITECTURE.md, scripts/import-floors.mjs) through the project's own eslint.config.js:
// a wrong-way import is a lint error, a downward one is not.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The floor-rule messages ESLint reports for `code` as if it were the file `path` (relative to the root). */
async function floorErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

test('src/api importing the engine fails the lint, naming the rule', async () => {
  const errors = await floorErrors(
    'src/api/wrong-way.ts',
    "import type { RunReport } from '../engine/types.js';\nexport type Report = RunReport;\n",
  );
  assert.equal(errors.length, 1);
  assert.match(errors[0], /Wrong-way import: src\/api imports nothing outside itself/);
});

test('a lower floor importing a higher one fails, also from a subfolder, through export-from and import()', async () => {
  assert.equal(
    (
      await floorErrors(
        'src/triplets/x.ts',
        "import { knnAccuracy } from '../evaluate/index.js';\nvoid knnAccuracy;\n",
      )
    ).length,
    1,
  );
  assert.equal(
    (await floorErrors('src/data/formats/x.ts', "export { trainEncoder } from '../../train/index.js';\n"))
      .length,
    1,
  );
  const dynamic = await floorErrors(
    'src/model/x.ts',
    "export const load = () => import('../engine/session.js');\n",
  );
  assert.equal(dynamic.length, 1);
  assert.match(dynamic[0], /src\/model may import only src\/api, src\/util/);
});

test('the renderer may import only src/api; electron/ and the engine are refused', async () => {
  assert.deepEqual(
    await floorErrors(
      'renderer/x.ts',
      "import { MENU_CHANNEL } from '../src/api/ipc-channels.js';\nvoid MENU_CHANNEL;\n",
    ),
    [],
  );
  const errors = await floorErrors(
    'renderer/screens/x.ts',
    "import { MENU_CHANNEL } from '../../electron/ipc-channels.js';\n" +
      "import type { ExpressionTable } from '../../src/data/types.js';\n" +
      'void MENU_CHANNEL;\nexport type T = ExpressionTable;\n',
  );
  assert.equal(errors.length, 2);
  assert.ok(errors.every((e) => /renderer\/ may import only src\/api/.test(e)));
});

test('downward imports pass: the engine on the floors below it, electron on the worker', async () => {
  assert.deepEqual(
    await floorErrors(
      'src/engine/h5ad/x.ts',
      "import type { DenseMatrix } from '../../api/matrix.js';\nimport { trainEncoder } from '../../train/index.js';\n" +
        'export type M = DenseMatrix;\nvoid trainEncoder;\n',
    ),
    [],
  );
  assert.deepEqual(
    await floorErrors(
      'electron/x.ts',
      "import { createWorkerEngine } from '../src/worker/worker-client.js';\nvoid createWorkerEngine;\n",
    ),
    [],
  );
});

test('the server reaches the engine only through EngineApi: importing the engine fails', async () => {
  const errors = await floorErrors(
    'src/server/x.ts',
    "import { EngineSession } from '../engine/session.js';\nvoid EngineSession;\n",
  );
  assert.equal(errors.length, 1);
});
