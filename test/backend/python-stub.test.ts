// scripts/native/python-stub.sh: the stub that lets the wheel's TensorFlow library load without libpython.
// Checked on a small library that references Python symbols the way _pywrap_tensorflow_internal.so does.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';

const hasToolchain = ['gcc', 'readelf', 'nm'].every((tool) => spawnSync(tool, ['--version']).status === 0);

test(
  'the stub defines every undefined Py* symbol: type objects as data, functions that abort',
  {
    skip: hasToolchain ? false : 'needs gcc and binutils (as scripts/setup-native-offline does)',
  },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'pystub-'));
    try {
      // A library with the same kinds of references: a type object, an exception pointer, the None
      // singleton (all data) and two functions, plus an unrelated libc call that must not be stubbed.
      writeFileSync(
        join(dir, 'uses-python.c'),
        `#include <string.h>
       extern char PyBool_Type[]; extern void *PyExc_TypeError; extern char _Py_NoneStruct[];
       void PyErr_Clear(void); void *PyLong_FromLong(long);
       void *refs[] = { PyBool_Type, &PyExc_TypeError, _Py_NoneStruct, (void *)PyErr_Clear, (void *)PyLong_FromLong };
       size_t not_python(const char *s) { return strlen(s); }`,
      );
      execFileSync('gcc', ['-shared', '-fPIC', '-o', join(dir, 'libuses.so'), join(dir, 'uses-python.c')]);
      const out = join(dir, 'out');
      const log = execFileSync(
        'bash',
        [join(packageRoot(), 'scripts', 'native', 'python-stub.sh'), join(dir, 'libuses.so'), out],
        { encoding: 'utf8' },
      );
      assert.match(log, /stubbed 5 Python symbols/);
      const defined = execFileSync('nm', ['-D', '--defined-only', join(out, 'libtfjs_pystub.so')], {
        encoding: 'utf8',
      });
      const kind = (name: string) => defined.match(new RegExp(`^\\S+ (\\w) ${name}$`, 'm'))?.[1];
      for (const data of ['PyBool_Type', 'PyExc_TypeError', '_Py_NoneStruct'])
        assert.equal(kind(data), 'B', data);
      for (const fn of ['PyErr_Clear', 'PyLong_FromLong']) assert.equal(kind(fn), 'T', fn);
      assert.equal(kind('strlen'), undefined, 'libc symbols are left alone');

      // With the stub, a program linking the library resolves every symbol at load time and runs.
      writeFileSync(
        join(dir, 'main.c'),
        '#include <stddef.h>\nsize_t not_python(const char *);\nint main(void) { return not_python("abc") == 3 ? 0 : 1; }\n',
      );
      execFileSync('gcc', [
        '-o',
        join(dir, 'main'),
        join(dir, 'main.c'),
        `-L${dir}`,
        `-L${out}`,
        '-luses',
        '-ltfjs_pystub',
        `-Wl,-rpath,${dir}:${out}`,
      ]);
      const run = spawnSync(join(dir, 'main'), { env: { ...process.env, LD_BIND_NOW: '1' } });
      assert.equal(run.status, 0, String(run.stderr));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'a library without Python references is refused (unexpected wheel layout)',
  {
    skip: hasToolchain ? false : 'needs gcc and binutils',
  },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'pystub-'));
    try {
      writeFileSync(join(dir, 'plain.c'), 'int plain(void) { return 1; }\n');
      execFileSync('gcc', ['-shared', '-fPIC', '-o', join(dir, 'libplain.so'), join(dir, 'plain.c')]);
      const run = spawnSync(
        'bash',
        [
          join(packageRoot(), 'scripts', 'native', 'python-stub.sh'),
          join(dir, 'libplain.so'),
          join(dir, 'out'),
        ],
        { encoding: 'utf8' },
      );
      assert.notEqual(run.status, 0);
      assert.match(run.stderr, /no undefined Python symbols/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
