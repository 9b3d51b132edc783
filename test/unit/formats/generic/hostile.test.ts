import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { HEAD_BYTES } from '../../../../main/formats/detector';
import { genericDetectors } from '../../../../main/formats/families/generic';
import { utf8 } from '../../../fixtures/format-fixture';

/** Well inside the property test's 3 s hang limit: every detector must stay linear on its 64 KiB head. */
const MAX_MS = 400;

/** Heads built to make regular expressions backtrack or scanners loop: repeated openers that never close. */
const PATTERNS = ['<!--', '<?', '<!DOCTYPE [', '<root ', '<root><MatrixTransformation ', '<root><transformation ', '"', '{"a":', '[', '(Transform "x" ', 'a,', '"Pt-0","true",', '\\', '#Insight Transform File\nTransform: ', '%PDF-1.7 /Producer (', 'ustar\0'];

describe('generic detectors on hostile heads', () => {
  for (const pattern of PATTERNS) {
    it(`stay fast on 64 KiB of ${JSON.stringify(pattern)}`, async () => {
      const bytes = utf8(pattern.repeat(Math.ceil((HEAD_BYTES + 1024) / pattern.length)));
      for (const d of genericDetectors) {
        const ctx = contextFromBytes('hostile.xml', bytes);
        const start = performance.now();
        d.sniff(ctx);
        await d.detect(ctx);
        expect(performance.now() - start, `${d.id} on ${JSON.stringify(pattern)}`).toBeLessThan(MAX_MS);
      }
    });
  }
});
