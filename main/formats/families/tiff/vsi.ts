import { Bytes } from '../../kit/bytes';
import { CONF, Found, readBase, tiffDetector } from './found';
import { PRIVATE, TAG } from './tags';

/** cellSens volume header after the TIFF header (Bio-Formats CellSensReader.readTags): i32 volume version at 12, i32 flags at 24 (low 28 bits: tag count). */
const VSI_VOLUME_VERSION_AT = 12;
const VSI_FLAGS_AT = 24;
const VSI_TAG_COUNT_MASK = 0xfffffff;
/** A TIFF named .vsi with no cellSens header or Olympus marker: the name tips the balance over plain TIFF, no more. */
const BY_NAME_ONLY = 0.85;

/**
 * Olympus cellSens .vsi: a TIFF (thumbnails/label in its IFDs; pixels in _name_/stackN/*.ets) whose byte 8
 * starts the cellSens volume header (Bio-Formats CellSensReader; tifffile keeps .vsi apart from SIS); docs/formats.md §3.2.
 */
export const vsiDetector = tiffDetector('vsi', ['vsi'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const b = new Bytes(t.ctx.head, t.header.littleEndian);
  let confidence = BY_NAME_ONLY;
  if (c.verified) {
    const version = b.i32(VSI_VOLUME_VERSION_AT);
    const flags = b.u32(VSI_FLAGS_AT);
    if (version !== undefined) f.header.vsiVolumeVersion = version;
    if (flags !== undefined) f.header.vsiTagCount = flags & VSI_TAG_COUNT_MASK;
    confidence = CONF.VERIFIED;
  } else {
    const make = (await t.text(TAG.Make))?.trim() ?? '';
    if (make.startsWith('Olympus') || t.has(PRIVATE.OlympusSis) || t.has(PRIVATE.OlympusIni)) {
      f.say(make.startsWith('Olympus') ? `Make "${make}".` : 'Olympus SIS tags, as cellSens writes them.', 0.5);
      confidence = CONF.TAGGED;
    } else f.problems.push('Only the .vsi name says cellSens: no volume header at byte 8 and no Olympus marker.');
  }
  f.facts.imagingMode = { value: 'slide-scanner', provenance: 'header' };
  f.say('The pixels of a .vsi slide live in the _<name>_/stack*/ .ets files beside it; this file holds the overview.', 0.3);
  return f.finish(t, 'vsi', confidence);
});
