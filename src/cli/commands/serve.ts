// Placeholder until the command is implemented; replaced by its issue's work.
import type { CliCommand } from '../io.js';

export const serveCommand: CliCommand = async (_argv, io) => {
  io.stderr('tripletlens serve: not implemented yet\n');
  return 1;
};
