import type { FileKind } from '../../../shared/formats/file-kind';
// Sidecar pairing by name across the suffixes acquisition software adds, and the fact-fusion precedence.
// Names are as each program documents them: SerialEM `stack.mrc.mdoc` / `stack.mdoc` and SubFramePath frames
// (SerialEM help, "Autodoc files"); EPU `FoilHole_…_Data_…_<date>_<time>.xml` with `…_Fractions.tiff`, or
// `…_EER.eer` on Falcon 4 (Thermo EPU manual, data output; smartem-decisions' EPU test tree); FEI TIA
// `name.emi` with `name_1.ser` (TIA's documented series naming); IMOD `TS.rawtlt` / `TS.xf` beside `TS.st`.
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/formats/facts';
import type { FormatId } from '../../../shared/formats/format-catalog';
import type { StagedEvidence } from '../../../shared/model/evidence';
import { fuseFacts } from '../../../shared/formats/fuse-facts';
import { applyLayouts, withLayouts } from '../../../shared/layouts/apply-layouts';
import { dataStems } from '../../../shared/layouts/sidecars';
import { sectionSeries } from '../../../shared/layouts/section-series';
import type { LayoutFileset } from '../../../shared/layouts/types';

let n = 0;
function fs(directory: string, files: string[], format: FormatId, facts: Facts = {}, kind: FileKind = 'image', root = '/study'): LayoutFileset {
  return { id: `f${n++}`, root, directory, pattern: files[0]!.split('/').pop()!, files: files.map((f) => (directory === '.' ? f : `${directory}/${f}`)), format, kind, facts };
}

const stackArrangement: Facts = { arrangement: { value: 'image-stack', provenance: 'header' }, dimensions: { value: { x: 4096, y: 4096, z: 41 }, provenance: 'header' } };
const tiltMdoc: Facts = { arrangement: { value: 'tilt-series', provenance: 'header' }, tiltAngles: { value: { min: -60, max: 60, count: 41 }, unit: 'deg', provenance: 'header' } };
const epuXml: Facts = { voltageKV: { value: 300, unit: 'kV', provenance: 'header' } };

function pairedWith(all: LayoutFileset[], sidecar: LayoutFileset): string[] {
  const add = applyLayouts(all);
  const refs = new Set((add.get(sidecar.id)?.layouts ?? []).map((l) => `${l.kind}\0${l.directory}\0${l.marker}`));
  return all.filter((f) => f !== sidecar && (add.get(f.id)?.layouts ?? []).some((l) => refs.has(`${l.kind}\0${l.directory}\0${l.marker}`))).map((f) => f.files[0]!);
}

describe('data stems', () => {
  it('answer to the name without extensions and without the suffixes software adds', () => {
    expect(dataStems('FoilHole_1_Data_2_3_20250108_154915_Fractions.tiff')).toContain('foilhole_1_data_2_3_20250108_154915');
    expect(dataStems('FoilHole_1_Data_2_3_20250108_154915_EER.eer')).toContain('foilhole_1_data_2_3_20250108_154915');
    expect(dataStems('TS_01.mrc')).toContain('ts_01');
    expect(dataStems('x_fractions.mrc.eer')).toContain('x');
    expect(dataStems('scan_3.ser')).toEqual(['scan']);
  });
});

