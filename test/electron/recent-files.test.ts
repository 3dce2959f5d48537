import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadRecentFiles } from '../../electron/recent-files.js';

const dir = mkdtempSync(join(tmpdir(), 'tl-recent-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('recent files: newest first, no duplicates, capped, persisted atomically', async () => {
  const file = join(dir, 'user', 'recent-files.json');
  const recent = await loadRecentFiles(file, { max: 3 });
  assert.deepEqual(recent.list(), []);
  for (const p of ['/d/a.csv', '/d/b.csv', '/d/a.csv', '/d/c.csv', '/d/e.csv']) await recent.add(p);
  assert.deepEqual(recent.list(), ['/d/e.csv', '/d/c.csv', '/d/a.csv']);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { files: ['/d/e.csv', '/d/c.csv', '/d/a.csv'] });
  assert.deepEqual(readdirSync(join(dir, 'user')), ['recent-files.json'], 'no temporary files left behind');
  const again = await loadRecentFiles(file, { max: 3 });
  assert.deepEqual(again.list(), recent.list());
  await again.remove('/d/c.csv');
  assert.deepEqual((await loadRecentFiles(file)).list(), ['/d/e.csv', '/d/a.csv']);
  await again.clear();
  assert.deepEqual((await loadRecentFiles(file)).list(), []);
});

test('a damaged list starts empty instead of failing', async () => {
  const file = join(dir, 'broken.json');
  writeFileSync(file, '{"files": [1, "/ok.csv", null');
  assert.deepEqual((await loadRecentFiles(file)).list(), []);
  writeFileSync(file, '{"files": [1, "/ok.csv", null, ""]}');
  assert.deepEqual((await loadRecentFiles(file)).list(), ['/ok.csv']);
});
