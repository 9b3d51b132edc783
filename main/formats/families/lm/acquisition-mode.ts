import type { ImagingMode } from '../../../../shared/formats/facts';

/**
 * Acquisition modes as OME-XML 2016-06 (`Channel@AcquisitionMode`, docs/formats.md §3) and the CZI
 * `Channel/AcquisitionMode` element (libCZI `DimensionChannelAcquisitionMode`) name them, mapped to our
 * imaging modes. Keys are compared lower-case without separators. Modes that say nothing about the optics
 * (FluorescenceLifetime, SpectralImaging, FCS, NSOM, FSM, LCM, Other) are not mapped.
 */
const ACQUISITION_MODE: Readonly<Record<string, ImagingMode>> = {
  widefield: 'widefield',
  laserscanningconfocalmicroscopy: 'confocal',
  spinningdiskconfocal: 'spinning-disk',
  slitscanconfocal: 'confocal',
  sweptfieldconfocal: 'confocal',
  multiphotonmicroscopy: 'multiphoton',
  secondharmonicgenerationimaging: 'multiphoton',
  structuredillumination: 'super-resolution',
  singlemoleculeimaging: 'super-resolution',
  palm: 'super-resolution',
  storm: 'super-resolution',
  sted: 'super-resolution',
  totalinternalreflection: 'TIRF',
  tirf: 'TIRF',
  spim: 'light-sheet',
  lightsheet: 'light-sheet',
  brightfield: 'brightfield',
  sem: 'SEM',
  fibsem: 'FIB-SEM',
};

/** The imaging mode an acquisition-mode name stands for, or `undefined` when it says nothing about the optics. */
export function modeFromAcquisitionMode(mode: string | undefined): ImagingMode | undefined {
  if (!mode) return undefined;
  return ACQUISITION_MODE[mode.toLowerCase().replace(/[^a-z]/g, '')];
}

/**
 * CZI `Channel/ChannelType` takes precedence over AcquisitionMode (libCZI `DimensionChannelChannelType`
 * comment). Airyscan detectors sit behind a laser-scanning confocal (LSM 880/980), so every AiryScan* type
 * is read as confocal; the evidence says so because the processed image may be super-resolved.
 */
export function isAiryscanChannelType(type: string | undefined): boolean {
  return type !== undefined && /^airyscan/i.test(type.trim());
}

/**
 * When channels were acquired in different ways, the most specific mode names the file: a confocal stack
 * with a transmitted-light channel is confocal; a light-sheet file with a widefield overview is light-sheet.
 */
const MODE_PRIORITY: readonly ImagingMode[] = ['light-sheet', 'multiphoton', 'super-resolution', 'spinning-disk', 'confocal', 'TIRF', 'FIB-SEM', 'SEM', 'widefield', 'brightfield'];

/** The most specific of several modes (see MODE_PRIORITY), or `undefined` for none. */
export function mostSpecificMode(modes: Iterable<ImagingMode>): ImagingMode | undefined {
  const set = new Set(modes);
  return MODE_PRIORITY.find((m) => set.has(m)) ?? [...set][0];
}
