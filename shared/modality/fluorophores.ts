/**
 * What channel names and wavelengths say about how an image was made: fluorescent proteins, dyes and
 * stains, and transmitted/reflected-light contrast methods are light microscopy, whatever the container
 * (OME-Zarr, OME-TIFF and plain TIFF carry them without naming a microscope).
 *
 * Sources: fluorescent proteins by their FPbase names (fpbase.org/protein/<slug>/); dyes by their makers'
 * names (Thermo Fisher Molecular Probes handbook: Alexa Fluor, DAPI, Hoechst, FITC, TRITC, Texas Red, DiI/DiO,
 * MitoTracker, LysoTracker, phalloidin conjugates; ATTO-TEC; Biotium CF dyes; Cytiva CyDyes; Spirochrome SiR
 * probes, Lukinavičius et al. 2013 Nat Chem 5:132; Janelia Fluor, Grimm et al. 2015 Nat Methods 12:244);
 * contrast methods by the OME data model's ContrastMethod enumeration (Brightfield, Phase, DIC,
 * HoffmanModulation, ObliqueIllumination, PolarizedLight, Darkfield, Fluorescence — ome.xsd 2016-06) plus
 * reflection (reflected-light / reflectance imaging, as cryo-CLEM systems record the grid).
 */

/** What kind of light-microscopy label a channel name is. */
export type LightLabelKind = 'fluorescent-protein' | 'dye' | 'contrast';

/** A channel name read as light-microscopy evidence: the matched name and what kind of label it is. */
export interface LightLabel {
  readonly kind: LightLabelKind;
  /** The part of the channel name that matched, as written. */
  readonly matched: string;
}

/** Longest channel name looked at (OME channel names are short; this bounds every regex below). */
export const MAX_CHANNEL_NAME_CHARS = 200;

/** Start of a word: the start or a character that is not a letter or digit. Patterns below are wrapped in it and in END. */
const START = '(?:^|[^a-z0-9])';
const END = '(?![a-z])';

/**
 * Fluorescent proteins (FPbase): the GFP-family colour names with their prefixes (EGFP, sfGFP, mEGFP, AcGFP,
 * TurboGFP, EYFP, ECFP, EBFP2, TagBFP, mRFP1, TagRFP, iRFP670/713, miRFP680…), the named variants (mNeonGreen,
 * mScarlet, mCherry, tdTomato, DsRed, mOrange, mKO, mKate2, mRuby, mApple, Venus, Citrine, Cerulean,
 * mTurquoise2, Clover, Emerald, T-Sapphire, Dendra2, mEos, mMaple, Dronpa, mKeima, mWasabi, smURFP, mIFP) and
 * the genetically encoded indicators built on them (GCaMP, jRGECO, jRCaMP, iGluSnFR). Colour words alone
 * ("Red", "Orange") and bare "KO" are not names: the m-prefixed FPbase names are required for those.
 */
const FLUORESCENT_PROTEIN = new RegExp(
  `${START}([a-z]{0,5}(?:gfp|yfp|cfp|bfp|rfp)\\d{0,3}|mneon-?green|mscarlet\\d?(?:-?i)?|m?cherry|td-?tomato|mtomato|dsred\\d?|morange\\d?|mko\\d?|mkate\\d?|mruby\\d?|mapple|mstrawberry|mplum|m?venus|citrine|m?cerulean\\d?|mturquoise\\d?|mtfp\\d?|m?clover\\d?|m?emerald|t-?sapphire|azurite|mkeima|dendra\\d?|m?eos(?:fp)?\\d?|mmaple\\d?|dronpa|mwasabi|katushka|e2-crimson|mneptune\\d?|mcardinal|smurfp|mifp|gcamp\\d*[a-z]?|jrgeco\\d*[a-z]?|jrcamp\\d*[a-z]?|iglusnfr)${END}`,
);

/**
 * Organic dyes and stains (Molecular Probes handbook, ATTO-TEC, Biotium, Cytiva, Spirochrome, Janelia):
 * Alexa Fluor NNN (also AF488, Alexa488), ATTO NNN, CF NNN, Cy2/3/3.5/5/5.5/7, DyLight NNN, Janelia Fluor
 * (JF549, JF646), SiR probes, DAPI, Hoechst, DRAQ5, TO-PRO-3, propidium iodide, FITC, TRITC, Texas Red,
 * fluorescein, rhodamine, Oregon Green, Pacific Blue, BODIPY, Nile Red, calcein, Fluo-4, Fura-2, FM dyes,
 * DiI/DiO/DiD/DiR, MitoTracker, LysoTracker, ER-Tracker, CellTracker, CellMask, phalloidin, WGA conjugates.
 */
