import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { osClutterDetector } from '../../../../main/formats/families/generic/os-clutter';
import { utf8 } from '../../../fixtures/format-fixture';
import { writeAppleDouble, writeDesktopIni, writeDsStore } from '../../../fixtures/writers/generic/os-clutter';

describe('operating-system clutter', () => {
  it('needs the bytes: magic and name give STRUCTURE, the magic alone MAGIC with a problem', async () => {
    expect(await osClutterDetector.detect(contextFromBytes('._a.tif', writeAppleDouble()))).toMatchObject({ confidence: CONFIDENCE.STRUCTURE });
    const renamed = await osClutterDetector.detect(contextFromBytes('resource.bin', writeAppleDouble()));
    expect(renamed).toMatchObject({ format: 'os-clutter', confidence: CONFIDENCE.MAGIC });
    expect(renamed?.problems.join()).toMatch(/unusual name/);
    expect(await osClutterDetector.detect(contextFromBytes('DS_Store.bak', writeDsStore()))).toMatchObject({ confidence: CONFIDENCE.MAGIC });
  });

  it('refuses a .DS_Store header whose bookkeeping offsets disagree', async () => {
    const bytes = writeDsStore();
    bytes[19] = 0x01;
    expect(await osClutterDetector.detect(contextFromBytes('.DS_Store', bytes))).toBeNull();
  });

  it('takes a plain-text desktop.ini only weakly, and Explorer’s section without the name only a little', async () => {
    expect(await osClutterDetector.detect(contextFromBytes('desktop.ini', utf8('hello\n')))).toMatchObject({ confidence: CONFIDENCE.WEAK });
    const section = await osClutterDetector.detect(contextFromBytes('folder.ini', writeDesktopIni()));
    expect(section?.confidence).toBeGreaterThan(0.5);
    expect(section?.confidence).toBeLessThan(CONFIDENCE.MAGIC);
    expect(await osClutterDetector.detect(contextFromBytes('config.ini', utf8('[ViewState]\nMode=1\n')))).toBeNull();
  });
});
