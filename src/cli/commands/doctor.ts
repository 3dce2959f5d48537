// Placeholder until the command is implemented; replaced by its issue's work.
import type { CliCommand } from '../io.js';

export const doctorCommand: CliCommand = async (_argv, io) => {
  io.stderr('tripletlens doctor: not implemented yet\n');
  return 1;
};
