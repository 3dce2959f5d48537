/**
 * The engine worker's session settings from its environment: the host (serve's `--max-memory`, or a user
 * starting the desktop app with TRIPLETLENS_MAX_MEMORY=16G) cannot pass constructor options across a fork.
 */
import { parseMemorySize } from '../data/memory-guard.js';
import type { EngineSessionOptions } from '../engine/session.js';
import { CoreError } from '../api/core-error.js';

/** The variable holding the most memory an import may use (a size such as 16G, or bytes). */
export const MAX_MEMORY_ENV = 'TRIPLETLENS_MAX_MEMORY';

/**
 * Tests only: a pause in ms after each step of a run's long stages (EngineSessionOptions.stageStepDelayMs),
 * so an end-to-end test can reload the page while a run is inside its preprocessing. Unset: no pause.
 */
export const STAGE_STEP_DELAY_ENV = 'TRIPLETLENS_STAGE_STEP_DELAY_MS';

/**
 * Session options read from `env`. A malformed size is an error (a limit the user set must not be ignored).
 * @throws Error naming the variable and the value
 */
export function sessionOptionsFromEnv(env: NodeJS.ProcessEnv): EngineSessionOptions {
  return { ...memoryOption(env), ...stepDelayOption(env) };
}

function memoryOption(env: NodeJS.ProcessEnv): EngineSessionOptions {
  const text = env[MAX_MEMORY_ENV];
  if (text === undefined || text.trim() === '') return {};
  const bytes = parseMemorySize(text);
  if (bytes === undefined) {
    throw new CoreError(
      'environment',
      `${MAX_MEMORY_ENV} must be a size such as 512M, 8G or 1.5T; got '${text.slice(0, 40)}'`,
    );
  }
  return { maxMemoryBytes: bytes };
}

function stepDelayOption(env: NodeJS.ProcessEnv): EngineSessionOptions {
  const text = env[STAGE_STEP_DELAY_ENV];
  if (text === undefined || text.trim() === '') return {};
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new CoreError(
      'environment',
      `${STAGE_STEP_DELAY_ENV} must be a number of milliseconds; got '${text.slice(0, 40)}'`,
    );
  }
  return { stageStepDelayMs: ms };
}
