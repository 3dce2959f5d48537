// Real full and read-only disks for the write-failure tests: a small tmpfs mounted over a test folder.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/**
 * Mounts a tmpfs with `options` (e.g. 'size=64k', 'ro,size=64k') over `dir`, runs `body`, and always unmounts.
 * Mounting needs root: where it is refused the test is skipped with the refusal as its reason.
 */
export async function withTmpfs(
  t: TestContext,
  dir: string,
  options: string,
  body: () => Promise<void>,
): Promise<void> {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    t.skip(`mount -t tmpfs -o ${options} refused: ${(r.stderr || r.error?.message || '').trim()}`);
    return;
  }
  try {
    await body();
  } finally {
    spawnSync('umount', [dir]);
  }
}