const DYE = new RegExp(
  `${START}(alexa[ -]?(?:fluor)?[ -]?\\d{3}|af ?\\d{3}|atto[ -]?\\d{3}[a-z]?|cf[ -]?\\d{3}[a-z]?|cy ?[2357](?:\\.5)?|dylight[ -]?\\d{3}|jf ?\\d{3}|janelia[ -]fluor[ -]?\\d{3}|sir(?:-(?:actin|tubulin|dna|lysosome))?|silicon rhodamine|dapi|hoechst(?:[ -]?\\d{5})?|draq\\d|to-?pro-?\\d|propidium iodide|fitc|tritc|texas[ -]?red|fluorescein|rhodamine|oregon[ -]?green|pacific[ -]?blue|bodipy|nile[ -]?red|calcein|fluo-?\\d|fura-?\\d|fm ?\\d-\\d{2}|di[iodr]|mito-?tracker|lyso-?tracker|er-?tracker|cell-?tracker|cell-?mask|phalloidin|wga)${END}`,
);

/** Contrast methods of light microscopy (OME ContrastMethod) and reflected-light imaging. "BF"/"DF" alone are left out: they are also STEM detectors. */
const CONTRAST = new RegExp(
  `${START}(dic|nomarski|phase(?:[ -]?contrast)?|ph ?[123]|bright-?field|transmitted(?: light)?|trans|dark-?field|hoffman|dodt|oblique|polari[sz]ed(?: light)?|reflect(?:ion|ed|ance)(?: light)?)${END}`,
);

/**
 * Laser lines of fluorescence microscopes (diode and DPSS lines on confocal and widefield systems: 405, 445,
 * 458, 473, 488, 514, 532, 552, 561, 568, 594, 633, 638, 640, 647, 660, 685 nm — Zeiss, Leica, Nikon laser
 * modules), accepted as a bare channel name ("488", "561") only; any number followed by "nm" is read as a
 * wavelength wherever it sits.
 */
const LASER_LINES: ReadonlySet<number> = new Set([405, 445, 458, 473, 488, 514, 532, 552, 561, 568, 594, 633, 638, 640, 647, 660, 685]);

/**
 * Wavelengths of light microscopy: from near-UV excitation (DAPI and Hoechst are excited at 340–405 nm) to the
 * near-infrared of two-photon excitation (Ti:sapphire and OPO lasers reach ~1300 nm). Electrons image at
 * picometre and X-rays at sub-nanometre wavelengths, so nothing else falls in this band.
 */
export const LIGHT_NM_MIN = 300;
/** Upper end of the light-microscopy band (see LIGHT_NM_MIN). */
export const LIGHT_NM_MAX = 1300;

const WAVELENGTH_IN_NAME = /(?:^|[^0-9.])(\d{3,4})(?:\.\d+)? ?nm(?![a-z])/;
const BARE_NUMBER = /^\s*(?:ch(?:annel)?[ _-]?)?(\d{3})\s*$/;

/** True when a wavelength in nm lies in the band of light microscopy. */
export function isLightWavelength(nm: number): boolean {
  return Number.isFinite(nm) && nm >= LIGHT_NM_MIN && nm <= LIGHT_NM_MAX;
}

function matchOf(re: RegExp, text: string): string | undefined {
  const m = re.exec(text);
  return m?.[1];
}

/** Reads one channel name (or fluor) as a fluorescent protein, a dye, or a contrast method; `undefined` when it is none of these. */
export function lightLabelOf(name: string): LightLabel | undefined {
  const text = name.slice(0, MAX_CHANNEL_NAME_CHARS).toLowerCase();
  const fp = matchOf(FLUORESCENT_PROTEIN, text);
  if (fp) return { kind: 'fluorescent-protein', matched: original(name, text, fp) };
  const dye = matchOf(DYE, text);
  if (dye) return { kind: 'dye', matched: original(name, text, dye) };
  const contrast = matchOf(CONTRAST, text);
  if (contrast) return { kind: 'contrast', matched: original(name, text, contrast) };
  return undefined;
}

/** The matched part as the user wrote it (same length and position in the original). */
function original(name: string, lower: string, part: string): string {
  const at = lower.indexOf(part);
  return at >= 0 ? name.slice(at, at + part.length) : part;
}

/** A wavelength of light a channel name states: "488 nm", "Ex 561nm", or a bare laser line ("488"). */
export function wavelengthInName(name: string): number | undefined {
  const text = name.slice(0, MAX_CHANNEL_NAME_CHARS).toLowerCase();
  const nm = WAVELENGTH_IN_NAME.exec(text)?.[1];
  if (nm !== undefined && isLightWavelength(Number(nm))) return Number(nm);
  const bare = BARE_NUMBER.exec(text)?.[1];
  return bare !== undefined && LASER_LINES.has(Number(bare)) ? Number(bare) : undefined;
}
