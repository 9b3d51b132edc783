// Writes the ScanReport JSON Schema into the build (app/dist/schema/), from the zod schema in shared/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scanReportJsonSchema } from '../shared/model/report-json-schema';

const out = path.join(__dirname, '..', 'app', 'dist', 'schema', 'scan-report.schema.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(scanReportJsonSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
