/** The top level of `tripletlens`: the command list, `--help` and `--version`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';
import { runCli } from './helpers.js';

const VERSION = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
  .version;

test('--version and -V print the package.json version alone and exit 0', async () => {
  for (const flag of ['--version', '-V']) {
    const r = await runCli([flag]);
    assert.equal(r.code, 0, flag);
    assert.equal(r.stdout, `${VERSION}\n`, flag);
    assert.equal(r.stderr, '', flag);
  }
});

test('--help lists --version (and -V) beside the commands', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^ {2}-V, --version +print the version and exit$/m);
  assert.match(r.stdout, /^ {2}train +train a triplet-loss encoder/m);
});

test("a mistyped command is exit 2 with did you mean 'train'?; one far from every command gets no guess", async () => {
  const cases: [string, string][] = [
    ['trian', 'train'],
    ['Train', 'train'],
    ['inspcet', 'inspect'],
    ['embd', 'embed'],
    ['sevre', 'serve'],
  ];
  for (const [typed, meant] of cases) {
    const r = await runCli([typed]);
    assert.equal(r.code, 2, typed);
    assert.equal(
      r.stderr,
      `tripletlens: unknown command '${typed}' (did you mean '${meant}'?). Valid commands: inspect, train, embed, serve, doctor\n`,
    );
  }
  const far = await runCli(['cluster']);
  assert.equal(far.code, 2);
  assert.doesNotMatch(far.stderr, /did you mean/);
  assert.match(far.stderr, /unknown command 'cluster'\. Valid commands: inspect/);
});

test("a command named like an object's own property (toString, constructor) is an unknown command, exit 2", async () => {
  for (const name of ['toString', 'constructor', '__proto__']) {
    const r = await runCli([name]);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^tripletlens: unknown command '${name}'`), name);
  }
});

test('a single-valued option given twice (--label a --label b, --out x --out y) is exit 2 naming it and both values', async () => {
  const label = await runCli(['train', 'cells.csv', '--label', 'cell_type', '--label', 'leiden']);
  assert.equal(label.code, 2);
  assert.equal(
    label.stderr,
    "tripletlens train: --label is given twice, as 'cell_type' and as 'leiden'; it takes one value — give it once.\n",
  );
  const out = await runCli(['embed', 'model', 'cells.csv', '--out', 'x.csv', '--out=y.csv']);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /^tripletlens embed: --out is given twice, as 'x\.csv' and as 'y\.csv'/);
});

// A user walkthrough: `tripletlens help train` printed the overview, not train's options, and `tripletlens -v`
// was "unknown command '-v'" — an option taken for a command, without the -V it meant.
test("'help COMMAND' prints the command's help; an option before a command is named as an option", async () => {
  const help = await runCli(['help', 'train']);
  assert.equal(help.code, 0);
  assert.equal(help.stdout, (await runCli(['train', '--help'])).stdout);
  for (const option of ['-v', '--json']) {
    const r = await runCli([option]);
    assert.equal(r.code, 2, option);
    assert.match(
      r.stderr,
      new RegExp(
        `^tripletlens: unknown option '${option}'; before a command only -V/--version and -h/--help are valid`,
      ),
    );
  }
});

// An audit: `tripletlens help trian` printed the overview with exit 0, as if the command existed and had no
// help of its own; a script could not tell. It is refused as `tripletlens trian` is, naming the nearest command.
test("'help' of no command is exit 2 naming the nearest command, as the command itself is", async () => {
  const r = await runCli(['help', 'trian']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, (await runCli(['trian'])).stderr);
  assert.match(
    r.stderr,
    /^tripletlens: unknown command 'trian' \(did you mean 'train'\?\)\. Valid commands: /,
  );
});

// A user walkthrough: one mistake, three wordings — inspect's "expected one FILE, got 2." named no file, and
// serve's "tripletlens serve takes no file arguments" lacked the colon every other message has after the command.
test('a missing or extra FILE is refused in one wording by inspect and embed; serve names the extra', async () => {
  const two = await runCli(['inspect', 'a.csv', 'b.csv']);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /^tripletlens inspect: give exactly one input FILE; got a\.csv b\.csv\n/);
  const none = await runCli(['inspect']);
  assert.match(none.stderr, /^tripletlens inspect: give exactly one input FILE; got none\n/);
  const embed = await runCli(['embed', 'a.csv', 'b.csv', '--model', 'm']);
  assert.match(embed.stderr, /^tripletlens embed: give exactly one input FILE; got a\.csv b\.csv\n/);
  const serve = await runCli(['serve', 'extra']);
  assert.equal(serve.code, 2);
  assert.equal(serve.stderr, "tripletlens serve: takes no file arguments; got 'extra'\n");
});

// A user walkthrough: train's and embed's --help ended with their exit codes; inspect's said nothing of them.
test('the --help of every command that reads a file states its exit codes', async () => {
  for (const command of ['inspect', 'train', 'embed']) {
    const r = await runCli([command, '--help']);
    assert.match(r.stdout, /^Exit codes: 0 done, 1 .*2 bad arguments/m, command);
  }
});
