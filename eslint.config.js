// Lint, including the layer rules of DESIGN.md §1 as import boundaries keyed on folder:
// core/ is pure TypeScript (relative imports inside core, and zod); renderer/ never reaches
// native/ or electron/; native/ never reaches renderer/ or electron/.

import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const platformPackages = ['electron', 'better-sqlite3', 'ccxt', 'ws', 'react', 'react-dom', 'uplot', 'zustand'];

const layer = (name, folders) => ({
  group: folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]),
  message: `${name} may not import from ${folders.join(', ')} (DESIGN.md §1 layer rules).`,
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...platformPackages].map((name) => ({
            name,
            message: 'core/ is pure TypeScript: no Node built-ins, DOM, Electron, SQLite or network code (DESIGN.md §1).',
          })),
          patterns: [
            layer('core/', ['native', 'electron', 'renderer']),
            {
              regex: '^(?!\\.|zod$)',
              message: 'core/ imports only core/ and zod (DESIGN.md §1).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', 'fetch', 'WebSocket', '__dirname'].map(
          (name) => ({ name, message: `core/ is pure: "${name}" belongs to a platform layer.` }),
        ),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'ccxt', 'ws'].map((name) => ({
            name,
            message: 'renderer/ talks to the host only through the API contract (DESIGN.md §5).',
          })),
          patterns: [layer('renderer/', ['native', 'electron'])],
        },
      ],
    },
  },
  {
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'native/ runs without Electron (CLI, web mode, workers).' }],
          patterns: [layer('native/', ['renderer', 'electron'])],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('electron/', ['renderer'])] }],
    },
  },
  {
    files: ['build/**/*.{js,mjs}', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
