// Ctrl-C or SIGTERM while a command reads its input — outside the steps that stop cleanly (training, writing):
// the real process, so the exit code is the process's own and stdout is what a script piping it to jq reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot, sharedDataPath } from '../../src/util/paths.js';
import { tempDir } from './helpers.js';

interface Stopped {
  code: number | null;
  /** The signal that killed the process, when it did not exit by itself. */
  killedBy: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  files: string[];
}

/**
 * `train --json` of a 10 000-row table, sent `signal` as soon as it says it is reading the file (its import
 * takes far longer than a signal takes to arrive), into an empty folder.
 */
async function stoppedWhileReading(signal: 'SIGINT' | 'SIGTERM'): Promise<Stopped> {
  const { dir, cleanup } = await tempDir();
  try {
    const input = sharedDataPath('fashion_mnist_test.csv.gz');
    const argv = ['train', input, '--label', 'label', '--out', join(dir, 'run', 'coords.csv'), '--json'];
    const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'tripletlens.js'), ...argv], {
      cwd: dir,
      env: { ...process.env, TRIPLETLENS_DEBUG: '' },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr += t;
      if (!sent && /^reading /m.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    const [code, killedBy] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    assert.ok(sent, `the command said it was reading its input:\n${stderr}`);
    return { code, killedBy, stdout, stderr, files: await readdir(dir) };
  } finally {
    await cleanup();
  }
}

// A headless audit: `timeout 1h tripletlens train big.h5ad --json | jq` stopped during the (long) import died at
// once, killed by the signal, with no word on stderr and nothing on stdout for jq — only a step under way
// (training, writing) listened to the signal.
test('SIGTERM while the input is read: exit 143, the message, one JSON object, nothing on disk', async () => {
  const { code, killedBy, stdout, stderr, files } = await stoppedWhileReading('SIGTERM');
  assert.equal(killedBy, null, `the process was killed by ${killedBy}, saying nothing:\n${stderr}`);
  assert.equal(code, 143, stderr);
  assert.match(stderr, /^tripletlens train: cancelled \(SIGTERM\); nothing was written$/m);
  assert.deepEqual(JSON.parse(stdout), {
    error: 'cancelled (SIGTERM); nothing was written',
    kind: 'interrupted',
    exitCode: 143,
    signal: 'SIGTERM',
  });
  // no output, no lock, no folder made for them
  assert.deepEqual(files, []);
});

test('Ctrl-C while the input is read: exit 130 and the message, as during training', async () => {
  const { code, killedBy, stdout, stderr, files } = await stoppedWhileReading('SIGINT');
  assert.equal(killedBy, null, `the process was killed by ${killedBy}, saying nothing:\n${stderr}`);
  assert.equal(code, 130, stderr);
  assert.match(stderr, /^tripletlens train: cancelled \(Ctrl-C\); nothing was written$/m);
  assert.equal((JSON.parse(stdout) as { kind: string }).kind, 'interrupted');
  assert.deepEqual(files, []);
});
