// The page's metadata file (EngineSession.openMetadata) joined to a text table read the other way round: its
// ids are the table's column names. The refusal names the page's Orientation field — as the data was opened,
// turned round or not — never the CLI's --transpose (src/data/metadata-join.ts, turnRoundAdvice).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { tempDir } from '../cli/helpers.js';

const session = new EngineSession();
after(() => session.dispose());

/** openMetadata's refusal of `meta` joined to `data` opened with `orientation`: its message. */
async function refusal(data: string, meta: string, orientation: 'auto' | 'genes-as-rows'): Promise<string> {
  await session.openFile({ kind: 'path', path: data }, { orientation });
  let message = '';
  await assert.rejects(session.openMetadata({ kind: 'path', path: meta }), (err: unknown) => {
    message = err instanceof Error ? err.message : String(err);
    return true;
  });
  return message;
}

test("the page's metadata file keyed by the table's column names is told the page's Orientation choice", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const meta = join(dir, 'cells_meta.csv');
    await writeFile(meta, 'cell,cell_type\nc1,T\nc2,B\nc3,Mono\n');
    const genesByCells = join(dir, 'genes_by_cells.csv');
    await writeFile(genesByCells, 'gene,c1,c2,c3\nCD3E,1,0,2\nMS4A1,0,3,1\nLYZ,4,1,0\n');
    const turn = await refusal(genesByCells, meta, 'auto');
    assert.match(
      turn,
      /They are its column names: the file has its cells or samples as columns — choose Import settings ▸ Orientation: genes are rows \(transpose\)\.$/,
    );
    assert.doesNotMatch(turn, /--transpose/);
    const cellsByGenes = join(dir, 'cells_by_genes.csv');
    await writeFile(cellsByGenes, 'cell,CD3E,MS4A1,LYZ\nc1,1,0,4\nc2,0,3,1\nc3,2,1,0\n');
    const back = await refusal(cellsByGenes, meta, 'genes-as-rows');
    assert.match(
      back,
      /turned round, the file has its cells or samples as columns — choose Import settings ▸ Orientation: cells are rows\.$/,
    );
  } finally {
    await cleanup();
  }
});
