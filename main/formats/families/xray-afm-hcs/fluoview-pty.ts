import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable, unquote } from '../../kit/strings';
import { parseIni } from '../../kit/text';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';
import { settingsText } from './olympus';

/**
 * Olympus FluoView FV1000/FV1200 plane property files (`<name>.oif.files/s_C001Z001.pty`): UTF-16LE INI like
 * the .oif, one per TIFF plane. ome/bioformats FV1000Reader.initFile reads each with getIniFile, takes
 * `[File Info]` DataName (sanitizeValue strips the quotes) and replaceExtension(file, "pty", "tif") to find
 * the plane's TIFF in the same folder; so a .pty describes the TIFF of its DataName with .tif for .pty.
 * docs/formats.md §10.2.
 */
/** A .pty is a few kB; 256 KiB bounds a lying one. */
const PTY_BYTES = 256 * 1024;
/** FluoView plane names are short ("s_C001Z001T001.tif"); longer values are not a file name. */
const MAX_NAME_CHARS = 255;

/** The TIFF a .pty DataName names: FV1000Reader replaces a .pty extension with .tif, other names stay. */
function tiffName(dataName: string): string {
  return /\.pty$/i.test(dataName) ? `${dataName.slice(0, -4)}.tif` : dataName;
}

async function detectPty(ctx: DetectContext): Promise<Detection | null> {
  const { bytes } = await readPrefix(ctx, PTY_BYTES);
  const txt = settingsText(bytes);
  if (!/^\s*\[/.test(txt.slice(0, 64))) return null;
  const ini = parseIni(txt);
  const info = ini.get('File Info');
  const dataName = printable(unquote(info?.get('DataName')));
  if (!info || !dataName || dataName.length > MAX_NAME_CHARS || /[\\/]/.test(dataName)) return null;
  const described = tiffName(dataName);
  const facts: Facts = {
    instrument: { value: { manufacturer: 'Olympus' }, provenance: 'header' },
    describes: { value: [described], provenance: 'header' },
    header: { value: { dataName, sections: ini.size }, provenance: 'header' },
  };
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  return detection('fluoview-pty', ctx.ext === '.pty' || utf16 ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts,
    evidence: [fromHeader(`FluoView plane property file (${utf16 ? 'UTF-16LE INI' : 'INI'}): [File Info] DataName = "${dataName}", the plane ${described} (Bio-Formats FV1000Reader).`, 0.9)],
  });
}

/** Olympus FluoView .pty plane properties (INI with [File Info] DataName), describing one TIFF plane. */
export const ptyDetector = guardDetector({
  id: 'fluoview-pty',
  formats: ['fluoview-pty'],
  sniff: (ctx) => {
    const h = ctx.head;
    return (h[0] === 0xff && h[1] === 0xfe && h[2] === 0x5b && h[3] === 0) || (h[0] === 0x5b && h[1] === 0) || h[0] === 0x5b;
  },
  detect: detectPty,
});
