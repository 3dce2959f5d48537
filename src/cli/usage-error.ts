/**
 * A mistake in how the command was called (unknown option, bad value, a column that does not exist).
 * The CLI prints the message and exits with code 2; the message should list the valid choices.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
