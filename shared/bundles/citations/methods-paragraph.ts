import { destinationLabel, isArchiveDestination } from '../../model/destination';
import { modalityInfo, modalityLabel, type Modality, type ModalityGroup } from '../../modality/modalities';
import type { Facts } from '../../formats/facts';
import type { BundleFileset } from '../bundler';
import { joinAnd, TO_BE_FILLED } from './data-availability';

/** Groups whose filesets are acquired images a methods section describes; supporting files, omics, correlation and patient data are not. */
const IMAGING_GROUPS: ReadonlySet<ModalityGroup> = new Set(['cryo-em', 'cryo-et', 'microed', 'map', 'volume-em', 'xray', 'light', 'em-2d', 'hcs', 'other-imaging', 'spatial-omics']);

/** Electron-microscopy groups, whose pixel sizes are written in ångström as EMPIAR and EM papers give them (docs/empiar.md §1.4). */
const ANGSTROM_GROUPS: ReadonlySet<ModalityGroup> = new Set(['cryo-em', 'cryo-et', 'microed', 'map', 'volume-em', 'em-2d']);

/** Modalities that are reconstructions (maps, tomograms, subtomograms): they have a voxel size, not acquisition settings of their own. */
const RECONSTRUCTIONS: ReadonlySet<Modality> = new Set(['density-map', 'cryoet-tomograms', 'cryoet-subtomograms']);

/** Light-microscopy pixels of at least this many nm are written in µm (0.108 µm), smaller ones in nm. */
const MICROMETRE_FROM_NM = 100;

/** A number to three significant digits, without trailing zeros (`0.885`, `108`, `1.36`). */
function num(n: number): string {
  return String(Number(n.toPrecision(3)));
}

/** A pixel size given in nm (facts are normalised to nm: shared/formats/facts.ts), in the unit its modality is reported in. */
export function formatPixelSize(nm: number, group: ModalityGroup): string {
  if (ANGSTROM_GROUPS.has(group)) return `${num(nm * 10)} Å`;
  if (nm >= MICROMETRE_FROM_NM) return `${num(nm / 1000)} µm`;
  return `${num(nm)} nm`;
}

/** Distinct values in first-seen order. */
function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))];
}

function instrument(f: Facts): string | undefined {
  const i = f.instrument?.value;
  if (!i) return undefined;
  const name = [i.manufacturer, i.model].filter(Boolean).join(' ');
  return name || undefined;
}

function channel(c: NonNullable<Facts['channels']>['value'][number]): string | undefined {
  const name = c.name ?? c.fluor;
  const light = [c.excitationNm ? `excitation ${num(c.excitationNm)} nm` : undefined, c.emissionNm ? `emission ${num(c.emissionNm)} nm` : undefined].filter(Boolean).join(', ');
  if (!name && !light) return undefined;
  return light ? `${name ?? 'unnamed'} (${light})` : name;
}

/** One methods paragraph: the modality and archive it describes, and the text. */
export interface MethodsParagraph {
  readonly modality: Modality;
  readonly archive: string;
  readonly filesetCount: number;
  readonly text: string;
  /** No acquisition fact was read: the text asks the author to write it. */
  readonly empty: boolean;
}

/**
 * A methods-style paragraph per imaging modality and archive, from the facts the scan read across its
 * filesets (docs/deposit.md §4.3): instrument, accelerating voltage, detector, pixel size (Å for electron
 * microscopy, nm or µm for light microscopy and the rest), electron dose, X-ray energy, tilt range and
 * count, channels with their wavelengths. Only facts that were read are written; several values are
 * listed, never averaged. Filesets that go to no archive (patient data, clutter, review) are never described.
 */
export function methodsParagraphs(filesets: readonly BundleFileset[]): MethodsParagraph[] {
  const groups = new Map<string, BundleFileset[]>();
  for (const f of filesets) {
    if (!isArchiveDestination(f.destination) || !IMAGING_GROUPS.has(modalityInfo(f.modality).group)) continue;
    const key = `${f.modality}\u0000${destinationLabel(f.destination, f.omicsArchive)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const out: MethodsParagraph[] = [];
  for (const [key, members] of groups) {
    const [modality, archive] = key.split('\u0000') as [Modality, string];
    const group = modalityInfo(modality).group;
    const facts = members.map((m) => m.facts);
    const instruments = distinct(facts.map(instrument));
    const kv = distinct(facts.map((f) => (f.voltageKV ? num(f.voltageKV.value) : undefined)));
    const detectors = distinct(facts.map((f) => f.detector?.value));
    const pixels = distinct(facts.map((f) => (f.pixelSize ? formatPixelSize(f.pixelSize.value.x, group) : undefined)));
    const doses = distinct(facts.map((f) => (f.dose ? num(f.dose.value) : undefined)));
    const energies = distinct(facts.map((f) => (f.xrayEnergyKeV ? num(f.xrayEnergyKeV.value) : undefined)));
    const tilts = distinct(facts.map((f) => (f.tiltAngles ? `${num(f.tiltAngles.value.min)}° to ${num(f.tiltAngles.value.max)}° (${f.tiltAngles.value.count} tilts)` : undefined)));
    const channels = distinct(facts.flatMap((f) => (f.channels?.value ?? []).map(channel)));

    const phrases: string[] = [];
    if (instruments.length > 0) phrases.push(`on ${joinAnd(instruments)}`);
    if (kv.length > 0) phrases.push(`${instruments.length > 0 ? 'operated ' : ''}at ${joinAnd(kv)} kV`);
    if (detectors.length > 0) phrases.push(`with ${detectors.length > 1 ? 'the detectors' : 'the detector'} ${joinAnd(detectors)}`);
    // Reconstructions are not acquired: their sampling is a voxel size, said in a sentence of its own.
    const reconstructed = RECONSTRUCTIONS.has(modality);
    if (pixels.length > 0 && !reconstructed) phrases.push(`at ${pixels.length > 1 ? 'pixel sizes' : 'a pixel size'} of ${joinAnd(pixels)}`);
    if (doses.length > 0) phrases.push(`with an electron dose of ${joinAnd(doses)} e⁻/Å²`);
    if (energies.length > 0) phrases.push(`at an X-ray energy of ${joinAnd(energies)} keV`);
    const sentences: string[] = [];
    if (phrases.length > 0) sentences.push(`Images were acquired ${phrases.join(', ')}.`);
    if (pixels.length > 0 && reconstructed) sentences.push(`The volumes have ${pixels.length > 1 ? 'voxel sizes' : 'a voxel size'} of ${joinAnd(pixels)}.`);
    if (tilts.length > 0) sentences.push(`Tilt series covered ${joinAnd(tilts)}.`);
    if (channels.length > 0) sentences.push(`Channels: ${channels.join('; ')}.`);
    const empty = sentences.length === 0;
    const head = `${modalityLabel(modality)} (${archive}, ${members.length} ${members.length === 1 ? 'fileset' : 'filesets'}).`;
    const text = empty ? `${head} No acquisition parameters were read from these files: describe the instrument and settings ${TO_BE_FILLED}.` : `${head} ${sentences.join(' ')}`;
    out.push({ modality, archive, filesetCount: members.length, text, empty });
  }
  return out;
}
