/** The run report file (run.json) and the input fingerprint it records. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { RunReport } from './types.js';

/** SHA-256 (hex) of a file's bytes, or null when `source` is not a readable file (an upload's name…). */
export async function sha256OfFile(source: string): Promise<string | null> {
  try {
    if (!(await stat(source)).isFile()) return null;
  } catch {
    return null;
  }
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(source)) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}

/** The report as the text of run.json (indented JSON). */
export function runReportJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes the report as indented JSON, atomically. */
export async function writeRunReport(path: string, report: RunReport): Promise<void> {
  await writeFileAtomic(path, runReportJson(report));
}
