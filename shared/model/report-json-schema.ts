import { z } from 'zod';
import { ScanReportSchema, SCAN_REPORT_SCHEMA_VERSION } from './scan-report';

/** Where the schema says it lives; consumers pin to the major version in the name. */
export const SCAN_REPORT_SCHEMA_ID = `https://deposit-assistant.invalid/schemas/scan-report-v${SCAN_REPORT_SCHEMA_VERSION}.json`;

/** The scan report as a JSON Schema (draft 2020-12), generated from the zod schema so the two cannot drift. */
export function scanReportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScanReportSchema, { target: 'draft-2020-12', io: 'output' }),
    $id: SCAN_REPORT_SCHEMA_ID,
    title: 'Deposit Assistant scan report',
  };
}
