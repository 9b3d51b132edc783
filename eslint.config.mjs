// Lint rules, including the process boundaries of docs/design.md ("Layout"): shared/ is pure, the renderer
// never touches Node or Electron, and only main/electron/ may import Electron.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [...new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])];

const noNode = (why) => nodeBuiltins.map((name) => ({ name, message: why }));

/** A relative import that climbs into the named top-level folder. */
const into = (folder, message) => ({ regex: `^(\\.{1,2}/)+(.*/)?${folder}(/|$)`, message });

export default tseslint.config(
  { ignores: ['app/dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Playwright reads a fixture's dependencies from its destructuring pattern, so `{}` means "none".
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noNode('shared/ is pure (docs/design.md): no node:* — gather facts in main/ and pass them in.'),
            { name: 'electron', message: 'shared/ is pure (docs/design.md): no electron.' },
            { name: 'react', message: 'shared/ is pure (docs/design.md): UI code belongs in renderer/.' },
            { name: 'react-dom', message: 'shared/ is pure (docs/design.md): UI code belongs in renderer/.' },
            { name: 'zustand', message: 'shared/ is pure (docs/design.md): stores belong in renderer/.' },
          ],
          patterns: [
            into('main', 'shared/ must not import main/ (docs/design.md): move the pure part into shared/.'),
            into('renderer', 'shared/ must not import renderer/ (docs/design.md).'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'shared/ reads no globals (docs/design.md): pass values in.' },
        { name: 'window', message: 'shared/ has no DOM (docs/design.md).' },
        { name: 'document', message: 'shared/ has no DOM (docs/design.md).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'shared/ reads no clock (docs/design.md): pass the time in.' },
        { object: 'Math', property: 'random', message: 'shared/ is deterministic (docs/design.md).' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noNode('The renderer has no Node (docs/design.md): ask main through window.api.'),
            { name: 'electron', message: 'The renderer talks to main only through window.api (docs/design.md).' },
          ],
          patterns: [into('main', 'The renderer must not import main/ (docs/design.md): use window.api, or move pure code to shared/.')],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ may import electron (docs/design.md); the engine also runs in the CLI.' }],
          patterns: [into('renderer', 'main/ must not import renderer/ (docs/design.md).')],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [into('renderer', 'main/ must not import renderer/ (docs/design.md).')] }],
    },
  },
);
