import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ScanReportSchema, ScanReportViewSchema } from '../../../shared/model/scan-report';
import { DESTINATIONS, DestinationSchema } from '../../../shared/model/destination';
import { scanReportJsonSchema } from '../../../shared/model/report-json-schema';
import { toReportView } from '../../../shared/model/report-view';
import { FILESET_VIEW_SAMPLE } from '../../../shared/model/fileset';
import { createFileset, createReport } from '../../helpers/factories';

describe('destinations', () => {
  it('are exactly the six the design names', () => {
    expect([...DESTINATIONS]).toEqual(['EMPIAR', 'BIA', 'EMDB', 'OMICS', 'NONE', 'REVIEW']);
    expect(DestinationSchema.safeParse('ENA').success).toBe(false);
  });
});

describe('ScanReportSchema', () => {
  it('accepts a complete report', () => {
    expect(ScanReportSchema.parse(createReport())).toEqual(createReport());
  });

  it.each<[string, (r: ReturnType<typeof createReport>) => unknown]>([
    ['a wrong schema version', (r) => ({ ...r, schemaVersion: 2 })],
    ['an unknown destination', (r) => ({ ...r, filesets: [{ ...r.filesets[0], destination: 'ENA' }] })],
    ['a fileset without files', (r) => ({ ...r, filesets: [{ ...r.filesets[0], files: [] }] })],
    ['a negative byte count', (r) => ({ ...r, filesets: [{ ...r.filesets[0], bytes: -1 }] })],
    ['a confidence above 1', (r) => ({ ...r, filesets: [{ ...r.filesets[0], confidence: 1.5 }] })],
    ['an extra field (typos must not pass silently)', (r) => ({ ...r, filesetz: [] })],
    ['a missing totals field', (r) => ({ ...r, totals: { ...r.totals, files: undefined } })],
    ['an issue with an unknown code', (r) => ({ ...r, issues: [{ severity: 'error', code: 'OOPS', message: 'x' }] })],
    ['a non-ISO time', (r) => ({ ...r, generatedAt: 'yesterday' })],
  ])('rejects %s', (_what, mutate) => {
    expect(ScanReportSchema.safeParse(mutate(createReport())).success).toBe(false);
  });
});

describe('the exported JSON Schema', () => {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(scanReportJsonSchema());

  it('accepts what the zod schema accepts', () => {
    expect(validate(createReport()), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the zod schema rejects', () => {
    const bad = createReport({ filesets: [createFileset({ destination: 'ENA' as never })] });
    expect(validate(bad)).toBe(false);
    expect(validate({ ...createReport(), schemaVersion: 2 })).toBe(false);
    expect(validate({ ...createReport(), generatedAt: 'yesterday' })).toBe(false);
  });

  it('names itself and its version', () => {
    expect(scanReportJsonSchema()).toMatchObject({ $id: expect.stringContaining('scan-report-v5'), title: expect.any(String) });
  });
});

describe('toReportView', () => {
  it('keeps the first files of each fileset, drops the rest, and keeps everything else', () => {
    const files = Array.from({ length: 50 }, (_, i) => `s/f${i}.tif`);
    const report = createReport({ filesets: [createFileset({ files, fileCount: 50 })] });
    const view = toReportView(report, 'scan-1');
    expect(ScanReportViewSchema.parse(view)).toEqual(view);
    expect(view.filesets[0]!.sampleFiles).toEqual(files.slice(0, FILESET_VIEW_SAMPLE));
    expect(view.filesets[0]!.fileCount).toBe(50);
    expect(view.filesets[0]).not.toHaveProperty('files');
    expect(view.totals).toEqual(report.totals);
    expect(view.issuesOmitted).toBe(0);
  });

  it('caps issues and says how many it left out', () => {
    const issues = Array.from({ length: 1005 }, (_, i) => ({ severity: 'info' as const, code: 'SYMLINK' as const, path: `/l${i}`, message: 'link' }));
    const view = toReportView(createReport({ issues }), 'scan-1');
    expect(view.issues).toHaveLength(1000);
    expect(view.issuesOmitted).toBe(5);
  });
});
