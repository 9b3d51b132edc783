// One test per BIA file-list rule (docs/bia.md §1.3), with the backend's own messages where it has one
// (docs/bia.md §1.2: "First header value should be 'Files'", "Attribute name is required", "File Path is
// required", "A file list should contain at least one file", "The given file path contains invalid characters").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BIA_BACKEND_PATH_PATTERN, lintFileList, passesFileListRules, type FileListProblem } from '../../../../../shared/bundles/bia/file-list-rules';

/** A one-column list of these paths, as TSV text. */
const list = (...paths: string[]): string => `Files\n${paths.map((p) => `${p}\n`).join('')}`;
const codes = (ps: readonly FileListProblem[]) => ps.map((p) => `${p.severity}:${p.code}:${p.line}`);

describe('BIA file-list rules: errors (docs/bia.md §1.3)', () => {
  it('a character outside [A-Za-z0-9!-_.*\'()/ ] (a µ in a folder name) is an error naming the character', () => {
    const ps = lintFileList(list('LM/5µm_sections/img.tif'));
    expect(codes(ps)).toEqual(['error:bad-character:2']);
    expect(ps[0]!.message).toContain('The given file path contains invalid characters');
    expect(ps[0]!.message).toContain('"µ" (U+00B5)');
  });
  it('a backslash is an error', () => {
    expect(codes(lintFileList(list('LM\\cellA.tif')))).toEqual(['error:backslash:2']);
  });
  it('a leading ./ is an error', () => {
    expect(codes(lintFileList(list('./LM/cellA.tif')))).toEqual(['error:leading-dot-slash:2']);
  });
  it('any ../ is an error, even inside a path', () => {
    expect(codes(lintFileList(list('LM/../cellA.tif')))).toEqual(['error:parent-segment:2']);
  });
  it('a doubled slash is an error (docs/bia.md §1.1 rule 6)', () => {
    expect(codes(lintFileList(list('LM//cellA.tif')))).toEqual(['error:doubled-slash:2']);
  });
  it('a trailing / is an error', () => {
    expect(codes(lintFileList(list('LM/cellA.tif', 'LM/stack.ome.zarr/')))).toEqual(['error:trailing-slash:3']);
  });
  it('a trailing space in a name is an error (and a space warning)', () => {
    expect(codes(lintFileList(list('LM/cellA.tif ')))).toEqual(['error:trailing-space:2', 'warning:space:2']);
    expect(codes(lintFileList(list('LM /cellA.tif')))).toEqual(['error:trailing-space:2', 'warning:space:2']);
  });
  it('an empty path is an error: "File Path is required"', () => {
    const ps = lintFileList({ header: ['Files', 'Channel'], rows: [['', 'DAPI'], ['a.tif', 'GFP']] });
    expect(codes(ps)).toEqual(['error:empty-path:2']);
    expect(ps[0]!.message).toContain('File Path is required');
  });
  it('a duplicate path is an error naming both lines', () => {
    const ps = lintFileList(list('a.tif', 'b.tif', 'a.tif'));
    expect(codes(ps)).toEqual(['error:duplicate-path:4']);
    expect(ps[0]!.message).toContain('lines 2 and 4');
  });
  it('a tab or newline in a cell is an error (table input), and so are extra cells and CRLF line ends (TSV input)', () => {
    expect(codes(lintFileList({ header: ['Files', 'Note'], rows: [['a.tif', 'two\nlines'], ['b.tif', 'x']] }))).toEqual(['error:tab-or-newline:2']);
    expect(codes(lintFileList('Files\tNote\na.tif\tx\ty\nb.tif\tz\n'))).toEqual(['error:tab-or-newline:2']);
    expect(codes(lintFileList('Files\r\na.tif\r\nb.tif\r\n'))).toContain('error:tab-or-newline:2');
  });
  it('a blank header cell is an error: "Attribute name is required"', () => {
    const ps = lintFileList('Files\t\na.tif\tx\nb.tif\ty\n');
    expect(codes(ps)).toEqual(['error:blank-header:1']);
    expect(ps[0]!.message).toContain('Attribute name is required');
  });
  it("a first header cell other than Files is an error: \"First header value should be 'Files'\"; a BOM is named", () => {
    const ps = lintFileList('File\na.tif\n');
    expect(codes(ps)).toEqual(['error:first-header:1']);
    expect(ps[0]!.message).toContain("First header value should be 'Files'");
    expect(lintFileList('\uFEFFFiles\na.tif\n')[0]!.message).toContain('byte-order mark');
  });
  it('an empty list is an error: "A file list should contain at least one file"', () => {
    const ps = lintFileList('Files\n');
    expect(codes(ps)).toEqual(['error:empty-list:0']);
    expect(ps[0]!.message).toContain('A file list should contain at least one file');
  });
  it('an extension other than .tsv, .xlsx or .json is an error (.xls included)', () => {
    expect(codes(lintFileList(list('a.tif'), { name: 'lm.xls' }))).toEqual(['error:bad-extension:0']);
    expect(codes(lintFileList(list('a.tif'), { name: 'lm.csv' }))).toEqual(['error:bad-extension:0']);
    expect(lintFileList(list('a.tif'), { name: 'lm.tsv' })).toEqual([]);
  });
  it('a listed file missing from the upload is an error when the upload is known', () => {
    expect(codes(lintFileList(list('a.tif', 'b.tif'), { existing: new Set(['a.tif']) }))).toEqual(['error:missing-file:3']);
  });
});

