/**
 * What a model path (`embed --model DIR`, a saved session's model) is when it is not a model folder, said before anything is read:
 * a path that does not exist, a file (the app's exported .tar archive, a saved session, a model.json), an
 * empty folder, the encoder folder inside a model, or a folder holding model folders. Without it every case
 * read "model.json is missing" or a raw ENOTDIR. Loads no TensorFlow: the CLI checks the path first.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CoreError } from '../api/core-error.js';
import { headBytes } from '../data/formats/detect.js';
import { isGzip, sniffBytes } from '../data/sniff.js';
import { shellWord } from '../util/shell-word.js';
import { tarTopFolder } from '../util/tar-archive.js';

/** The manifest's name in a model folder and in its encoder folder (a tfjs Layers model) alike. */
const MANIFEST = 'model.json';
/**
 * Where model folders come from, said in every message. Worded for both faces: the app reaches this check
 * too (a saved session's model is loaded through it), so no message assumes the command line's --model.
 */
const HOW_TO_SAVE =
  "a model folder is saved by a training run: on the command line 'tripletlens train … --model DIR', in the app Export ▸ Model folder (a .tar archive to extract)";

function badModel(message: string): CoreError {
  return new CoreError('bad-model', message);
}

/** The tar command that extracts `name`, and what it makes: the folder named in the archive, or a new one. */
function extractTar(name: string, top: string): string {
  if (top !== '') return `tar -xf ${shellWord(name)}, which makes the folder ${top}`;
  // entries at the archive's top ('tar -C model -cf model.tar .'): unpacked loose into the current folder
  return `its files are not in a folder of their own: mkdir model && tar -xf ${shellWord(name)} -C model`;
}

/** Why a file given as the model folder is not one, and what to give instead. */
async function fileMessage(path: string): Promise<string> {
  const name = basename(path);
  let head: Uint8Array = new Uint8Array(0);
  try {
    head = await headBytes(path, 512);
  } catch {
    // unreadable: the generic sentence below still says it is a file
  }
  const top = tarTopFolder(head);
  if (top !== null) {
    return `${path} is a tar archive (as the app's Export ▸ Model folder saves a model), not a folder: extract it first (${extractTar(name, top)}) and give that folder instead`;
  }
  if (isGzip(head) && /\.(tar\.gz|tgz)$/i.test(name)) {
    return `${path} is a compressed archive, not a folder: extract it first (tar -xzf ${shellWord(name)}) and give the model folder it makes instead`;
  }
  const kind = sniffBytes(head);
  const zip = kind === 'xlsx-or-zip' || kind === 'session';
  if (kind === 'session' || (zip && /\.tripletlens$/i.test(name))) {
    return `${path} is a saved session, not a model folder: open it in the app (Open Session, with its input file) and save its model with Export ▸ Model folder, then extract that archive and give its folder instead`;
  }
  if (zip) {
    return `${path} is a zip archive, not a folder: unzip it first (unzip ${shellWord(name)}) and give the model folder it makes instead`;
  }
  if (name === MANIFEST) {
    return `${path} is the model's manifest file: give the folder that holds it (${dirname(path)}) instead`;
  }
  return `${path} is a file, not a folder: a model is given as its folder (${HOW_TO_SAVE})`;
}

/** What DIR/model.json is: a TripletLens manifest, a tfjs model (the encoder's), something else, or absent. */
async function manifestFormat(dir: string): Promise<'tripletlens' | 'tfjs' | 'other' | 'none'> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    return 'none';
  }
  try {
    const manifest = JSON.parse(text) as { format?: unknown; modelTopology?: unknown };
    if (manifest?.format === 'tripletlens-model') return 'tripletlens';
    if (manifest?.modelTopology !== undefined) return 'tfjs';
  } catch {
    // not JSON: the loader names the damage
  }
  return 'other';
}

/** Why a folder without a TripletLens model.json is not a model folder, or null when it has one. */
async function folderMessage(dir: string, entries: string[]): Promise<string | null> {
  if (entries.length === 0) return `${dir} is an empty folder: it holds no model (${HOW_TO_SAVE})`;
  const format = await manifestFormat(dir);
  if (format === 'tripletlens' || format === 'other') return null;
  if (format === 'tfjs' && (await manifestFormat(dirname(dir))) === 'tripletlens') {
    return `${dir} is the encoder inside a model folder: give the model folder itself (${dirname(dir)}) instead`;
  }
  const inside: string[] = [];
  for (const entry of entries.sort()) {
    if ((await manifestFormat(join(dir, entry))) === 'tripletlens') inside.push(join(dir, entry));
  }
  if (inside.length > 0) {
    const listed =
      inside.slice(0, 5).join(', ') + (inside.length > 5 ? ` and ${inside.length - 5} more` : '');
    return `${dir} is not a TripletLens model folder: model.json is missing; it holds ${inside.length === 1 ? 'a model folder' : 'model folders'}, give ${inside.length === 1 ? 'it' : 'one of them'} instead: ${listed}`;
  }
  const archives = entries.filter((e) => /\.model\.tar$/i.test(e));
  if (archives.length > 0) {
    return `${dir} is not a TripletLens model folder: model.json is missing; it holds the model archive ${archives[0]}: extract it (tar -xf ${shellWord(archives[0])}) and give the folder it makes instead`;
  }
  return null;
}

/**
 * Throws a 'bad-model' CoreError saying what `dir` is and what to give instead when it is not a model
 * folder: absent, a file, empty, an encoder folder, a folder of model folders. A folder with a model.json
 * passes (the loader checks its content), as does one this check cannot tell (the loader's "model.json is
 * missing" then applies).
 */
export async function checkModelFolderPath(dir: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const archive = await stat(`${dir}.tar`).then(
        (s) => s.isFile(),
        () => false,
      );
      throw badModel(
        archive
          ? `the model folder ${dir} does not exist, but the archive ${basename(dir)}.tar is beside it: extract it first (tar -xf ${shellWord(`${basename(dir)}.tar`)}) and give the folder it makes instead`
          : `the model folder ${dir} does not exist (check the path; ${HOW_TO_SAVE})`,
      );
    }
    throw badModel(`Cannot open the model folder ${dir} (${code ?? String(err)})`);
  }
  if (!isDirectory) throw badModel(await fileMessage(dir));
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw badModel(`Cannot read the model folder ${dir} (${code ?? String(err)})`);
  }
  const message = await folderMessage(dir, entries);
  if (message !== null) throw badModel(message);
}
