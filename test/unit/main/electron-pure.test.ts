import { describe, expect, it } from 'vitest';
import { isAllowedRequest } from '../../../main/electron/request-policy';
import { createSenderCheck } from '../../../main/ipc/sender';

describe('isAllowedRequest', () => {
  const policy = { rendererDir: '/opt/app/dist/renderer' };

  it.each([
    ['file:///opt/app/dist/renderer/index.html', true],
    ['file:///opt/app/dist/renderer/assets/index-abc.js', true],
    ['file:///opt/app/dist/renderer/../main/index.js', false],
    ['file:///etc/passwd', false],
    ['file:///opt/app/dist/renderer-evil/x.js', false],
    ['https://www.ebi.ac.uk/empiar/', false],
    ['http://localhost:5173/', false],
    ['data:text/html,<script>', false],
    ['devtools://devtools/bundled/inspector.html', false], // DevTools only where they are on (ipc-hardening.test.ts)
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedRequest(url, policy)).toBe(allowed);
  });

  it('lets the dev server and its hot-reload socket through only while developing', () => {
    const dev = { ...policy, devOrigin: 'http://localhost:5173' };
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('https://cdn.example.com/react.js', dev)).toBe(false);
  });
});

describe('createSenderCheck', () => {
  const check = createSenderCheck({ fileUrl: 'file:///opt/app/dist/renderer/index.html', origins: ['http://127.0.0.1:4173'] });
  it.each([
    ['file:///opt/app/dist/renderer/index.html', true],
    ['file:///opt/app/dist/renderer/index.html#/details', true],
    ['file:///opt/app/dist/renderer/other.html', false],
    ['http://127.0.0.1:4173/index.html', true],
    ['http://127.0.0.1:4174/', false],
    ['http://evil.example/', false],
    [undefined, false],
  ])('%s → %s', (url, trusted) => {
    expect(check(url)).toBe(trusted);
  });

  it('trusts no file page when none is configured', () => {
    expect(createSenderCheck({})('file:///opt/app/dist/renderer/index.html')).toBe(false);
  });
});
