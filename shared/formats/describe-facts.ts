import type { Facts } from './facts';

/** One fact as people read it: a label, the value with its unit, and where it was read. */
export interface FactLine {
  readonly label: string;
  readonly value: string;
  readonly provenance: string;
}

/** A length in nm shown in the unit microscopists use at that scale: Å below 1 nm, nm below 1 µm, µm, then mm. */
export function formatLength(nm: number): string {
  const fmt = (v: number) => Number(v.toPrecision(4)).toString();
  if (nm < 1) return `${fmt(nm * 10)} Å`;
  if (nm < 1000) return `${fmt(nm)} nm`;
  if (nm < 1e6) return `${fmt(nm / 1000)} µm`;
  return `${fmt(nm / 1e6)} mm`;
}

function dims(v: NonNullable<Facts['dimensions']>['value']): string {
  const axes = (['x', 'y', 'z', 'c', 't', 'frames'] as const).filter((k) => v[k] !== undefined).map((k) => `${k} ${v[k]}`);
  return axes.join(' · ');
}

/** The facts of a file or fileset in reading order, formatted with their units; raw `header` fields last. */
export function describeFacts(facts: Facts): FactLine[] {
  const out: FactLine[] = [];
  const add = (label: string, value: string | undefined, provenance: string) => {
    if (value) out.push({ label, value, provenance });
  };
  const f = facts;
  if (f.imagingMode) add('Imaging mode', f.imagingMode.value, f.imagingMode.provenance);
  if (f.instrument) add('Instrument', [f.instrument.value.manufacturer, f.instrument.value.model].filter(Boolean).join(' '), f.instrument.provenance);
  if (f.detector) add('Detector', f.detector.value, f.detector.provenance);
  if (f.voltageKV) add('Voltage', `${f.voltageKV.value} kV`, f.voltageKV.provenance);
  if (f.xrayEnergyKeV) add('X-ray energy', `${f.xrayEnergyKeV.value} keV`, f.xrayEnergyKeV.provenance);
  if (f.pixelSize) {
    const p = f.pixelSize.value;
    const same = (p.y === undefined || p.y === p.x) && (p.z === undefined || p.z === p.x);
    add('Pixel size', same ? formatLength(p.x) : [p.x, p.y, p.z].filter((v): v is number => v !== undefined).map(formatLength).join(' × '), f.pixelSize.provenance);
  }
  if (f.dimensions) add('Dimensions', dims(f.dimensions.value), f.dimensions.provenance);
  if (f.arrangement) add('Arrangement', f.arrangement.value, f.arrangement.provenance);
  if (f.tiltAngles) add('Tilt angles', `${f.tiltAngles.value.min}° … ${f.tiltAngles.value.max}° (${f.tiltAngles.value.count} images)`, f.tiltAngles.provenance);
  if (f.magnification) add('Magnification', `${f.magnification.value}×`, f.magnification.provenance);
  if (f.dose) add('Dose', `${f.dose.value} e/Å²`, f.dose.provenance);
  if (f.spaceGroup) add('Space group', String(f.spaceGroup.value), f.spaceGroup.provenance);
  if (f.channels) {
    const names = f.channels.value.map((c) => c.name ?? c.fluor ?? (c.emissionNm ? `${c.emissionNm} nm` : '?'));
    add('Channels', `${f.channels.value.length}${names.length ? `: ${names.join(', ')}` : ''}`, f.channels.provenance);
  }
  if (f.acquisitionModes) add('Acquisition', f.acquisitionModes.value.join(', '), f.acquisitionModes.provenance);
  if (f.plate) {
    const p = f.plate.value;
    add('Plate', [p.rows && p.columns ? `${p.rows}×${p.columns}` : '', p.wells ? `${p.wells} wells` : '', p.fields ? `${p.fields} fields` : ''].filter(Boolean).join(', '), f.plate.provenance);
  }
  if (f.medicalModality) add('Medical modality', f.medicalModality.value, f.medicalModality.provenance);
  if (f.sopClass) add('DICOM SOP class', f.sopClass.value.name ?? f.sopClass.value.uid, f.sopClass.provenance);
  if (f.species) add('Species', `${f.species.value.name}${f.species.value.human ? '' : ' (not human: not patient data)'}`, f.species.provenance);
  if (f.patient) {
    const p = f.patient.value;
    add('Patient data', p.identifiable ? `identifiable (${p.fields.join(', ')})` : p.deidentified ? 'de-identified' : 'none found', f.patient.provenance);
  }
  if (f.omics) add('Omics', f.omics.value.platform ? `${f.omics.value.kind} (${f.omics.value.platform})` : f.omics.value.kind, f.omics.provenance);
  if (f.spatial) add('Spatial', f.spatial.value.role ? `${f.spatial.value.platform} — ${f.spatial.value.role}` : f.spatial.value.platform, f.spatial.provenance);
  if (f.transform) add('Transform', f.transform.value.dimensions ? `${f.transform.value.kind} (${f.transform.value.dimensions}D)` : f.transform.value.kind, f.transform.provenance);
  if (f.processing) add('Processing', f.processing.value.kind ? `${f.processing.value.tool} — ${f.processing.value.kind}` : f.processing.value.tool, f.processing.provenance);
  if (f.creator) add('Written by', f.creator.value, f.creator.provenance);
  if (f.software) add('Software', f.software.value, f.software.provenance);
  if (f.emdbId) add('EMDB entry', f.emdbId.value, f.emdbId.provenance);
  if (f.describes) add('Describes', f.describes.value.join(', '), f.describes.provenance);
  if (f.series) add('Series', `one of ${f.series.value.folders} folders, ${f.series.value.files} images in all`, f.series.provenance);
  if (f.header) {
    const fields = Object.entries(f.header.value).map(([k, v]) => `${k} ${v === null ? '–' : String(v)}`);
    add('Header', fields.join(' · '), f.header.provenance);
  }
  return out;
}
