import assert from 'node:assert/strict';

/**
 * Polls `done` until it holds (a timer or a `finally` deletes a file after the reply; the test waits for it,
 * never times it): up to 500 looks 20 ms apart, then fails with `what`.
 */
export async function eventually(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(done(), what);
}
