/**
 * The crash replay's loading calls, sent again in the order they loaded the data: the openFile, or the
 * openSession then the attachSessionInput that re-attached its input — and what the fresh worker then holds.
 */
import { withoutReattachAdvice } from '../api/reattach-advice.js';
import type { Loaded, WorkerRequest } from './loaded-calls.js';
import { sentence, type Detached } from './replay-outcome.js';
import { sourceLabel } from './worker-exit-facts.js';

/**
 * Sends the loading calls `steps` again, adding each that succeeds to `held` (what the fresh worker holds). A
 * session that finds its input where it says (put back since it was re-attached) holds it already: its attach
 * is not sent, which the engine would refuse (no session waits for its input). A session whose input was loaded
 * before the crash — found, or re-attached — but cannot be now is reopened without it: returned as detached
 * (its map is held, its data is not), not failed — unless the worker died meanwhile (`workerDied`), which
 * fails the replay as any step does.
 */
export async function reopenSteps(
  steps: readonly Loaded[],
  request: WorkerRequest,
  held: Loaded[],
  workerDied: () => boolean,
): Promise<Detached | undefined> {
  let detached: Detached | undefined;
  let runId = '';
  let inputMessage = '';
  for (const step of steps) {
    const { ids } = step;
    if (step.method === 'openFile') await request('openFile', [step.source, step.settings], ids);
    else if (step.method === 'openSession') {
      const opened = await request('openSession', [step.source, step.confine], ids);
      // noted as it is now: a later crash that reopens it without its input has nothing new to say
      held.push({ ...step, attached: opened.inputStatus === 'attached' });
      if (opened.inputStatus === 'attached') return undefined;
      runId = opened.result.runId;
      inputMessage = opened.inputMessage;
      if (step.attached) {
        const input = `its input (${opened.input.name})`;
        // one found but unreadable there, or changed, is still where it was: the session's message says what it is
        const what =
          opened.inputStatus === 'missing' ? 'is no longer where it was' : 'could not be opened again';
        detached = { runId, why: `${input} ${what}: ${opened.inputMessage}` };
      }
      continue;
    } else {
      try {
        await request('attachSessionInput', [step.source], ids);
      } catch (err) {
        if (workerDied()) throw err;
        // the session's input message that follows ends with where to choose the input again: the refusal's
        // own advice, the same, is left out — said once
        const reason = sentence(withoutReattachAdvice(err instanceof Error ? err.message : String(err)));
        return {
          runId,
          why: `its input (${sourceLabel(step.source)}) could not be re-attached: ${reason} ${inputMessage}`,
        };
      }
      detached = undefined;
    }
    held.push(step);
  }
  return detached;
}
