/** One function's length, as scripts/function-lengths.mjs measures it. */
export interface FunctionLength {
  /** Path from the package root ('src/engine/run-training.ts'). */
  file: string;
  name: string;
  /** 1-based line of its first line. */
  line: number;
  /** Lines from its first line to its closing brace. */
  lines: number;
}
export const ROOT: string;
export const MAX_FUNCTION_LINES: number;
export const MEASURED_FOLDERS: string[];
export function measureFile(path: string): FunctionLength[];
export function measureAll(root?: string): FunctionLength[];
