import { toNanometres } from '../../kit/units';
import { withoutNul } from '../../kit/strings';
import { CONF, Found, readBase, setInstrument, setPixelSize, tiffDetector } from './found';
import { PRIVATE } from './tags';

/** JPK ProgramVersion tag 0x8001 (Gwyddion jpk.h JPK_TIFFTAG_ProgramVersion). */
const JPK_PROGRAM_VERSION = 0x8001;

/**
 * JPK Instruments AFM image scan (.jpk, .jpk-qi-image): TIFF with private tags 0x8000–0x8063 (Gwyddion jpk.h,
 * jpkscan_detect: Grid_uLength/Grid_vLength in metres and a channel name). Scan size / image width → pixel size.
 */
export const jpkDetector = tiffDetector('jpk', ['jpk'], async (t, c) => {
  const f = new Found();
  const { width, height } = await readBase(t, f);
  f.say(c.because, 0.9);
  const u = await t.number(PRIVATE.JpkGridULength);
  const v = await t.number(PRIVATE.JpkGridVLength);
  if (u !== undefined && v !== undefined && u > 0 && v > 0) {
    f.header.scanSizeX = `${u} m`;
    f.header.scanSizeY = `${v} m`;
    if (width && height) {
      setPixelSize(f, toNanometres(u / width, 'm'), toNanometres(v / height, 'm'));
      f.say(`Scan ${u} × ${v} m over ${width} × ${height} px → ${f.facts.pixelSize?.value.x} nm per pixel.`, 0.5);
    }
  }
  const feedback = withoutNul(await t.text(PRIVATE.JpkFeedbackMode));
  if (feedback) f.header.feedbackMode = feedback;
  const channel = withoutNul(await t.text(PRIVATE.JpkChannelFancyName)) ?? withoutNul(await t.text(PRIVATE.JpkChannel));
  if (channel) f.header.channel = channel;
  const program = withoutNul(await t.text(PRIVATE.JpkSavedByProgram));
  const version = withoutNul(await t.text(JPK_PROGRAM_VERSION));
  if (program) f.facts.software = { value: version ? `${program} ${version}` : program, provenance: 'header' };
  setInstrument(f, f.facts.instrument?.value.manufacturer ?? 'JPK Instruments', f.facts.instrument?.value.model);
  f.facts.imagingMode = { value: 'AFM', provenance: 'header' };
  f.say(`JPK AFM scan${feedback ? ` in ${feedback} mode` : ''}${channel ? `, channel ${channel}` : ''}.`, 0.6);
  return f.finish(t, 'jpk', c.verified ? CONF.VERIFIED : CONF.TAGGED);
});