describe('BIA file-list rules: warnings (docs/bia.md §1.3)', () => {
  it('a space in a path is a warning only', () => {
    const ps = lintFileList(list('Measurement 1/a.tif'));
    expect(codes(ps)).toEqual(['warning:space:2']);
    expect(passesFileListRules(ps)).toBe(true);
  });
  it('a directory entry is a warning (docs/bia.md §1.1 rule 9)', () => {
    expect(codes(lintFileList(list('stack.ome.zarr', 'stack.ome.zarr/.zattrs')))).toEqual(['warning:directory-entry:2']);
  });
  it('a column with one value throughout is a warning (docs/bia.md §1.1 rule 10); one row is not a column "throughout"', () => {
    const ps = lintFileList('Files\tOrganism\tChannel\na.tif\tHomo sapiens\tDAPI\nb.tif\tHomo sapiens\tGFP\n');
    expect(codes(ps)).toEqual(['warning:constant-column:1']);
    expect(ps[0]!.column).toBe('Organism');
    expect(lintFileList('Files\tOrganism\na.tif\tHomo sapiens\n')).toEqual([]);
  });
  it('two paths differing only in case are a warning', () => {
    expect(codes(lintFileList(list('LM/CellA.tif', 'LM/cella.tif')))).toEqual(['warning:case-duplicate:3']);
  });
  it('a blank line is a warning (the backend skips it; the help page asks for none)', () => {
    expect(codes(lintFileList('Files\na.tif\n\nb.tif\n'))).toEqual(['warning:blank-line:3']);
  });
  it('the example of docs/bia.md §1.4 passes with no problem', () => {
    const example = [
      'Files\tChannel\tSample\tRole\tDescription',
      'LM/cellA/cellA_confocal.czi\tDAPI;GFP\tcellA\traw\tAiryscan stack before high-pressure freezing',
      'LM/cellA/cellA_confocal.ome.tif\tDAPI;GFP\tcellA\tprocessed\tDeconvolved OME-TIFF export',
      'registration/cellA_LM_to_EMPIAR-XXXXX_affine.xml\tn/a\tcellA\ttransform\tAffine LM-to-EM transform',
      'registration/cellA_landmarks.csv\tn/a\tcellA\tfiducials\tFiducial coordinates in LM and EM space',
      '',
    ].join('\n');
    // Sample is cellA throughout: rule 10 says it belongs in the form; that is the one warning.
    expect(codes(lintFileList(example, { name: 'light-microscopy.tsv' }))).toEqual(['warning:constant-column:1']);
  });
});

describe('the lint against the backend pattern (docs/bia.md §1.2)', () => {
  const ALLOWED = "abcXYZ019!-_.*'() /";
  const allowedPath = fc.string({ unit: fc.constantFrom(...ALLOWED.split('')), minLength: 1, maxLength: 40 });
  const anyPath = fc.oneof(allowedPath, fc.string({ minLength: 1, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }));

  it('every path the lint accepts matches the backend regex', () => {
    fc.assert(
      fc.property(anyPath, (p) => {
        const errors = lintFileList({ header: ['Files'], rows: [[p]] }).filter((x) => x.severity === 'error');
        if (errors.length === 0) expect(BIA_BACKEND_PATH_PATTERN.test(p)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('every path with a character outside the allowed set is rejected', () => {
    const outside = fc.string({ minLength: 1, maxLength: 3 }).filter((s) => /[^A-Za-z0-9!\-_.*'()/ ]/.test(s));
    fc.assert(
      fc.property(allowedPath, outside, allowedPath, (a, bad, b) => {
        const p = `${a}${bad}${b}`;
        expect(passesFileListRules(lintFileList({ header: ['Files'], rows: [[p]] }))).toBe(false);
        expect(BIA_BACKEND_PATH_PATTERN.test(p)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