describe('sidecar pairing', () => {
  it('pairs EPU exposure XML with _Fractions, _fractions and _EER movies, and not with the JPEG thumbnail', () => {
    const dir = 'Images-Disc1/GridSquare_9/Data';
    const xml = fs(dir, ['FoilHole_1_Data_2_3_20250108_154915.xml'], 'epu-xml', epuXml, 'metadata');
    const tiff = fs(dir, ['FoilHole_1_Data_2_3_20250108_154915_Fractions.tiff'], 'tiff');
    const lower = fs(dir, ['FoilHole_1_Data_2_3_20250108_154915_fractions.mrc'], 'mrc');
    const eer = fs(dir, ['FoilHole_1_Data_2_3_20250108_154915_EER.eer'], 'eer');
    const jpg = fs(dir, ['FoilHole_1_Data_2_3_20250108_154915.jpg'], 'jpeg');
    expect(pairedWith([xml, tiff, lower, eer, jpg], xml).sort()).toEqual([eer.files[0], lower.files[0], tiff.files[0]].sort());
  });

  it('pairs EPU XML with movies written to a sibling folder tree of the same session (EPU saves movies to another location)', () => {
    const xml = fs('epu/Images-Disc1/GridSquare_9/Data', ['FoilHole_1_Data_2_3_20250108_154915.xml'], 'epu-xml', epuXml, 'metadata');
    const movie = fs('movies/Images-Disc1/GridSquare_9/Data', ['FoilHole_1_Data_2_3_20250108_154915_Fractions.tiff'], 'tiff');
    expect(pairedWith([xml, movie], xml)).toEqual([movie.files[0]]);
  });

  it('pairs stack.mrc.mdoc and stack.mdoc with the stack, and a SubFramePath frame named in the mdoc', () => {
    const stack = fs('tomo', ['TS_01.mrc'], 'mrc', stackArrangement);
    const mdoc = fs('tomo', ['TS_01.mrc.mdoc'], 'mdoc', tiltMdoc, 'metadata');
    const st = fs('b', ['TS_02.st'], 'mrc', stackArrangement);
    const short = fs('b', ['TS_02.mdoc'], 'mdoc', tiltMdoc, 'metadata');
    const frames = fs('tomo/frames', ['TS_01_000_0.0.tif'], 'tiff');
    const withFrames = fs('tomo', ['TS_01.mrc.mdoc'], 'mdoc', { ...tiltMdoc, describes: { value: ['TS_01.mrc', 'TS_01_000_0.0.tif'], provenance: 'header' } }, 'metadata');
    expect(pairedWith([stack, mdoc], mdoc)).toEqual([stack.files[0]]);
    expect(pairedWith([st, short], short)).toEqual([st.files[0]]);
    expect(pairedWith([stack, frames, withFrames], withFrames).sort()).toEqual([stack.files[0], frames.files[0]].sort());
  });

  it('does not lend tilt angles to a tomogram that shares the tilt series’ stem', () => {
    const rec = fs('ts', ['TS_01.rec'], 'mrc', { arrangement: { value: 'volume', provenance: 'header' } });
    const st = fs('ts', ['TS_01.st'], 'mrc', stackArrangement);
    const raw = fs('ts', ['TS_01.rawtlt'], 'imod-tilt', { tiltAngles: tiltMdoc.tiltAngles! }, 'metadata');
    expect(pairedWith([rec, st, raw], raw)).toEqual([st.files[0]]);
  });

  it('pairs a TIA .emi with its numbered .ser series, and stems stay within their folder for SerialEM names', () => {
    const emi = fs('tia', ['scan.emi'], 'tia-emi', {}, 'metadata');
    const ser = fs('tia', ['scan_1.ser', 'scan_2.ser'], 'tia-ser');
    expect(pairedWith([emi, ser], emi)).toEqual([ser.files[0]]);
    const mdoc = fs('a', ['TS_01.mrc.mdoc'], 'mdoc', tiltMdoc, 'metadata');
    const elsewhere = fs('b', ['TS_01.mrc'], 'mrc', stackArrangement);
    expect(pairedWith([mdoc, elsewhere], mdoc)).toEqual([]);
  });

  it('says a pairing once per pair of filesets, with the count of files, however many sidecars pair', () => {
    const names = Array.from({ length: 500 }, (_, i) => `TS_${String(i + 1).padStart(3, '0')}`);
    const stacks = fs('tomo', names.map((s) => `${s}.mrc`), 'mrc', stackArrangement);
    const mdocs = fs('tomo', names.map((s) => `${s}.mrc.mdoc`), 'mdoc', tiltMdoc, 'metadata');
    const add = applyLayouts([stacks, mdocs]).get(stacks.id)!;
    expect(add.layouts).toHaveLength(1);
    const paired = add.evidence.filter((e) => /paired by name/.test(e.detail));
    expect(paired).toHaveLength(1);
    expect(paired[0]!.detail).toMatch(/^500 files of tomo\/TS_001\.mrc\.mdoc \(tomo\/TS_001\.mrc\.mdoc first\)/);
  });
});

describe('fact fusion', () => {
  it('keeps the header’s facts, fills what it is silent on, and lets a describing file refine a generic arrangement', () => {
    const own: Facts = { ...stackArrangement, pixelSize: { value: { x: 0.2 }, unit: 'nm', provenance: 'header' } };
    const lent: Facts = { ...tiltMdoc, pixelSize: { value: { x: 0.5 }, unit: 'nm', provenance: 'sidecar', source: 'TS_01.mrc.mdoc' } };
    const fused = fuseFacts(own, lent);
    expect(fused.facts.pixelSize?.value.x).toBe(0.2);
    expect(fused.facts.tiltAngles?.value.count).toBe(41);
    expect(fused.facts.arrangement?.value).toBe('tilt-series');
    expect(fused.evidence).toHaveLength(1);
  });

  it('never lets a sidecar turn a volume into a tilt series', () => {
    const fused = fuseFacts({ arrangement: { value: 'volume', provenance: 'header' } }, tiltMdoc);
    expect(fused.facts.arrangement?.value).toBe('volume');
    expect(fused.evidence).toEqual([]);
  });

  it('is what the scan applies: a SerialEM stack with its mdoc is a tilt series with the provenance of the mdoc', () => {
    const none: StagedEvidence[] = [];
    const stack = { ...fs('tomo', ['TS_01.mrc'], 'mrc', stackArrangement), layouts: [], evidence: none };
    const mdoc = { ...fs('tomo', ['TS_01.mrc.mdoc'], 'mdoc', tiltMdoc, 'metadata'), layouts: [], evidence: none };
    const [out] = withLayouts([stack, mdoc]);
    expect(out!.facts.arrangement).toMatchObject({ value: 'tilt-series', provenance: 'sidecar', source: 'tomo/TS_01.mrc.mdoc' });
    expect(out!.evidence.every((e) => e.stage === 'sidecar' || e.stage === 'layout')).toBe(true);
  });
});

