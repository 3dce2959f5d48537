// A user audit: `train x.csv --label` was answered "--label needs a value: --label VALUE", and `embed x
// --model` "--model VALUE", where --help calls them COL and DIR. Every option of every command that takes a
// value is now named with the placeholder its --help shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './helpers.js';

const COMMANDS = ['train', 'embed', 'inspect', 'serve', 'doctor'];
const UNKNOWN = '--no-such-option-anywhere';

/** The command's options, as its refusal of an unknown one lists them. */
async function optionsOf(command: string): Promise<string[]> {
  const r = await runCli([command, UNKNOWN]);
  assert.equal(r.code, 2, r.stderr);
  const listed = /^Valid options: (.*)$/m.exec(r.stderr)?.[1];
  assert.ok(listed, r.stderr);
  return listed.split(', ');
}

test('an option given without its value is named with its --help placeholder, on every command', async () => {
  let checked = 0;
  for (const command of COMMANDS) {
    const help = (await runCli([command, '--help'])).stdout;
    for (const option of await optionsOf(command)) {
      // an unknown option after it: a switch is refused for that one, before anything runs (serve --open)
      const r = await runCli([command, option, UNKNOWN]);
      assert.equal(r.code, 2, r.stderr);
      const placeholder = new RegExp(
        `^tripletlens ${command}: ${option} needs a value, .*; give ${option} (\\S+), or`,
        'm',
      ).exec(r.stderr)?.[1];
      if (placeholder === undefined) {
        assert.match(r.stderr, /unknown option/, `${command} ${option}: a switch`);
        continue;
      }
      checked++;
      assert.notEqual(placeholder, 'VALUE', `${command} ${option}`);
      assert.ok(
        help.includes(`${option} ${placeholder}`),
        `${command} --help shows ${option} ${placeholder}`,
      );
      const last = await runCli([command, 'x.csv', option]);
      assert.match(
        last.stderr,
        new RegExp(
          `: ${option} needs a value: ${option} ${placeholder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\n`,
        ),
      );
    }
  }
  assert.ok(checked > 0, 'some options take a value');
});
