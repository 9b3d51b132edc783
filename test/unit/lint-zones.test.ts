import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = path.join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: REPO });

/** The rules that draw the zones: ESLint's no-restricted-*, no-undef (the globals allow-list) and the local zones/ rules. */
const isBoundaryRule = (ruleId: string | null): boolean =>
  ruleId !== null && (ruleId.startsWith('no-restricted-') || ruleId.startsWith('zones/') || ruleId === 'no-undef');

/** Lints `code` as if it were the file at `rel` and returns the messages of the boundary rules. */
async function boundaryMessages(rel: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, rel) });
  return (result?.messages ?? []).filter((m) => isBoundaryRule(m.ruleId)).map((m) => m.message);
}

/** Whether lint lets `file` import the module `name` (a default import used once, so nothing else fires). */
async function importAllowed(file: string, name: string): Promise<boolean> {
  return (await boundaryMessages(file, `import x from '${name}';\nexport const a = x;`)).length === 0;
}

const use = (expr: string): string => `export const a = ${expr};`;

describe('ESLint enforces the process boundaries of docs/design.md', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", /shared\/ is pure/],
    ['shared/x.ts', "import path from 'path';\nexport const a = path;", /shared\/ is pure/],
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;", /no electron/],
    ['shared/x.ts', "import { runScan } from '../main/scan/run-scan';\nexport const a = runScan;", /must not import main/],
    ['shared/x.ts', "import { App } from '../renderer/src/App';\nexport const a = App;", /must not import renderer/],
    ['shared/x.ts', 'export const t = Date.now();', /reads no clock/],
    ['shared/x.ts', 'export const e = process.env;', /reads no globals/],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", /renderer has no Node/],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;", /only through window\.api/],
    ['renderer/src/x.ts', "import { walk } from '../../main/scan/walker';\nexport const a = walk;", /must not import main/],
    ['main/scan/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron\/ may import electron/],
    ['main/scan/x.ts', "import { App } from '../../renderer/src/App';\nexport const a = App;", /must not import renderer/],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await boundaryMessages(file, code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();"],
    ['main/scan/x.ts', "import { readFileSync } from 'node:fs';\nimport { DESTINATIONS } from '../../shared/model/destination';\nexport const a = [readFileSync, DESTINATIONS];"],
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['renderer/src/x.ts', "import { formatBytes } from '../../shared/text/units';\nexport const a = formatBytes;"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });
});

