/** Where a CLI command writes. Injected so tests can capture output without spawning a process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  stderrIsTty: boolean;
}

/** The process's real streams. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: Boolean(process.stderr.isTTY),
};

/** A command's entry point: parses its own arguments and returns the exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;
