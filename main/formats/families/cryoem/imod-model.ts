import type { Facts } from '../../../../shared/formats/facts';
import { Bytes } from '../../kit/bytes';
import { within } from '../../kit/numbers';
import { neverThrow } from '../../kit/read';
import { printable } from '../../kit/strings';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * IMOD binary models (`.mod`, and etomo's fiducial model `.fid`, seed `.seed`, boundary `.mod`), IMOD
 * binspec.html "IMOD Binary File Format" (as ome/bioformats IMODReader reads it; big-endian): "IMOD" + "V1.2"
 * at 0, char name[128] @8, int xmax @136, ymax @140, zmax @144, int objsize @148, uint flags @152, …,
 * float pixsize @216, int units @220; then chunks ("OBJT", "CONT", "MESH", … "IEOF"). docs/formats.md §6.1.
 */
const MAGIC = 'IMODV1.2';
const AT = { name: 8, xmax: 136, ymax: 140, zmax: 144, objsize: 148, flags: 152, pixsize: 216, units: 220 } as const;
/** The ID (8 bytes) and the fixed model structure (binspec "Model data structure": name[128] + 26 four-byte fields = 232 bytes). */
const HEADER_BYTES = 8 + 232;
/** Objects and image bounds accepted (models hold a few to thousands of objects). */
const MAX_OBJECTS = 1_000_000;
const MAX_SIDE = 1_000_000;
/** binspec `units` (imodel.h IMOD_UNIT_*): 0 pixels, 3 km, 1 m, −2 cm, −3 mm, −6 µm, −9 nm, −10 Å, −12 pm. */
const UNIT_NAMES: Readonly<Record<number, string>> = { 0: 'pixel', 3: 'km', 1: 'm', [-2]: 'cm', [-3]: 'mm', [-6]: 'µm', [-9]: 'nm', [-10]: 'Å', [-12]: 'pm' };
/** What etomo names its models (IMOD etomo file naming: <set>.fid fiducial model from beadtrack/tiltalign, .seed, _erase.fid …). */
const KIND_BY_EXT: Readonly<Record<string, string>> = { '.fid': 'fiducial model', '.seed': 'seed model', '.mod': 'model' };

async function detectModel(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head, false);
  if (!b.startsWith(MAGIC)) return null;
  const problems: string[] = [];
  if (ctx.head.length < HEADER_BYTES) problems.push(`truncated: ${ctx.head.length} of the ${HEADER_BYTES} model header bytes.`);
  const nameBytes = b.slice(AT.name, 128);
  const end = nameBytes.indexOf(0);
  const name = printable(new TextDecoder('latin1').decode(end >= 0 ? nameBytes.subarray(0, end) : nameBytes).trim());
  const objects = within(b.i32(AT.objsize), 0, MAX_OBJECTS);
  const [xmax, ymax, zmax] = [b.i32(AT.xmax), b.i32(AT.ymax), b.i32(AT.zmax)].map((v) => within(v, 0, MAX_SIDE));
  const units = b.i32(AT.units);
  const pixsize = b.f32(AT.pixsize);
  const kind = KIND_BY_EXT[ctx.ext] ?? 'model';
  const header: Record<string, string | number> = {};
  if (name) header['name'] = name;
  if (objects !== undefined) header['objects'] = objects;
  if (xmax !== undefined && ymax !== undefined && zmax !== undefined) header['imageBounds'] = `${xmax}×${ymax}×${zmax}`;
  if (pixsize !== undefined && Number.isFinite(pixsize) && pixsize > 0) header['pixelSize'] = Number(pixsize.toPrecision(6));
  if (units !== undefined && UNIT_NAMES[units]) header['units'] = UNIT_NAMES[units]!;
  const facts: Facts = {
    creator: { value: 'IMOD', provenance: 'header' },
    processing: { value: { tool: 'IMOD', kind }, provenance: 'header' },
    header: { value: header, provenance: 'header' },
  };
  return detection('imod-model', problems.length === 0 ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts,
    evidence: [{ source: 'header', detail: `IMOD binary model: "IMODV1.2" at byte 0${objects !== undefined ? `, ${objects} object(s)` : ''}${name ? `, name "${name}"` : ''} (IMOD binspec)${kind !== 'model' ? `; a ${ctx.ext} is etomo's ${kind}` : ''}.`, weight: 1 }],
    problems,
  });
}

/** IMOD binary model files ("IMODV1.2"): fiducial, seed and segmentation models of IMOD/etomo. */
export const imodModelDetector: Detector = {
  id: 'imod-model',
  formats: ['imod-model'],
  sniff: (ctx) => new Bytes(ctx.head).startsWith(MAGIC),
  detect: (ctx) => neverThrow(() => detectModel(ctx), () => null),
};
