import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FORMAT_CATALOG, FORMAT_IDS, FormatIdSchema, isFormatId, type FormatId } from '../../../shared/formats/format-catalog';
import { FilesetSchema } from '../../../shared/model/fileset';
import { ScanReportSchema } from '../../../shared/model/scan-report';
import { scanReportJsonSchema } from '../../../shared/model/report-json-schema';
import { createReport } from '../../helpers/factories';

// Format ids are a closed set: the catalog's ids and `unknown`. A misspelt id must fail both the type check
// (the `@ts-expect-error` lines below stop compiling when it no longer does) and the report schemas.

describe('format ids', () => {
  it('are the catalog ids, then unknown', () => {
    expect(FORMAT_IDS).toEqual([...FORMAT_CATALOG.map((f) => f.id), 'unknown']);
    expect(FormatIdSchema.options).toEqual(FORMAT_IDS);
  });

  it('refuse a misspelt id at compile time and at run time', () => {
    // @ts-expect-error 'ome-tif' is not a format id ('ome-tiff' is).
    const misspelt: FormatId = 'ome-tif';
    expect(FormatIdSchema.safeParse(misspelt).success).toBe(false);
    expect(isFormatId('ome-tif')).toBe(false);
    expect(isFormatId('ome-tiff')).toBe(true);
    expect(isFormatId('unknown')).toBe(true);
  });

  it('are checked on every fileset of a report', () => {
    const report = createReport();
    const fileset = report.filesets[0]!;
    expect(FilesetSchema.safeParse({ ...fileset, format: 'relion_star' }).success).toBe(false);
    expect(FilesetSchema.safeParse({ ...fileset, format: 'relion-star' }).success).toBe(true);
    expect(ScanReportSchema.safeParse({ ...report, filesets: [{ ...fileset, format: 'tiff ' }] }).success).toBe(false);
  });

  it('are listed by the exported JSON Schema, which refuses any other', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(scanReportJsonSchema());
    const report = createReport();
    const fileset = report.filesets[0]!;
    expect(validate({ ...report, filesets: [{ ...fileset, format: 'mrc' }] })).toBe(true);
    expect(validate({ ...report, filesets: [{ ...fileset, format: 'mrcc' }] })).toBe(false);
    expect(JSON.stringify(scanReportJsonSchema())).toContain(JSON.stringify(FORMAT_IDS));
  });
});
