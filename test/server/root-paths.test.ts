import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveUnderRoot } from '../../src/server/root-paths.js';

// A dangling link is written through (its target created): under serve, a page's "save the model to this
// folder" must not create a folder outside --root through a dangling link inside it.
test('a dangling link inside the root is judged by what it names: outside is refused, inside allowed', () => {
  const base = mkdtempSync(join(tmpdir(), 'tl-root-'));
  try {
    const root = join(base, 'root');
    mkdirSync(root);
    symlinkSync(join(base, 'outside', 'model'), join(root, 'out-model')); // base/outside does not exist
    symlinkSync(join('..', '..', 'escape'), join(root, 'relative')); // relative, out of the root
    symlinkSync('out-model', join(root, 'chain')); // a link to a dangling link
    symlinkSync(join('sub', 'model'), join(root, 'in-model')); // dangling, inside
    for (const path of ['out-model', 'relative', 'chain', join('chain', 'x')]) {
      assert.throws(() => resolveUnderRoot(root, path), /outside the folder this server may read/, path);
    }
    assert.equal(resolveUnderRoot(root, 'in-model'), join(root, 'in-model'));
    symlinkSync('loop', join(root, 'loop'));
    assert.equal(resolveUnderRoot(root, 'loop'), join(root, 'loop'), 'a loop is not followed forever');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

// A headless audit: opening 'self/x.csv' under a --root holding `self -> self` answered an internal error,
// "ELOOP: too many symbolic links encountered, lstat '/srv/…/self/x.csv'", where 'self' alone got the
// reader's own words ("its path has too many levels of symbolic links").
test('a path through a link loop resolves as it is, for the reader to refuse in its words', () => {
  const base = mkdtempSync(join(tmpdir(), 'tl-root-'));
  try {
    const root = join(base, 'root');
    mkdirSync(root);
    symlinkSync('self', join(root, 'self'));
    assert.equal(resolveUnderRoot(root, join('self', 'x.csv')), join(root, 'self', 'x.csv'));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
