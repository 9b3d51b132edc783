// Lint rules, including the process boundaries of docs/design.md ("Layout"): shared/ is pure, the renderer
// never touches Node or Electron, and only main/electron/ may import Electron. The zones of shared/ and
// renderer/ are allow-lists: an import, a global or a clock read that is not named here is refused
// (issue 12, finding 9); test/unit/lint-zones.test.ts proves each refusal and each allowance.
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * The packages shared/ may import, each with why it is pure (docs/design.md "Layout": "`zod` and other pure
 * libraries; no `node:*`, no `electron`, no DOM, no clock, no globals").
 */
const SHARED_PACKAGES = {
  // The schemas of the domain model, the scan report and the IPC contract (docs/design.md "Layout").
  zod: 'schemas',
  // EMPIAR's deposition schema is checked with Ajv 8 (docs/deposit.md, docs/empiar.md §3): a pure validator,
  // compiled lazily in shared/bundles/empiar/validate.ts.
  ajv: 'JSON Schema validator',
  // `format: email` of the EMPIAR schema (docs/deposit.md: "ajv-formats' full e-mail pattern"): pure regexps.
  'ajv-formats': 'JSON Schema formats',
};

/**
 * The packages the renderer may import: React and its DOM renderer, the zustand store (docs/design.md
 * "Layout": "`shared/`, React"; docs/design.md "Keep zustand thin"), the one UI library it uses, and zod, which
 * shared/'s schemas bring into the renderer anyway (renderer/src/main.tsx sets its CSP-safe mode).
 */
const RENDERER_PACKAGES = {
  react: 'UI',
  'react-dom': 'UI',
  zustand: 'UI state (docs/design.md: "Keep zustand thin")',
  // The virtualized fileset table (renderer/src/components/FilesetTable.tsx).
  '@tanstack/react-virtual': 'UI library',
  zod: 'the schemas of shared/ (see SHARED_PACKAGES)',
};

/** `react-dom/client` → `react-dom`, `@tanstack/react-virtual/x` → `@tanstack/react-virtual`. */
function packageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * A local rule: every module a file of the zone names (import, export … from, import(), import x = require(),
 * `typeof import('…')`) must be a relative path that stays inside one of the zone's folders, or a package on
 * the zone's allow-list (or a subpath of one). Anything else is refused with the zone's message for it.
 */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Allow-list of the modules a process zone may import (docs/design.md "Layout")' },
    schema: [
      {
        type: 'object',
        properties: {
          zone: { type: 'string' },
          folders: { type: 'array', items: { type: 'string' } },
          packages: { type: 'array', items: { type: 'string' } },
          messages: { type: 'object', additionalProperties: { type: 'string' } },
        },
        required: ['zone', 'folders', 'packages', 'messages'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { zone, folders, packages, messages } = context.options[0];
    const allowed = new Set(packages);
    const root = context.cwd;
    const here = path.dirname(context.filename);

    function verdict(source) {
      if (source.startsWith('.') || source.startsWith('/')) {
        const rel = path.relative(root, path.resolve(here, source)).split(path.sep);
        const top = rel[0];
        if (top !== '..' && folders.includes(top)) return undefined;
        return messages[top] ?? messages.outside;
      }
      if (nodeBuiltins.has(source) || nodeBuiltins.has(source.split('/')[0]) || source.startsWith('node:')) return messages.node;
      const name = packageName(source);
      if (name === 'electron') return messages.electron;
      if (allowed.has(name)) return undefined;
      return `${zone} may import only ${packages.join(', ')} and relative paths inside ${folders.map((f) => `${f}/`).join(' or ')}; '${name}' is not on the allow-list (eslint.config.mjs, docs/design.md "Layout"). ${messages.package}`;
    }

    function check(node, sourceNode) {
      if (!sourceNode) return;
      const literal = sourceNode.type === 'TSLiteralType' ? sourceNode.literal : sourceNode;
      if (literal.type !== 'Literal' || typeof literal.value !== 'string') {
        context.report({ node, message: `${zone} imports only literal module names, so the allow-list can check them.` });
        return;
      }
      const message = verdict(literal.value);
      if (message) context.report({ node, message });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.argument),
      TSExternalModuleReference: (node) => check(node, node.expression),
      'CallExpression[callee.type="Identifier"][callee.name="require"]': (node) => check(node, node.arguments[0]),
    };
  },
};

const zones = { rules: { 'allowed-imports': allowedImports } };

/** A relative import that climbs into the named top-level folder. */
const into = (folder, message) => ({ regex: `^(\\.{1,2}/)+(.*/)?${folder}(/|$)`, message });

/** Reads of the clock and of randomness, refused where output must be a function of the input alone. */
const clockAndChance = (why) => ({
  properties: [
    { object: 'Date', property: 'now', message: `${why} reads no clock (docs/design.md): pass the time in.` },
    { object: 'Math', property: 'random', message: `${why} is deterministic (docs/design.md): pass a seed or the value in.` },
  ],
  syntax: [
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: `${why} reads no clock (docs/design.md): new Date() is now; pass the time in (new Date(x) is fine).`,
    },
    {
      selector: "CallExpression[callee.name='Date']",
      message: `${why} reads no clock (docs/design.md): Date() is the current time as text; pass the time in.`,
    },
  ],
});