describe('serial sections, one folder per section', () => {
  const sem: Facts = { imagingMode: { value: 'SEM', provenance: 'header' } };
  it('links numbered section folders of one format into a series', () => {
    const sections = [1, 2, 3, 4].map((i) => fs(`run/section_00${i}`, ['tile_r1c1.tif', 'tile_r1c2.tif'], 'zeiss-sem-tiff', sem));
    const found = sectionSeries(sections);
    expect(found).toHaveLength(4);
    expect(found[0]!.layout).toEqual({ kind: 'section-series', directory: 'run', marker: 'run/section_001' });
  });

  it('does not make a series of two sections, nor of light-microscopy positions whose folders are not named as sections', () => {
    expect(sectionSeries([1, 2].map((i) => fs(`run/section_00${i}`, ['tile.tif'], 'zeiss-sem-tiff', sem)))).toEqual([]);
    expect(sectionSeries([1, 2, 3].map((i) => fs(`exp/Pos${i}`, ['img.tif'], 'ome-tiff')))).toEqual([]);
  });

  // Conjugate array tomography keeps each section's modalities in sub-folders (section_NNN/SEM, section_NNN/IF;
  // Collman et al. 2015 J Neurosci 35:5792): the series runs over the numbered section folders, one per modality.
  it('sees the series through per-modality sub-folders of numbered section folders', () => {
    const sem3 = [1, 2, 3].map((i) => fs(`at/section_00${i}/SEM`, ['tile_r1c1.tif'], 'zeiss-sem-tiff', sem));
    const if3 = [1, 2, 3].map((i) => fs(`at/section_00${i}/IF`, [`section_00${i}_psd95.ome.tiff`], 'ome-tiff'));
    const found = sectionSeries([...sem3, ...if3]);
    const semFound = found.filter((x) => sem3.some((f) => f.id === x.filesetId));
    expect(semFound).toHaveLength(3);
    expect(semFound[0]!.layout).toEqual({ kind: 'section-series', directory: 'at', marker: 'at/section_001' });
    expect(semFound[0]!.facts?.series?.value).toEqual({ folders: 3, files: 3 });
    // The SEM and IF sub-folders are two series, not one of six.
    expect(found.filter((x) => if3.some((f) => f.id === x.filesetId)).every((x) => x.facts?.series?.value.files === 3)).toBe(true);
  });

  // SerialEM saves one montage per section (SerialEM help "Montaging"): sec_001.mrc … in one folder are the series.
  it('reads SerialEM files named as numbered sections in one folder as a series, but not FIB-SEM slices', () => {
    const serialEm: Facts = { creator: { value: 'SerialEM', provenance: 'header' } };
    const secs = { ...fs('ssTEM', Array.from({ length: 10 }, (_, i) => `sec_${String(i + 1).padStart(3, '0')}.mrc`), 'mrc', serialEm), pattern: 'sec_###.mrc' };
    const found = sectionSeries([secs]);
    expect(found.map((f) => f.layout)).toEqual([{ kind: 'section-series', directory: 'ssTEM', marker: 'ssTEM/sec_001.mrc' }]);
    const slices = { ...fs('fib', Array.from({ length: 10 }, (_, i) => `slice_${String(i + 1).padStart(4, '0')}.tif`), 'fei-tiff', sem), pattern: 'slice_####.tif' };
    expect(sectionSeries([slices])).toEqual([]);
    // Light-microscopy sections (serial histology) are not EM: no series here.
    const histology = { ...fs('slides', Array.from({ length: 10 }, (_, i) => `section_${i + 1}.ome.tiff`), 'ome-tiff'), pattern: 'section_#.ome.tiff' };
    expect(sectionSeries([histology])).toEqual([]);
  });

  // SerialEM help, "Image Metadata Files": an .idoc names its single-image TIFFs in [Image = …] sections.
  it('reads plain TIFFs named as sections as EM sections when a SerialEM record names them', () => {
    const names = Array.from({ length: 12 }, (_, i) => `ribbon1_sec${String(i + 1).padStart(3, '0')}.tif`);
    const tiffs = { ...fs('ribbon1', names, 'tiff'), pattern: 'ribbon1_sec###.tif' };
    const idoc = fs('ribbon1', ['ribbon1_sections.idoc'], 'mdoc', { creator: { value: 'SerialEM', provenance: 'header' }, describes: { value: names, provenance: 'header' } }, 'document');
    expect(sectionSeries([tiffs, idoc]).map((f) => f.filesetId)).toEqual([tiffs.id]);
    expect(sectionSeries([tiffs])).toEqual([]);
  });

  it('looks no more than two folders up for the section number', () => {
    const deep = [1, 2, 3].map((i) => fs(`at/section_00${i}/a/b/c`, ['tile.tif'], 'zeiss-sem-tiff', sem));
    expect(sectionSeries(deep)).toEqual([]);
  });
});
