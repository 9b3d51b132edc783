import { nonNegativeInt } from '../../kit/numbers';
import { toNanometres } from '../../kit/units';
import { withoutNul } from '../../kit/strings';
import { parseXml } from '../../kit/xml';
import { Bytes } from '../../kit/bytes';
import { CONF, Found, readBase, setArrangement, setDimensions, setInstrument, setPixelSize, tiffDetector } from './found';
import { type Classification } from './classify';
import { type TiffFile } from './reader';
import { T } from './values';
import { PRIVATE } from './tags';

/** CZ_LSMINFO fields used (tifffile TIFF.CZ_LSMINFO, little-endian): dimensions i32 at 8…24, voxel sizes f64 (m) at 40/48/56, ScanType u16 at 88. */
const LSM_BYTES = 90;
const LSM = { x: 8, y: 12, z: 16, c: 20, t: 24, vx: 40, vy: 48, vz: 56, scanType: 88 } as const;

/** MetaMorph UIC1 entries read (tifffile read_uic1tag: pairs of u32 id and u32 value/offset). */
const MAX_UIC_ENTRIES = 256;
/** UIC tag ids (tifffile TIFF.UIC_TAGS index): 4 XCalibration, 5 YCalibration (fractions at an offset), 6 CalibrationUnits (pascal string). */
const UIC = { XCalibration: 4, YCalibration: 5, CalibrationUnits: 6 } as const;
/** Longest UIC string read (tifffile read_uic_tag accepts sizes below 2^10). */
const MAX_UIC_STRING = 1024;
/** MetaMorph unit spellings that the shared unit table names differently. */
const UNIT_ALIASES: Readonly<Record<string, string>> = { microns: 'micron' };

/** Largest Micro-Manager JSON parsed (per-image metadata is a few kB to tens of kB). */
const MAX_MM_JSON = 1024 * 1024;

async function lsm(t: TiffFile, f: Found, c: Classification): Promise<number> {
  const data = await t.structure(PRIVATE.CzLsmInfo, LSM_BYTES);
  const b = data ? new Bytes(data, true) : undefined;
  if (!b || !c.verified) {
    f.problems.push('The CZ_LSMINFO structure has no valid magic number; only TIFF tags were read.');
    return CONF.TAGGED;
  }
  setDimensions(f, { x: nonNegativeInt(b.i32(LSM.x)), y: nonNegativeInt(b.i32(LSM.y)), z: nonNegativeInt(b.i32(LSM.z)), c: nonNegativeInt(b.i32(LSM.c)), t: nonNegativeInt(b.i32(LSM.t)) });
  setPixelSize(f, toNanometres(b.f64(LSM.vx), 'm'), toNanometres(b.f64(LSM.vy), 'm'), toNanometres(b.f64(LSM.vz), 'm'));
  const scanType = b.u16(LSM.scanType);
  if (scanType !== undefined) f.header.lsmScanType = scanType;
  setInstrument(f, f.facts.instrument?.value.manufacturer ?? 'Carl Zeiss', f.facts.instrument?.value.model);
  f.facts.imagingMode = { value: 'confocal', provenance: 'header' };
  setArrangement(f);
  f.say(`CZ_LSMINFO: ${b.i32(LSM.x)} × ${b.i32(LSM.y)} × ${b.i32(LSM.z)} voxels, ${b.i32(LSM.c)} channel(s), voxel size X ${b.f64(LSM.vx)} m; LSM files come from Zeiss laser-scanning (confocal) microscopes.`, 0.6);
  return CONF.VERIFIED;
}

