import { toNumber, nonNegativeInt } from '../../kit/numbers';
import { toNanometres } from '../../kit/units';
import { withoutNul } from '../../kit/strings';
import { parseXml, xmlAll, xmlAt, xmlAttr, type XmlValue } from '../../kit/xml';
import { CONF, Found, readBase, setArrangement, setDimensions, setInstrument, setPixelSize, tiffDetector } from './found';
import type { ImagingMode } from '../../../../shared/formats/facts';
import { TAG } from './tags';

/** Most channels reported (OME allows any number; a few dozen is already a spectral stack). */
const MAX_CHANNELS = 64;

/**
 * OME `Channel@AcquisitionMode` (OME-XML 2016-06 enum, docs/formats.md §3) → imaging mode. Modes that say
 * nothing about the optics of the modality (FluorescenceLifetime, SpectralImaging, FSM, LCM, Other, …) map to none.
 */
const MODE_BY_ACQUISITION: Readonly<Record<string, ImagingMode>> = {
  WideField: 'widefield',
  LaserScanningConfocalMicroscopy: 'confocal',
  SlitScanConfocal: 'confocal',
  SweptFieldConfocal: 'confocal',
  SpinningDiskConfocal: 'spinning-disk',
  MultiPhotonMicroscopy: 'multiphoton',
  SPIM: 'light-sheet',
  StructuredIllumination: 'super-resolution',
  SingleMoleculeImaging: 'super-resolution',
  PALM: 'super-resolution',
  STORM: 'super-resolution',
  STED: 'super-resolution',
  TIRF: 'TIRF',
  TotalInternalReflection: 'TIRF',
  BrightField: 'brightfield',
};

/** The OME namespace names the schema version (the parser drops xmlns attributes); the root tag is near the start. */
const OME_NAMESPACE = /xmlns(?::\w+)?="http:\/\/www\.openmicroscopy\.org\/Schemas\/OME\/([^"]+)"/;
const MAX_ROOT_CHARS = 4096;

/** OME default units (OME-XML 2016-06 schema: PhysicalSize* in µm, wavelengths in nm). */
const DEFAULT_LENGTH_UNIT = 'µm';
const DEFAULT_WAVELENGTH_UNIT = 'nm';

function pick(nodes: XmlValue[], id: string | undefined): XmlValue | undefined {
  return (id ? nodes.find((n) => xmlAttr(n, 'ID') === id) : undefined) ?? nodes[0];
}

function attrNumber(node: XmlValue | undefined, name: string): number | undefined {
  return toNumber(xmlAttr(node, name));
}

/** OME-TIFF: OME-XML in ImageDescription of IFD0 — instrument, objective, sizes, physical sizes, channels, acquisition modes. */
export const omeTiffDetector = tiffDetector('ome-tiff', ['ome-tiff'], async (t, c) => {
  const f = new Found();
  await readBase(t, f, { instrument: false });
  f.say(c.because, 0.9);
  const xml = (await t.text(TAG.ImageDescription)) ?? '';
  const ome = readOmeXml(xml, f);
  if (!ome) {
    f.problems.push('The OME-XML in ImageDescription could not be parsed (cut or malformed); only TIFF tags were read.');
    return f.finish(t, 'ome-tiff', CONF.TAGGED);
  }
  // OME-TIFF specification, "Companion files" / BinaryOnly: a multi-file set's planes may hold only
  // <BinaryOnly MetadataFile="name.companion.ome" UUID="…"/>; the full OME-XML (instrument, channels) is in that file.
  const binaryOnly = xmlAt(ome, 'BinaryOnly');
  const metadataFile = withoutNul(xmlAttr(binaryOnly, 'MetadataFile'));
  if (binaryOnly !== undefined) {
    f.header.binaryOnly = true;
    if (metadataFile) f.header.metadataFile = metadataFile;
    f.say(`OME-XML BinaryOnly block: this plane's metadata is in the companion file ${metadataFile ? `"${metadataFile}"` : '(not named)'} (OME-TIFF specification, BinaryOnly).`, 0.6);
  }
  return f.finish(t, 'ome-tiff', CONF.VERIFIED);
});

/**
 * Reads an OME-XML document (OME-XML 2016-06 schema) into `f`: creator, image sizes, physical sizes, channels and
 * their acquisition modes, instrument, objective and detector. Shared by OME-TIFF, the multi-file set's
 * `.companion.ome` and the bioformats2raw `OME/METADATA.ome.xml`. Returns the OME root node, or undefined when
 * the text does not parse to an `<OME>` root.
 */
