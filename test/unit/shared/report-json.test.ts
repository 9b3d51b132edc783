import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportJsonChunks } from '../../../shared/model/report-json';

describe('reportJsonChunks', () => {
  it('lays a report out with one fileset per line and parses back to it', () => {
    const report = { schemaVersion: 5, roots: ['/data'], skipped: undefined, filesets: [{ id: 'a', files: ['x.mrc'] }, { id: 'b', files: [] }], issues: [] };
    const text = [...reportJsonChunks(report)].join('');
    expect(text).toBe('{\n  "schemaVersion": 5,\n  "roots": [\n    "/data"\n  ],\n  "filesets": [\n    {"id":"a","files":["x.mrc"]},\n    {"id":"b","files":[]}\n  ],\n  "issues": []\n}\n');
  });

  it('writes an empty object as {}', () => {
    expect([...reportJsonChunks({})].join('')).toBe('{}\n');
  });

  it('parses back to what JSON.stringify would have written, for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        expect(JSON.parse([...reportJsonChunks(value)].join(''))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