async function stk(t: TiffFile, f: Found, c: Classification): Promise<number> {
  const planes = t.entry(PRIVATE.Uic2)?.count;
  if (planes !== undefined) {
    f.header.planes = planes; // tifffile: "The total number of planes is equal to the count of the UIC2tag"
    f.facts.arrangement = { value: planes > 1 ? 'image-stack' : 'image', provenance: 'header' };
  }
  const uic1 = t.entry(PRIVATE.Uic1);
  if (uic1 && t.header.littleEndian && uic1.type === T.LONG && uic1.offset !== undefined) {
    // tifffile read_uic1tag: only little-endian LONG UIC1 tags are valid; count entries of 8 bytes.
    const n = Math.min(uic1.count, MAX_UIC_ENTRIES);
    const b = new Bytes(await t.src.read(uic1.offset, n * 8), true);
    const at = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const id = b.u32(i * 8);
      const v = b.u32(i * 8 + 4);
      if (id !== undefined && v !== undefined && !at.has(id)) at.set(id, v);
    }
    const fraction = async (id: number) => {
      const off = at.get(id);
      if (off === undefined || off < 8) return undefined;
      const r = new Bytes(await t.src.read(off, 8), true);
      const num = r.u32(0);
      const den = r.u32(4);
      return num !== undefined && den ? num / den : undefined;
    };
    let unit: string | undefined;
    const uOff = at.get(UIC.CalibrationUnits);
    if (uOff !== undefined && uOff >= 8) {
      const size = new Bytes(await t.src.read(uOff, 4), true).u32(0);
      if (size !== undefined && size > 0 && size < MAX_UIC_STRING) unit = withoutNul(new Bytes(await t.src.read(uOff + 4, size - 1)).ascii(0, size - 1));
    }
    const xcal = await fraction(UIC.XCalibration);
    const ycal = await fraction(UIC.YCalibration);
    if (unit) f.header.calibrationUnits = unit;
    if (xcal !== undefined && unit) {
      const u = UNIT_ALIASES[unit] ?? unit;
      setPixelSize(f, toNanometres(xcal, u), ycal !== undefined ? toNanometres(ycal, u) : undefined);
      if (f.facts.pixelSize) f.say(`UIC1 XCalibration ${xcal} ${unit} per pixel.`, 0.4);
    }
  } else if (uic1 && !t.header.littleEndian) f.problems.push('Big-endian MetaMorph UIC tags are not valid (tifffile requires little-endian); calibration not read.');
  f.say(`MetaMorph STK${planes !== undefined ? ` with ${planes} plane(s) (UIC2 count)` : ''}.`, 0.6);
  return c.verified ? CONF.VERIFIED : CONF.TAGGED;
}

function mmValue(o: Record<string, unknown>, key: string): string | number | undefined {
  const v = o[key];
  // Micro-Manager 1.4 "gamma" wrote property maps {"scalar": …}; 2.x writes plain values.
  const scalar = typeof v === 'object' && v !== null && 'scalar' in v ? (v as { scalar: unknown }).scalar : v;
  return typeof scalar === 'string' || typeof scalar === 'number' ? scalar : undefined;
}

async function microManager(t: TiffFile, f: Found, c: Classification): Promise<number> {
  const raw = (await t.text(PRIVATE.MicroManager, MAX_MM_JSON))?.trim() ?? '';
  let o: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) o = parsed as Record<string, unknown>;
  } catch {
    o = undefined;
  }
  if (!o) {
    f.problems.push('The Micro-Manager metadata (tag 51123) is not a JSON object.');
    return CONF.TAGGED;
  }
  const psUm = Number(mmValue(o, 'PixelSizeUm'));
  if (psUm > 0) {
    setPixelSize(f, toNanometres(psUm, 'µm'), toNanometres(psUm, 'µm'));
    f.say(`PixelSizeUm ${psUm} µm.`, 0.5);
  }
  const camera = withoutNul(String(mmValue(o, 'Camera') ?? mmValue(o, 'Core-Camera') ?? ''));
  if (camera) f.facts.detector = { value: camera, provenance: 'header' };
  const version = mmValue(o, 'MicroManagerVersion');
  f.facts.software = { value: withoutNul(`Micro-Manager ${version ?? ''}`) ?? 'Micro-Manager', provenance: 'header' };
  const channel = withoutNul(String(mmValue(o, 'Channel') ?? ''));
  if (channel) f.facts.channels = { value: [{ name: channel }], provenance: 'header' };
  const binning = mmValue(o, 'Binning');
  if (binning !== undefined) f.header.binning = binning;
  f.say(`Micro-Manager JSON metadata with ${Object.keys(o).length} keys.`, 0.6);
  return c.verified ? CONF.VERIFIED : CONF.TAGGED;
}

async function operetta(t: TiffFile, f: Found): Promise<number> {
  const xml = (await t.text(PRIVATE.OperettaXml)) ?? '';
  if (!parseXml(xml)) f.problems.push('The Operetta/Harmony XML (tag 65500) could not be parsed.');
  if (/perkinelmer/i.test(xml)) setInstrument(f, 'PerkinElmer', f.facts.instrument?.value.model);
  f.header.operettaXmlChars = xml.length;
  f.say('Per-plane Harmony/Operetta XML; the plate layout is in the Index.idx.xml next to the images.', 0.5);
  return CONF.VERIFIED;
}

/** Zeiss LSM (34412), MetaMorph STK (33628–33630), Micro-Manager (51123 JSON), PerkinElmer Operetta/Harmony (65500 XML). */
export const lmVariantDetector = tiffDetector('tiff-lm-variants', ['zeiss-lsm', 'metamorph-stk', 'micromanager-tiff', 'operetta-tiff'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const confidence =
    c.format === 'zeiss-lsm' ? await lsm(t, f, c) : c.format === 'metamorph-stk' ? await stk(t, f, c) : c.format === 'micromanager-tiff' ? await microManager(t, f, c) : await operetta(t, f);
  return f.finish(t, c.format, confidence);
});
