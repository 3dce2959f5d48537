/**
 * A mistake in how the command was called (unknown option, bad value, a column that does not exist).
 * The CLI prints the message and exits with code 2; the message should list the valid choices. It is the
 * CLI's 'bad-request' CoreError, so it crosses the wire and picks its exit code like every core error.
 */
import { CoreError } from '../api/core-error.js';

export class UsageError extends CoreError {
  override name = 'UsageError';

  constructor(message: string) {
    super('bad-request', message);
  }
}
