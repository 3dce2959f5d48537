/**
 * The outputs of one command run, made safe before any work starts: no output is an input, another output
 * or inside a folder one (exit 2), and every destination can be written (exit 1, naming it). The returned
 * OutputSet is staged and committed after the work, all together or not at all.
 */
import type { ImportOptions } from '../data/options.js';
import { detectReader } from '../data/formats/detect.js';
import { findMtxFiles } from '../data/formats/mtx-files.js';
import { OutputSet, type OutputKind } from '../util/output-set.js';
import { checkPathClashes, type CommandPath } from './path-clashes.js';
import { withInterrupt } from './interrupt.js';

/** One destination: the option that names it, its path, and whether it is a file or a folder. */
export interface CommandOutput {
  option: string;
  path: string;
  kind?: OutputKind;
  /**
   * Where the path came from when `option` was not given ("made from the input's name"), which its messages
   * say instead of naming an option the user never gave (default: undefined, the user gave it).
   */
  madeFrom?: string;
}

/**
 * The files a MatrixMarket input is made of (a Cell Ranger folder's matrix, barcodes and features files, or a
 * plain .mtx's name files beside it): an output over one of them would destroy the input. None for other
 * formats, or when they cannot be found (the import then says why).
 */
async function matrixMarketMembers(file: string): Promise<CommandPath[]> {
  try {
    const reader = await detectReader(file);
    if (reader !== 'mtx' && reader !== '10x-dir') return [];
    const files = await findMtxFiles(file);
    const members: CommandPath[] = [];
    if (typeof files.matrix === 'string') {
      members.push({ option: "the input's matrix file", path: files.matrix, role: 'input' });
    }
    if (files.barcodes !== undefined) {
      members.push({ option: "the input's barcodes file", path: files.barcodes, role: 'input' });
    }
    if (files.features !== undefined) {
      members.push({ option: "the input's genes file", path: files.features, role: 'input' });
    }
    return members;
  } catch {
    return [];
  }
}

/**
 * The inputs every importing command reads: the data file (with the files of a MatrixMarket dataset) and,
 * when given, the metadata file.
 */
export async function importInputs(file: string, options: ImportOptions): Promise<CommandPath[]> {
  const inputs: CommandPath[] = [
    { option: 'the input FILE', path: file, role: 'input' },
    ...(await matrixMarketMembers(file)),
  ];
  if (typeof options.metaFile === 'string') {
    inputs.push({ option: '--meta-file', path: options.metaFile, role: 'input' });
  }
  return inputs;
}

/**
 * Checks the outputs against the inputs and each other, then their writability; returns them declared.
 * @param say prints a line of the terminal's: each output the check put back — a previous output a killed
 *   run had left aside as its only copy (`OutputSet.notes`) — is said as a `note:` line (default: none said)
 */
export async function prepareOutputs(
  command: string,
  inputs: readonly CommandPath[],
  outputs: readonly CommandOutput[],
  say: (line: string) => void = () => undefined,
): Promise<OutputSet> {
  await checkPathClashes(command, [
    ...inputs,
    ...outputs.map((o): CommandPath => ({ ...o, role: 'output' })),
  ]);
  const set = new OutputSet();
  for (const output of outputs) set.declare(output.option, output.path, output.kind, output.madeFrom);
  await set.checkWritable();
  for (const note of set.notes) say(`note: ${note}\n`);
  return set;
}

/**
 * Commits a command's outputs with Ctrl-C wired to a clean stop: the file being written is finished, then
 * every temporary is removed and the old outputs stay (without this, Node's default exit on SIGINT left a
 * half-written hidden temporary beside the destination). A second Ctrl-C force-quits (`withInterrupt`).
 */
export async function commitOutputs(outputs: OutputSet): Promise<void> {
  await withInterrupt((signal) => outputs.commit(signal));
}