const sharedClock = clockAndChance('shared/');

export default tseslint.config(
  { ignores: ['app/dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Node's globals only where Node runs: not in shared/ (pure) nor in the renderer (a browser page).
    ignores: ['shared/**', 'renderer/**'],
    languageOptions: { globals: { ...globals.node } },
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
    // No `/* global Buffer */` or `eslint-disable` can reopen the zone from inside a file.
    linterOptions: { noInlineConfig: true },
    languageOptions: {
      // ECMAScript's own globals only (ecmaVersion "latest" gives them; `lib` is the TypeScript lib of
      // tsconfig.node.json): no Node (`Buffer`, `process`, `setTimeout`, `require`, `__dirname`), no DOM,
      // no host API (`console`, `TextDecoder`, `URL`, `structuredClone`, `performance`, `crypto`).
      globals: {},
      parserOptions: { lib: ['es2023'] },
    },
    plugins: { zones },
    rules: {
      // typescript-eslint turns no-undef off for TypeScript; here it is the allow-list of globals.
      'no-undef': 'error',
      'zones/allowed-imports': [
        'error',
        {
          zone: 'shared/',
          folders: ['shared'],
          packages: Object.keys(SHARED_PACKAGES),
          messages: {
            node: 'shared/ is pure (docs/design.md): no node:* — gather facts in main/ and pass them in.',
            electron: 'shared/ is pure (docs/design.md): no electron.',
            main: 'shared/ must not import main/ (docs/design.md): move the pure part into shared/.',
            renderer: 'shared/ must not import renderer/ (docs/design.md).',
            outside: 'shared/ must not import outside shared/ (docs/design.md): it is imported by both processes.',
            package: 'shared/ is pure: UI code belongs in renderer/, disk and process code in main/; a new pure library is added to SHARED_PACKAGES with its reason.',
          },
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'globalThis', message: 'shared/ reads no globals (docs/design.md): pass values in.' },
        { name: 'process', message: 'shared/ reads no globals (docs/design.md): pass values in.' },
        { name: 'window', message: 'shared/ has no DOM (docs/design.md).' },
        { name: 'document', message: 'shared/ has no DOM (docs/design.md).' },
      ],
      'no-restricted-properties': ['error', ...sharedClock.properties],
      'no-restricted-syntax': [
        'error',
        ...sharedClock.syntax,
        {
          selector: "TSModuleDeclaration[kind='global']",
          message: 'shared/ declares no globals (docs/design.md): export the type instead.',
        },
        {
          selector: ':matches(VariableDeclaration, TSDeclareFunction, ClassDeclaration, TSModuleDeclaration[kind!="global"])[declare=true]',
          message: 'shared/ declares no ambient values (docs/design.md): a `declare` hides a global from the allow-list.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    linterOptions: { noInlineConfig: true },
    // The browser's globals and ECMAScript's; none of Node's.
    languageOptions: { globals: { ...globals.browser }, parserOptions: { lib: ['es2023', 'dom', 'dom.iterable'] } },
    plugins: { 'react-hooks': reactHooks, zones },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-undef': 'error',
      'zones/allowed-imports': [
        'error',
        {
          zone: 'The renderer',
          folders: ['renderer', 'shared'],
          packages: Object.keys(RENDERER_PACKAGES),
          messages: {
            node: 'The renderer has no Node (docs/design.md): ask main through window.api.',
            electron: 'The renderer talks to main only through window.api (docs/design.md).',
            main: 'The renderer must not import main/ (docs/design.md): use window.api, or move pure code to shared/.',
            outside: 'The renderer imports only renderer/ and shared/ (docs/design.md).',
            package: 'A new UI library is added to RENDERER_PACKAGES with its reason.',
          },
        },
      ],
    },
  },
  {
    // This build has no React Compiler, so nothing memoizes the virtualizer's functions; useVirtualizer
    // re-renders on scroll itself (the rule would otherwise ask for the compiler's opt-out in this file).
    files: ['renderer/src/components/FilesetTable.tsx'],
    rules: { 'react-hooks/incompatible-library': 'off' },
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
