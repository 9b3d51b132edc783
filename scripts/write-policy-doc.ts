// Writes docs/policy.md from the policy catalog (shared/policy/catalog.ts): `npm run docs`.
// test/unit/docs-policy.test.ts fails when the committed page differs from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderPolicyMarkdown } from '../shared/policy/render-markdown';

const out = path.join(__dirname, '..', 'docs', 'policy.md');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, renderPolicyMarkdown());
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
