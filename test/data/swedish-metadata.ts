/**
 * A metadata file as Excel in a Swedish locale saves it — a BOM, ';' between fields, decimal commas, CRLF —
 * for the 40 cells of test/fixtures/formats/cells.csv (and its Cell Ranger folders), with its twin written as a
 * '.' CSV: an annotation, a purity of 3 values (one NA), an age with a fraction and a batch of whole numbers.
 * The metadata join tests (data, CLI, session, e2e) read it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';

/** The fixture's cells, keyed as test/fixtures/formats/cells_meta.csv keys them. */
const CELLS_META = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells_meta.csv');

/** The header and rows of the metadata, each number written with `point` as its decimal separator. */
async function metadataRows(point: string): Promise<string[][]> {
  const lines = (await readFile(CELLS_META, 'utf8')).trim().split('\n').slice(1);
  const rows = lines.map((line, i) => {
    const [id, cellType] = line.split(',');
    const purity = i === 4 ? 'NA' : `0${point}${7 + (i % 3)}`;
    return [id, cellType, purity, `${40 + i}${point}5`, String((i % 2) + 1)];
  });
  return [['cell_id', 'annotation', 'purity', 'age', 'batch'], ...rows];
}

/**
 * Writes the Swedish-style file at `path` ('0,7', '40,5'; ';'-separated, or `delimiter` — a tab-separated one
 * has its decimal commas read only when ',' is chosen).
 */
export async function writeSwedishMetadata(path: string, delimiter: ';' | '\t' = ';'): Promise<void> {
  const rows = await metadataRows(',');
  await writeFile(path, `\uFEFF${rows.map((row) => row.join(delimiter)).join('\r\n')}\r\n`);
}

/** Writes the same metadata as a plain CSV at `path` ('0.7', '40.5'). */
export async function writeDotMetadata(path: string): Promise<void> {
  const rows = await metadataRows('.');
  await writeFile(path, `${rows.map((row) => row.join(',')).join('\n')}\n`);
}