describe('shared/ is an allow-list (issue 12, finding 9)', () => {
  it.each([
    // Packages that are not on the list: UI, stores, and any npm package at all.
    ["import React from 'react';\nexport const a = React;", /'react' is not on the allow-list/],
    ["import { create } from 'zustand';\nexport const a = create;", /'zustand' is not on the allow-list/],
    ["import { useVirtualizer } from '@tanstack/react-virtual/sub';\nexport const a = useVirtualizer;", /'@tanstack\/react-virtual' is not on the allow-list/],
    ["import YAML from 'yaml';\nexport const a = YAML;", /'yaml' is not on the allow-list/],
    ["export * from 'fast-xml-parser';", /'fast-xml-parser' is not on the allow-list/],
    ["export { parse } from 'yaml';", /'yaml' is not on the allow-list/],
    ["import type { Stats } from 'node:fs';\nexport type A = Stats;", /no node:\*/],
    ["import { readFile } from 'fs/promises';\nexport const a = readFile;", /no node:\*/],
    ["export type A = typeof import('node:fs');", /no node:\*/],
    ["export const a = import('node:child_process');", /no node:\*/],
    ['export const a = (m: string) => import(m);', /only literal module names/],
    ["import fs = require('fs');\nexport const a = fs;", /no node:\*/],
    // Relative paths that leave shared/ for a folder that is neither main/ nor renderer/.
    ["import { t } from '../test/fixtures/x';\nexport const a = t;", /must not import outside shared/],
    ["import { t } from '../scripts/write-schema';\nexport const a = t;", /must not import outside shared/],
    ["import { t } from '../../elsewhere/x';\nexport const a = t;", /must not import outside shared/],
  ])('shared/x.ts: %s is refused', async (code, message) => {
    const messages = await boundaryMessages('shared/x.ts', code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    // Node's globals (none are ECMAScript's).
    ['Buffer', use("Buffer.from('x')")],
    ['setTimeout', use('setTimeout(() => 0, 1)')],
    ['setInterval', use('setInterval(() => 0, 1)')],
    ['setImmediate', use('setImmediate(() => 0)')],
    ['require', use("require('node:fs')")],
    ['__dirname', use('__dirname')],
    ['__filename', use('__filename')],
    ['global', use('global')],
    ['module', use('module')],
    // Host APIs of the browser and of Node that ECMAScript does not define (shared/ uses none of them today).
    ['console', 'export function f(): void { console.log(1); }'],
    ['TextDecoder', use('new TextDecoder()')],
    ['URL', use("new URL('file:///x')")],
    ['structuredClone', use('structuredClone({})')],
    ['performance', use('performance.now()')],
    ['crypto', use('crypto.randomUUID()')],
    ['fetch', use("fetch('https://example.org')")],
    ['navigator', use('navigator.language')],
  ])('shared/x.ts: the global %s is refused', async (name, code) => {
    const messages = await boundaryMessages('shared/x.ts', code);
    expect(messages, messages.join('\n')).toContain(`'${name}' is not defined.`);
  });

  it.each([
    ['new Date()', use('new Date()'), /reads no clock/],
    ['new Date', use('new Date'), /reads no clock/],
    ['Date()', use('Date()'), /reads no clock/],
    ['Date.now()', use('Date.now()'), /reads no clock/],
    ['Math.random()', use('Math.random()'), /deterministic/],
    ['globalThis', use('globalThis.Buffer'), /reads no globals/],
    ['process', use('process.cwd()'), /reads no globals/],
    ['window', use('window'), /no DOM/],
    ['declare const', 'declare const Buffer: { from(s: string): unknown };\nexport const a = Buffer;', /ambient/],
    ['declare function', 'declare function setTimeout(f: () => void): number;\nexport const a = setTimeout;', /ambient/],
    ['declare namespace', 'declare namespace NodeJS { const x: number }\nexport const a = NodeJS.x;', /ambient/],
    ['declare global', 'declare global { const Buffer: unknown }\nexport {};', /declares no globals/],
    // No comment in the file can reopen the zone: inline config is off in shared/.
    ['/* global */', `/* global Buffer */\n${use("Buffer.from('x')")}`, /'Buffer' is not defined/],
    ['eslint-disable', `// eslint-disable-next-line no-undef\n${use("Buffer.from('x')")}`, /'Buffer' is not defined/],
  ])('shared/x.ts: %s is refused', async (_what, code, message) => {
    const messages = await boundaryMessages('shared/x.ts', code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['zod', "import { z } from 'zod';\nexport const s = z.string();"],
    ['a zod subpath', "import * as core from 'zod/v4/core';\nexport const a = core;"],
    ['ajv', "import { Ajv } from 'ajv';\nexport const a = new Ajv();"],
    ['ajv-formats', "import addFormats from 'ajv-formats';\nexport const a = addFormats;"],
    ['a sibling', "import { b } from './b';\nexport const a = b;"],
    ['a JSON file beside it', "import schema from './bundles/empiar/empiar-deposition.schema.json';\nexport const a = schema;"],
    ['another folder of shared/', "import { DESTINATIONS } from '../model/destination';\nexport const a = DESTINATIONS;"],
    ['a date from a value', 'export const f = (ms: number): string => new Date(ms).toISOString();'],
    ['a parsed date', "export const t = Date.parse('2024-01-01T00:00:00Z') + Date.UTC(2024, 0, 1);"],
    ['Math without chance', 'export const m = Math.max(1, Math.floor(2.5));'],
    // ECMAScript's own globals, values and types (ECMA-262 §19 "The Global Object", ECMA-402 for Intl).
    ['ECMAScript globals', 'export const g = [new Map<string, number>(), new Set(), JSON.parse("1"), new Uint8Array(2), new DataView(new ArrayBuffer(4)), BigInt(1), Symbol("s"), Promise.resolve(1), new Intl.NumberFormat("en"), Number.isFinite(1), Reflect.ownKeys({}), new WeakMap(), encodeURIComponent("a b")];'],
    ['TypeScript lib types', 'export type T = Readonly<Record<string, ReadonlyArray<number>>> | Partial<Iterable<string>> | PromiseLike<void>;'],
  ])('shared/policy/x.ts: %s passes', async (_what, code) => {
    expect(await boundaryMessages('shared/policy/x.ts', code)).toEqual([]);
  });
});

describe('the renderer is an allow-list (issue 12, finding 9)', () => {
  it.each([
    ["import YAML from 'yaml';\nexport const a = YAML;", /'yaml' is not on the allow-list/],
    ["import { Ajv } from 'ajv';\nexport const a = Ajv;", /'ajv' is not on the allow-list/],
    ["import { XMLParser } from 'fast-xml-parser';\nexport const a = XMLParser;", /'fast-xml-parser' is not on the allow-list/],
    ["import { create } from 'zustand-persist-something';\nexport const a = create;", /'zustand-persist-something' is not on the allow-list/],
    ["import type { Stats } from 'node:fs';\nexport type A = Stats;", /renderer has no Node/],
    ["import type { IpcRenderer } from 'electron';\nexport type A = IpcRenderer;", /only through window\.api/],
    ["export type A = typeof import('../../main/scan/walker');", /must not import main/],
    ["import { t } from '../../test/fixtures/x';\nexport const a = t;", /imports only renderer\/ and shared\//],
    ["import { t } from '../../scripts/start';\nexport const a = t;", /imports only renderer\/ and shared\//],
  ])('renderer/src/x.ts: %s is refused', async (code, message) => {
    const messages = await boundaryMessages('renderer/src/x.ts', code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['Buffer', use("Buffer.from('x')")],
    ['process', use('process.env')],
    ['require', use("require('node:fs')")],
    ['__dirname', use('__dirname')],
    ['global', use('global')],
    ['setImmediate', use('setImmediate(() => 0)')],
  ])('renderer/src/x.ts: the Node global %s is refused', async (name, code) => {
    const messages = await boundaryMessages('renderer/src/x.ts', code);
    expect(messages, messages.join('\n')).toContain(`'${name}' is not defined.`);
  });

  it('renderer/src/x.ts: a `/* global process */` comment cannot reopen the zone', async () => {
    const messages = await boundaryMessages('renderer/src/x.ts', `/* global process */\n${use('process.env')}`);
    expect(messages).toContain("'process' is not defined.");
  });

  it.each([
    ['React', "import { useState, type ReactNode } from 'react';\nexport const a: [typeof useState, ReactNode] = [useState, null];"],
    ['react-dom/client', "import { createRoot } from 'react-dom/client';\nexport const a = createRoot;"],
    ['zustand', "import { create } from 'zustand';\nexport const a = create;"],
    ['@tanstack/react-virtual', "import { useVirtualizer } from '@tanstack/react-virtual';\nexport const a = useVirtualizer;"],
    ['zod', "import { z } from 'zod';\nexport const a = z;"],
    ['a stylesheet', "import '../styles/study.css';\nexport const a = 1;"],
    ['shared/', "import type { DepositApi } from '../../../shared/ipc/api';\nexport type A = DepositApi;"],
    // The browser's timers and DOM are the renderer's own (the toasts of CitePage.tsx use them).
    ['browser globals', 'export const a = [setTimeout(() => 0, 1), window.location, document.title, new URL("file:///x"), new Date()];'],
  ])('renderer/src/pages/x.tsx: %s passes', async (_what, code) => {
    expect(await boundaryMessages('renderer/src/pages/x.tsx', code)).toEqual([]);
  });
});

describe('the allow-lists are exactly the documented ones, neither wider nor narrower', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  // Every package this project can import, plus a few that it cannot, so a wildcard would show.
  const candidates = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies), 'lodash', '@scope/pkg', 'zod-extra', 'reactive'];

  it('shared/ may import zod, ajv and ajv-formats and nothing else', async () => {
    // docs/design.md "Layout": `zod` and other pure libraries; docs/deposit.md and docs/empiar.md §3: the EMPIAR
    // schema is checked with Ajv 8 and ajv-formats.
    const allowed = [];
    for (const name of candidates) if (await importAllowed('shared/x.ts', name)) allowed.push(name);
    expect(allowed.sort()).toEqual(['ajv', 'ajv-formats', 'zod']);
  });

  it('the renderer may import React, react-dom, zustand, its one UI library and zod, and nothing else', async () => {
    // docs/design.md "Layout": `shared/`, React; docs/design.md: zustand stores; FilesetTable.tsx: @tanstack/react-virtual.
    const allowed = [];
    for (const name of candidates) if (await importAllowed('renderer/src/x.ts', name)) allowed.push(name);
    expect(allowed.sort()).toEqual(['@tanstack/react-virtual', 'react', 'react-dom', 'zod', 'zustand']);
  });
});
