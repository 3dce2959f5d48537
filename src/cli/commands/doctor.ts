/**
 * `tripletlens doctor [--json]`: which compute backend is in use and why, versions, threads, SIMD, a matmul
 * that proves it computes, and how to get the native backend. Exit code 1 when the check fails or the
 * backend forced by TRIPLETLENS_BACKEND cannot load.
 */
import { shortenError } from '../../backend/shorten-error.js';
import { resolveThreads } from '../../neighbours/thread-count.js';
import { flag, parseCommandArgs } from '../args.js';
import type { CliCommand } from '../io.js';
import { jsonFailure } from '../json-failure.js';
import { UsageError } from '../usage-error.js';

const HELP = `Usage: tripletlens doctor [--json]

Reports the compute backend in use (tensorflow, wasm or cpu), why better ones did not load, versions,
threads (the backend's, and the neighbour search's: one per core unless train's --threads says otherwise)
and SIMD, runs a small matmul to prove it works, and explains how to get the native backend.

Options:
  --json     print the same as one JSON object (top-level "backend" field; null with "error" on a failure)
  -h, --help show this help

Environment:
  TRIPLETLENS_BACKEND=tensorflow|wasm|cpu   force one backend (no fallback)
`;

export const doctorCommand: CliCommand = async (argv, io) => {
  const args = parseCommandArgs('doctor', argv, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flag(args, 'help')) {
    io.stdout(HELP);
    return 0;
  }
  if (args.positionals.length > 0) {
    // thrown, not printed: the CLI's one handler also prints it on stdout for --json
    throw new UsageError(`tripletlens doctor: takes no arguments; got '${args.positionals.join(' ')}'`);
  }
  const json = flag(args, 'json');
  // loads TensorFlow, so imported only when the check runs (not for --help)
  const { doctorReport, formatDoctorReport } = await import('../../backend/doctor-report.js');
  let report;
  try {
    report = { ...(await doctorReport()), searchThreads: resolveThreads() };
  } catch (err) {
    const error = shortenError(err, 2000);
    // every command's failure shape (json-failure.ts), with doctor's own `backend` field first
    if (json) io.stdout(`${JSON.stringify({ backend: null, ...jsonFailure(err, 1), error }, null, 2)}\n`);
    io.stderr(`tripletlens doctor: ${error}\n`);
    return 1;
  }
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
  if (!report.check.ok) {
    io.stderr(`tripletlens doctor: the ${report.backend} backend computed a wrong matmul result\n`);
    return 1;
  }
  return 0;
};