export function readOmeXml(xml: string, f: Found): XmlValue | undefined {
  const tree = parseXml(xml);
  const ome = xmlAt(tree ?? undefined, 'OME');
  if (!ome) return undefined;
  const schema = OME_NAMESPACE.exec(xml.slice(0, MAX_ROOT_CHARS))?.[1];
  if (schema) f.header.omeSchema = schema;
  const creator = withoutNul(xmlAttr(ome, 'Creator'));
  if (creator) f.facts.creator = { value: creator, provenance: 'header' };
  if (!f.facts.software && creator) f.facts.software = { value: creator, provenance: 'header' };

  const images = xmlAll(ome, 'Image');
  f.header.images = images.length;
  const image = images[0];
  const pixels = xmlAt(image, 'Pixels');
  setDimensions(f, {
    x: nonNegativeInt(attrNumber(pixels, 'SizeX')),
    y: nonNegativeInt(attrNumber(pixels, 'SizeY')),
    z: nonNegativeInt(attrNumber(pixels, 'SizeZ')),
    c: nonNegativeInt(attrNumber(pixels, 'SizeC')),
    t: nonNegativeInt(attrNumber(pixels, 'SizeT')),
  });
  const unitOf = (axis: string) => xmlAttr(pixels, `PhysicalSize${axis}Unit`) ?? DEFAULT_LENGTH_UNIT;
  const px = toNanometres(attrNumber(pixels, 'PhysicalSizeX'), unitOf('X'));
  setPixelSize(f, px, toNanometres(attrNumber(pixels, 'PhysicalSizeY'), unitOf('Y')), toNanometres(attrNumber(pixels, 'PhysicalSizeZ'), unitOf('Z')));
  if (px === undefined && xmlAttr(pixels, 'PhysicalSizeX') !== undefined) f.problems.push(`PhysicalSizeX "${xmlAttr(pixels, 'PhysicalSizeX')}" ${unitOf('X')} is not a usable length — ignored.`);
  setArrangement(f);

  const channels = xmlAll(pixels, 'Channel');
  const list: { name?: string; excitationNm?: number; emissionNm?: number; fluor?: string }[] = [];
  const modes: string[] = [];
  for (const ch of channels.slice(0, MAX_CHANNELS)) {
    const entry: (typeof list)[number] = {};
    const name = withoutNul(xmlAttr(ch, 'Name'));
    if (name) entry.name = name;
    const ex = toNanometres(attrNumber(ch, 'ExcitationWavelength'), xmlAttr(ch, 'ExcitationWavelengthUnit') ?? DEFAULT_WAVELENGTH_UNIT);
    if (ex !== undefined) entry.excitationNm = ex;
    const em = toNanometres(attrNumber(ch, 'EmissionWavelength'), xmlAttr(ch, 'EmissionWavelengthUnit') ?? DEFAULT_WAVELENGTH_UNIT);
    if (em !== undefined) entry.emissionNm = em;
    const fluor = withoutNul(xmlAttr(ch, 'Fluor'));
    if (fluor) entry.fluor = fluor;
    if (Object.keys(entry).length > 0) list.push(entry);
    const mode = withoutNul(xmlAttr(ch, 'AcquisitionMode'));
    if (mode && !modes.includes(mode)) modes.push(mode);
    const illumination = withoutNul(xmlAttr(ch, 'IlluminationType'));
    if (illumination && f.header.illuminationType === undefined) f.header.illuminationType = illumination;
    const contrast = withoutNul(xmlAttr(ch, 'ContrastMethod'));
    if (contrast && f.header.contrastMethod === undefined) f.header.contrastMethod = contrast;
  }
  if (channels.length > MAX_CHANNELS) f.problems.push(`${channels.length} channels; only the first ${MAX_CHANNELS} are listed.`);
  if (list.length > 0) f.facts.channels = { value: list, provenance: 'header' };
  if (modes.length > 0) {
    f.facts.acquisitionModes = { value: modes, provenance: 'header' };
    const mapped = modes.map((m) => MODE_BY_ACQUISITION[m]).filter((m): m is ImagingMode => m !== undefined);
    const mode = mapped[0];
    if (mode) {
      f.facts.imagingMode = { value: mode, provenance: 'header' };
      f.say(`Channel AcquisitionMode "${modes.join('", "')}" → ${mode}.`, 0.8);
      if (new Set(mapped).size > 1) f.problems.push(`Channels were acquired in different modes (${modes.join(', ')}); the first is reported.`);
    }
  }

  const instruments = xmlAll(ome, 'Instrument');
  const instrument = pick(instruments, xmlAttr(xmlAt(image, 'InstrumentRef'), 'ID'));
  const microscope = xmlAt(instrument, 'Microscope');
  const type = withoutNul(xmlAttr(microscope, 'Type'));
  if (type) f.header.microscopeType = type;
  const model = withoutNul(xmlAttr(microscope, 'Model')) ?? (type ? `${type} microscope` : undefined);
  setInstrument(f, xmlAttr(microscope, 'Manufacturer'), model);
  if (!xmlAttr(microscope, 'Model') && type) f.say(`Microscope Type "${type}" (the OME-XML names no model).`, 0.2);
  const objective = pick(xmlAll(instrument, 'Objective'), xmlAttr(xmlAt(image, 'ObjectiveSettings'), 'ID'));
  const mag = attrNumber(objective, 'NominalMagnification');
  if (mag !== undefined && mag > 0) f.facts.magnification = { value: mag, provenance: 'header' };
  const na = attrNumber(objective, 'LensNA');
  if (na !== undefined) f.header.objectiveLensNA = na;
  const objectiveModel = withoutNul(xmlAttr(objective, 'Model'));
  if (objectiveModel) f.header.objective = objectiveModel;
  const immersion = withoutNul(xmlAttr(objective, 'Immersion'));
  if (immersion) f.header.immersion = immersion;
  const detectorNode = pick(xmlAll(instrument, 'Detector'), xmlAttr(xmlAt(channels[0], 'DetectorSettings'), 'ID'));
  const detector = withoutNul([xmlAttr(detectorNode, 'Manufacturer'), xmlAttr(detectorNode, 'Model')].filter(Boolean).join(' ')) ?? withoutNul(xmlAttr(detectorNode, 'Type'));
  if (detector) f.facts.detector = { value: detector, provenance: 'header' };

  const d = f.facts.dimensions?.value;
  f.say(`OME-XML${schema ? ` (schema ${schema})` : ''}: ${images.length} image(s)${d?.x !== undefined ? `, ${d.x} × ${d.y ?? '?'} px` : ''}${d?.c !== undefined ? `, ${d.c} channel(s)` : ''}${mag !== undefined ? `, objective ${mag}×` : ''}.`, 0.7);
  if (px !== undefined) f.say(`PhysicalSizeX ${xmlAttr(pixels, 'PhysicalSizeX')} ${unitOf('X')} = ${px} nm per pixel.`, 0.4);
  return ome;
}
