/**
 * Runs the real `tripletlens serve --port 0` as a child process (the built CLI in dist/, as a user would)
 * and reads the URL it prints as its first line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';

export interface ServeProcess {
  /** The printed URL with its token. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** SIGINT, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * A private copy of the built package (package.json, bin/, dist/, samples/, node_modules linked) in a temp
 * folder. In a shared working tree, another `npm test` rebuilds dist/ — deleting it first — at any moment;
 * the copy keeps a running server's files in place. Removed when the process exits.
 */
export function snapshotPackage(): string {
  const root = packageRoot();
  const copy = mkdtempSync(join(tmpdir(), 'tripletlens-pkg-'));
  for (const entry of ['package.json', 'bin', 'dist', 'samples']) {
    cpSync(join(root, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
  return copy;
}

/** Every file under `dir`, recursively, but an upload folder's owner.pid: what serve left in its TMPDIR. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name !== 'owner.pid')
    .map((d) => join(d.parentPath, d.name));
}

/** Starts `tripletlens serve --port 0 …args` from the package at `root` (default: this checkout). */
export async function startServe(
  args: string[],
  env: Record<string, string> = {},
  root: string = packageRoot(),
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'tripletlens.js'), 'serve', '--port', '0', ...args],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (t: string) => (err += t));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (t: string) => {
      out += t;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl).trim());
    });
    void exited.then((code) =>
      reject(new Error(`tripletlens serve exited (${code}) before printing its URL:\n${err}`)),
    );
    setTimeout(
      () => reject(new Error(`tripletlens serve printed no URL within 30 s:\n${err}`)),
      30_000,
    ).unref();
  });
  return {
    url,
    origin: new URL(url).origin,
    child,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
