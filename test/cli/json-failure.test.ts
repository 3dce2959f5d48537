// A data engineer's script piped `tripletlens train --json` to jq: on a failure train, inspect and embed
// printed nothing on stdout (only doctor printed {"error": …}), so the script read no output at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asksForJson, jsonFailure } from '../../src/cli/json-failure.js';
import { InterruptedError } from '../../src/cli/interrupt.js';
import { WriteError } from '../../src/util/write-error.js';
import { runCli, tempDir } from './helpers.js';

/** stdout of a failed command as the one JSON object it must be. */
function parsedFailure(stdout: string): Record<string, unknown> {
  assert.ok(stdout.trim().length > 0, 'something on stdout');
  const value: unknown = JSON.parse(stdout);
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), stdout);
  return value as Record<string, unknown>;
}

test('train and inspect --json print a data error on stdout with its file, line and column; stderr and exit code as without', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'id,label,g1,g2\na,x,1,2\nb,y,3,4,5\nc,x,5,6\n');
    for (const argv of [
      ['train', bad, '--label', 'label', '--out', join(dir, 'never.csv'), '--quiet'],
      ['inspect', bad],
    ]) {
      const plain = await runCli(argv);
      const json = await runCli([...argv, '--json']);
      assert.equal(plain.stdout, '', 'without --json stdout stays empty');
      assert.equal(json.code, plain.code, 'the same exit code');
      assert.equal(json.stderr, plain.stderr, 'the same message on stderr');
      const failure = parsedFailure(json.stdout);
      const message = plain.stderr.trim().replace(/^tripletlens [a-z]+: /, '');
      assert.equal(typeof failure.error, 'string');
      assert.equal(
        (failure.error as string).toLowerCase(),
        message.toLowerCase(),
        'the message stderr shows',
      );
      assert.deepEqual(
        {
          kind: failure.kind,
          exitCode: failure.exitCode,
          file: failure.file,
          line: failure.line,
          column: failure.column,
        },
        { kind: 'ragged-row', exitCode: plain.code, file: bad, line: 3, column: 5 },
        argv[0],
      );
    }
  } finally {
    await cleanup();
  }
});

test('a refused argument is printed as JSON too (exit 2), without the --help text some refusals append', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const cases = [
      ['embed', join(dir, 'x.csv'), '--json'], // no --model: the refusal appends embed's --help
      ['train', '--json', '--lable', 'x', join(dir, 'x.csv')], // an unknown option
      ['doctor', '--json', 'extra'], // doctor takes no arguments
    ];
    for (const argv of cases) {
      const r = await runCli(argv);
      assert.equal(r.code, 2, r.stderr);
      const failure = parsedFailure(r.stdout);
      assert.equal(failure.kind, 'bad-request', argv[0]);
      assert.equal(failure.exitCode, 2);
      const first = r.stderr
        .split('\n\n')[0]
        .replace(/^tripletlens [a-z]+: /, '')
        .trimEnd();
      assert.equal(failure.error, first, argv[0]);
      assert.doesNotMatch(failure.error as string, /Usage:/);
    }
  } finally {
    await cleanup();
  }
});

test('--json after -- is an input name, not the switch; serve, which has no --json, prints no JSON', async () => {
  assert.equal(asksForJson(['x.csv', '--json']), true);
  assert.equal(asksForJson(['--', '--json']), false);
  const r = await runCli(['serve', '--json']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
});

test('a write failure names its destination and errno; an interruption its signal', () => {
  const write = jsonFailure(
    new WriteError('the disk is full (no space left on device)', '/d/x.csv', 'ENOSPC', '--out /d/x.csv'),
    1,
  );
  assert.deepEqual(write, {
    error: 'Cannot write --out /d/x.csv: the disk is full (no space left on device)',
    kind: 'write',
    exitCode: 1,
    file: '/d/x.csv',
    errno: 'ENOSPC',
  });
  const stopped = jsonFailure(
    new InterruptedError('cancelled (SIGTERM); nothing was written', 'SIGTERM'),
    143,
  );
  assert.deepEqual(stopped, {
    error: 'cancelled (SIGTERM); nothing was written',
    kind: 'interrupted',
    exitCode: 143,
    signal: 'SIGTERM',
  });
});
