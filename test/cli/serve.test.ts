import assert from 'node:assert/strict';
import { request } from 'node:http';
import { statfs } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { startServe } from '../e2e/serve-process.js';
import { captureIo } from './helpers.js';
import { dirname } from 'node:path';
import { sharedDataPath } from '../../src/util/paths.js';
import { shellWord } from '../../src/util/shell-word.js';

test('serve refuses bad options with exit code 2 and names the problem', async () => {
  const io = captureIo();
  assert.equal(await main(['serve', '--root', '/no/such/folder'], io), 2);
  assert.match(io.err, /--root must be an existing folder; \/no\/such\/folder does not exist/);
  // the data file meant to be opened, given as the folder to serve: the folder that holds it is named
  const file = captureIo();
  const iris = sharedDataPath('sklearn_iris.csv');
  assert.equal(await main(['serve', '--root', iris], file), 2);
  assert.ok(
    file.err.includes(
      `--root must be an existing folder; ${iris} is a file: give the folder that holds it, --root ${shellWord(dirname(iris))}`,
    ),
    file.err,
  );
  const port = captureIo();
  assert.equal(await main(['serve', '--port', '70000'], port), 2);
  assert.match(port.err, /--port must be an integer from 0 to 65535/);
  for (const bad of ['-1', '0x50', '1e3', '']) {
    const io2 = captureIo();
    assert.equal(await main(['serve', '--port', bad], io2), 2, bad);
    assert.match(io2.err, new RegExp(`--port must be an integer from 0 to 65535; got '${bad}'`));
  }
  const upload = captureIo();
  assert.equal(await main(['serve', '--max-upload-mb', '-5'], upload), 2);
  assert.match(upload.err, /--max-upload-mb must be a number from 1 to 1048576; got '-5'/);
  for (const bad of ['-1', '1.5', 'lots', '1048577', '']) {
    const reserve = captureIo();
    assert.equal(await main(['serve', '--disk-reserve-mb', bad], reserve), 2, bad);
    assert.match(
      reserve.err,
      new RegExp(`--disk-reserve-mb must be an integer from 0 to 1048576; got '${bad}'`),
    );
  }
  const memory = captureIo();
  assert.equal(await main(['serve', '--max-memory', 'lots'], memory), 2);
  assert.match(memory.err, /--max-memory must be a size such as 512M, 8G or 1.5T .*got 'lots'/);
  const extra = captureIo();
  assert.equal(await main(['serve', 'file.csv'], extra), 2);
});

test('serve prints its tokened URL first, answers only 127.0.0.1, and exits 0 on SIGINT', async () => {
  const serve = await startServe([]);
  try {
    assert.match(serve.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    const port = Number(new URL(serve.url).port);
    const status = await new Promise<number>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', headers: { host: `127.0.0.1:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.end();
    });
    assert.equal(status, 403, 'no token, no page');
    // bound to the loopback interface only: the machine's other addresses refuse the connection
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (external) {
      const outcome = await new Promise<string>((resolve) => {
        const req = request({ host: external, port, path: '/' }, (res) => {
          res.resume();
          resolve(`answered ${res.statusCode}`);
        });
        req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
        req.end();
      });
      assert.equal(outcome, 'ECONNREFUSED', `${external}:${port}`);
    }
  } finally {
    assert.equal(await serve.stop(), 0, serve.stderr());
  }
  assert.match(serve.stderr(), /shutting down/);
});

test("serve --disk-reserve-mb is the free space its temporary files leave: the page's upload limit says so", async () => {
  const reserve = 1024 * 1024; // MB: 1 TiB, more than this disk has free
  const roomNow = async () => {
    const disk = await statfs(tmpdir());
    return Math.max(0, disk.bavail * disk.bsize - reserve * 1024 * 1024);
  };
  const help = captureIo();
  assert.equal(await main(['serve', '--help'], help), 0);
  assert.match(help.out, /--disk-reserve-mb N +free space, in MB, the temporary files leave on their disk/);
  const serve = await startServe(['--disk-reserve-mb', String(reserve)]);
  try {
    const before = await roomNow();
    const token = new URL(serve.url).searchParams.get('token') ?? '';
    const port = Number(new URL(serve.url).port);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/upload',
          headers: { host: `127.0.0.1:${port}`, 'x-tripletlens-token': token },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (t: string) => (text += t));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end();
    });
    const after = await roomNow();
    const { uploadLimitBytes, uploadLimitReason } = JSON.parse(body) as {
      uploadLimitBytes: number;
      uploadLimitReason?: string;
    };
    // what the page says when it refuses a file: the flag, with the value serve was given
    assert.equal(
      uploadLimitReason,
      `its free disk space above the 1\u202f024 GB it keeps free, --disk-reserve-mb ${reserve}`,
    );
    // the free space less the reserve, as the disk had it around the request (0 on a disk under 1 TiB)
    assert.ok(
      uploadLimitBytes >= Math.min(before, after) && uploadLimitBytes <= Math.max(before, after),
      `${uploadLimitBytes} not within ${before}…${after}`,
    );
  } finally {
    assert.equal(await serve.stop(), 0, serve.stderr());
  }
});
