/**
 * The outputs of one command run, made safe before any work starts: no output is an input, another output
 * or inside a folder one (exit 2), and every destination can be written (exit 1, naming it). The returned
 * OutputSet is staged and committed after the work, all together or not at all.
 */
import type { ImportOptions } from '../data/options.js';
import { OutputSet, type OutputKind } from '../util/output-set.js';
import { checkPathClashes, type CommandPath } from './path-clashes.js';

/** One destination: the option that names it, its path, and whether it is a file or a folder. */
export interface CommandOutput {
  option: string;
  path: string;
  kind?: OutputKind;
}

/** The inputs every importing command reads: the data file and, when given, the metadata file. */
export function importInputs(file: string, options: ImportOptions): CommandPath[] {
  const inputs: CommandPath[] = [{ option: 'the input FILE', path: file, role: 'input' }];
  if (typeof options.metaFile === 'string') {
    inputs.push({ option: '--meta-file', path: options.metaFile, role: 'input' });
  }
  return inputs;
}

/** Checks the outputs against the inputs and each other, then their writability; returns them declared. */
export async function prepareOutputs(
  command: string,
  inputs: readonly CommandPath[],
  outputs: readonly CommandOutput[],
): Promise<OutputSet> {
  await checkPathClashes(command, [
    ...inputs,
    ...outputs.map((o): CommandPath => ({ ...o, role: 'output' })),
  ]);
  const set = new OutputSet();
  for (const output of outputs) set.declare(output.option, output.path, output.kind);
  await set.checkWritable();
  return set;
}
