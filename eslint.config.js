// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { importFloorConfigs } from './scripts/import-floors.mjs';

export default tseslint.config(
  // not ours to lint: dependencies, build output, the Python virtualenvs of bench/peers/setup*.sh, the native
  // backend's download cache (scripts/setup-native-offline), test output, fixtures and the sample
  {
    ignores: [
      'node_modules',
      'dist',
      'release',
      'bench/.venv',
      'bench/.venv-scanpy',
      'bench/data',
      '.native',
      'test-output',
      'test/fixtures',
      'samples',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', 'bin/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  // the floor order (ARCHITECTURE.md): a wrong-way import between folders is an error
  ...importFloorConfigs(),
  prettier,
);
