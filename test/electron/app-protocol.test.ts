import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { resolveAppUrl, serveAppRequest } from '../../electron/app-protocol.js';
import { APP_CONTENT_SECURITY_POLICY } from '../../electron/security.js';

const dir = mkdtempSync(join(tmpdir(), 'tl-app-'));
const renderer = join(dir, 'renderer');
mkdirSync(renderer);
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(dir, 'secret.txt'), 'not for the page');
after(() => rmSync(dir, { recursive: true, force: true }));

test('app:// serves the renderer folder with the CSP and a content type', async () => {
  const res = await serveAppRequest(renderer, 'app://tripletlens/index.html');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), APP_CONTENT_SECURITY_POLICY);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(await res.text(), '<!doctype html><title>t</title>');
  assert.match(APP_CONTENT_SECURITY_POLICY, /default-src 'none'/);
  assert.doesNotMatch(APP_CONTENT_SECURITY_POLICY, /unsafe-inline|https?:/);
  assert.equal(resolveAppUrl(renderer, 'app://tripletlens/'), join(renderer, 'index.html'));
});

test('nothing outside the renderer folder or the app host is served', async () => {
  for (const url of [
    'app://tripletlens/../secret.txt',
    'app://tripletlens/%2e%2e/secret.txt',
    'app://tripletlens/..%2fsecret.txt',
    'app://other/index.html',
    'https://tripletlens/index.html',
    'app://tripletlens/%E0%A4%A',
    'app://tripletlens/missing.js',
  ]) {
    const res = await serveAppRequest(renderer, url);
    assert.equal(res.status, 404, url);
    assert.ok(res.headers.get('content-security-policy'), `${url}: CSP on errors too`);
  }
});
