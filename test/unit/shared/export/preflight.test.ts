import { describe, expect, it } from 'vitest';
import { BIA_WEB_MAX_FILE_BYTES, preflight, renderPreflight, type PreflightFile } from '../../../../shared/export/preflight';
import { bundleFolder, rootNames } from '../../../../shared/export/bundle-folder';

const file = (uploadPath: string, size: number | null = 10, md5?: string): PreflightFile => ({ uploadPath, size, utf8: !uploadPath.includes('\uFFFD'), ...(md5 ? { md5 } : {}) });
const codes = (files: PreflightFile[], bundle: 'BIA' | 'EMPIAR' = 'BIA') => preflight({ bundle, files }).map((f) => [f.code, f.severity, f.count]);

describe('preflight', () => {
  it('finds nothing in a clean BIA upload', () => {
    expect(codes([file('lm/cellA/cellA_confocal.czi'), file('lm/registration/cellA_landmarks.csv')])).toEqual([]);
  });

  it('lists zero-byte files', () => {
    expect(codes([file('lm/a.tif', 0), file('lm/b.tif', 5)])).toEqual([['zero-byte', 'warning', 1]]);
  });

  // docs/bia.md §1.1 rule 5 and §1.3: two paths differing only in case are a warning; folders merge too.
  it('lists names that differ only by case, files and folders', () => {
    const findings = preflight({ bundle: 'EMPIAR', files: [file('d/Raw/a.tif'), file('d/raw/b.tif'), file('d/x.TIF'), file('d/x.tif')] });
    const cases = findings.find((f) => f.code === 'case-collision')!;
    expect(cases.paths).toEqual(['d/Raw ≡ d/raw', 'd/x.TIF ≡ d/x.tif']);
  });

  // docs/bia.md §1.2: the backend's pattern allows only [0-9A-Za-z!\-_*'(). /]; `µ` and `#` are refused,
  // a space is allowed but discouraged (§1.1 rule 7), and a trailing space is trimmed (§1.1 rule 8).
  it.each([
    ['a micro sign', 'lm/stack_5µm.tif', 'bia-path-characters'],
    ['a hash', 'lm/well#3.tif', 'bia-path-characters'],
    ['a backslash', 'lm/a\\b.tif', 'bia-path-characters'],
    ['a newline', 'lm/a\nb.tif', 'bia-path-characters'],
    ['a trailing space in a folder', 'lm/run1 /a.tif', 'bia-path-characters'],
    ['a space', 'lm/cell A.tif', 'bia-path-space'],
  ])('flags %s in a BIA path', (_what, p, code) => {
    expect(codes([file(p)]).map((c) => c[0])).toEqual([code]);
  });

  it('applies the BIA path rules to the BIA bundle only', () => {
    expect(codes([file('em/stack_5µm.mrc')], 'EMPIAR').map((c) => c[0])).toEqual(['empiar-size-limit']);
  });

  it('lists duplicates: same size and same MD5, not empty files', () => {
    const md5 = '0cc175b9c0f1b6a831c399e269772661';
    const findings = preflight({ bundle: 'BIA', files: [file('a/1.tif', 1, md5), file('a/2.tif', 1, md5), file('a/3.tif', 2, md5), file('a/e1', 0, 'd41d8cd98f00b204e9800998ecf8427e'), file('a/e2', 0, 'd41d8cd98f00b204e9800998ecf8427e')] });
    expect(findings.find((f) => f.code === 'duplicate-content')!.paths).toEqual(['a/1.tif = a/2.tif']);
  });

  // docs/bia.md §0: the web tool takes under 50 GB in total and 20 GB per file; FTP up to 1 TB.
  it('warns of files and totals over the BIA web upload limits', () => {
    expect(codes([file('a/big.tif', 20e9 + 1)])).toEqual([['bia-web-file-size', 'warning', 1]]);
    expect(codes([file('a/1.tif', 19e9), file('a/2.tif', 19e9), file('a/3.tif', 19e9)])).toEqual([['bia-web-total-size', 'warning', 0]]);
    expect(codes(Array.from({ length: 60 }, (_, i) => file(`a/${i}.tif`, 19e9)))).toEqual([['bia-ftp-total-size', 'warning', 0]]);
    expect(BIA_WEB_MAX_FILE_BYTES).toBe(20e9);
  });

  it('says EMPIAR documents no size limit rather than inventing one', () => {
    expect(codes([file('em/a.mrc', 5e12)], 'EMPIAR')).toEqual([['empiar-size-limit', 'info', 0]]);
  });

  it('lists unreadable files and names that are not UTF-8 as errors', () => {
    expect(codes([file('a/gone.tif', null), file('a/caf\uFFFD.tif')])).toEqual([
      ['unreadable', 'error', 1],
      ['not-utf8-name', 'error', 1],
    ]);
  });

  it('writes PREFLIGHT.md with the rule and the files', () => {
    const md = renderPreflight('BIA', preflight({ bundle: 'BIA', files: [file('a/x.tif', 0)] }));
    expect(md).toContain('# Pre-flight check: BIA');
    expect(md).toContain('Rule: issue 9 (pre-flight lint). 1 found.');
    expect(md).toContain('- `a/x.tif`');
  });
});

describe('bundle folders and root names', () => {
  it('names the folders of issue 9', () => {
    expect((['EMPIAR', 'BIA', 'EMDB', 'OMICS', 'NONE'] as const).map(bundleFolder)).toEqual(['empiar', 'bia', 'emdb', 'omics', 'not-depositable']);
  });

  it('gives two roots of the same name distinct, file-name-safe names', () => {
    expect(rootNames(['/disk1/data', '/disk2/data', '/mnt/My Study (2024)', '/'])).toEqual(['data', 'data-2', 'My_Study__2024_', 'root']);
  });
});
