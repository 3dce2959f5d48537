/**
 * Every `--flag` README.md and docs/*.md name is one the CLI accepts: a flag renamed or dropped in the code
 * must not live on in the docs. The commands' own option tables are read from their refusal of an unknown
 * option ("Valid options: …"), which lists what the parser takes, not what a help text says.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { runCli } from './helpers.js';

const COMMANDS = ['inspect', 'train', 'embed', 'serve', 'doctor'] as const;

/** Flags of the other tools the docs show (npm, pip, electron-builder, the setup and bench scripts). */
const OTHER_TOOLS = new Set([
  '--check', // scripts/setup-native-offline, scripts/options-table.ts
  '--force', // scripts/setup-native-offline
  '--ignore-scripts', // npm install
  '--no-save', // npm install
  '--prefix', // npm install -g
  '--linux', // electron-builder
  '--no-deps', // pip download
  '--only-binary', // pip download
  '--platform', // pip download
  '--python-version', // pip download
  '--pooled', // bench/objective-bars.ts
]);

const FLAG = /--[a-z][a-z0-9-]*/g;

/** The docs a user reads: README.md and docs/*.md. */
function docs(): { name: string; text: string }[] {
  const root = packageRoot();
  const pages = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', ...pages.map((name) => join('docs', name))].map((name) => ({
    name,
    text: readFileSync(join(root, name), 'utf8'),
  }));
}

/** The options `command` accepts, as its refusal of an unknown option lists them. */
async function acceptedFlags(command: string): Promise<Set<string>> {
  const { code, stderr } = await runCli([command, '--not-an-option']);
  assert.equal(code, 2, stderr);
  const listed = /Valid options: (.*)/.exec(stderr);
  assert.ok(listed, `${command} lists its valid options: ${stderr}`);
  return new Set(listed[1].match(FLAG));
}

test('every --flag the docs name is a tripletlens option, or one of the other tools they show', async () => {
  const accepted = new Set(['--version', '--help']);
  for (const command of COMMANDS) for (const flag of await acceptedFlags(command)) accepted.add(flag);
  for (const { name, text } of docs()) {
    const unknown = [...new Set(text.match(FLAG))].filter((f) => !accepted.has(f) && !OTHER_TOOLS.has(f));
    assert.deepEqual(unknown, [], `${name} names flags no command accepts`);
  }
});

test("a command line in the docs' code uses only that command's flags", async () => {
  const line = new RegExp(String.raw`^\s*(?:npx )?tripletlens (${COMMANDS.join('|')})\b(.*)$`, 'gm');
  let lines = 0;
  for (const { name, text } of docs()) {
    for (const [, command, rest] of text.matchAll(line)) {
      const accepted = await acceptedFlags(command);
      const wrong = (rest.match(FLAG) ?? []).filter((flag) => !accepted.has(flag));
      assert.deepEqual(wrong, [], `${name}: tripletlens ${command}${rest}`);
      lines++;
    }
  }
  assert.ok(lines >= COMMANDS.length, `the docs show a line for each command (${lines} lines)`);
});

test('an inline `tripletlens COMMAND …` or `COMMAND --flag` in the docs uses only that command’s flags', async () => {
  // the prose names flags by their command ("`embed --transpose`", "`train --label`"): a flag of another
  // command there would send a user to an option the command refuses
  const span = new RegExp(String.raw`\`(?:npx )?(?:tripletlens )?(${COMMANDS.join('|')})\s([^\`]*)\``, 'g');
  let spans = 0;
  for (const { name, text } of docs()) {
    for (const [whole, command, rest] of text.matchAll(span)) {
      const accepted = await acceptedFlags(command);
      const wrong = (rest.match(FLAG) ?? []).filter((flag) => !accepted.has(flag));
      assert.deepEqual(wrong, [], `${name}: ${whole}`);
      spans++;
    }
  }
  assert.ok(spans > 0, 'the docs name flags by their command');
});
