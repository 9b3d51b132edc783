import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/formats/facts';
import type { FormatId } from '../../../shared/formats/format-catalog';
import type { Fileset } from '../../../shared/model/fileset';
import { inferModalities } from '../../../shared/modality/infer';
import { REVIEW_BELOW, type Modality } from '../../../shared/modality/modalities';
import { whatWouldDecide } from '../../../shared/modality/review-hint';
import type { ModalityResult } from '../../../shared/modality/types';
import { routeStudy } from '../../../shared/policy/route';
import type { RouteInput } from '../../../shared/policy/types';
import { createFileset } from '../../helpers/factories';

// Review is a last resort and says what would decide it: the missing fact or the conflict, in the user's
// words, derived from the result's alternatives, its evidence and the facts (never from the fileset's name).

function h<T>(value: T): { value: T; provenance: 'header' } {
  return { value, provenance: 'header' };
}

let seq = 0;

function fs(directory: string, pattern: string, format: FormatId, facts: Facts = {}, extra: Partial<Fileset> = {}): Fileset {
  const dot = pattern.lastIndexOf('.');
  return createFileset({
    id: `r${++seq}`,
    directory,
    pattern,
    extension: dot > 0 ? pattern.slice(dot).toLowerCase() : '',
    files: [`${directory}/${pattern}`],
    fileCount: 1,
    format,
    kind: 'image',
    facts,
    layouts: [],
    ...extra,
  });
}

/** The inferred result of one fileset and the hint for it. */
function hintFor(f: Fileset): { r: ModalityResult; hint: string } {
  const r = inferModalities([f]).get(f.id)!;
  return { r, hint: whatWouldDecide({ modality: r.modality, alternatives: r.alternatives, facts: f.facts, format: f.format, evidence: r.evidence }) };
}

describe('whatWouldDecide, on what inference found', () => {
  it('a stack named as a tilt series without angles: tilt angles would decide, keep the .mdoc', () => {
    // SerialEM writes the tilt angles into the .mdoc beside the stack (SerialEM help: "Autodoc files"); without it the stack alone says nothing.
    const { r, hint } = hintFor(fs('tilt-series', 'TS_01.mrc', 'mrc', { arrangement: h('image-stack' as const), dimensions: h({ x: 4096, y: 4096, z: 41 }) }));
    expect(r.confidence).toBeLessThan(REVIEW_BELOW);
    expect(r.modality).toBe('cryoet-tilt-series');
    expect(hint).toMatch(/^Tilt angles would decide: keep the \.mdoc/);
  });

  it('a CZI with 1 nm pixels: EM and light microscopy evidence conflict, and both sides are named', () => {
    // Light cannot resolve 1 nm; CZI is Zeiss ZEN's light-microscopy format. The two point at different archives.
    const { r, hint } = hintFor(fs('data', 'sample.czi', 'czi', { pixelSize: h({ x: 1 }) }));
    expect(r.confidence).toBeLessThan(REVIEW_BELOW);
    expect(hint).toMatch(/^EM and light microscopy evidence conflict: /);
    expect(hint).toMatch(/1 nm/);
    expect(hint).toMatch(/CZI/);
  });

  it('SMV frames without an electron voltage: the beam would decide', () => {
    const { r, hint } = hintFor(fs('xtal', 'lyso_001.img', 'smv', { imagingMode: h('diffraction' as const) }));
    expect(r.confidence).toBeLessThan(REVIEW_BELOW);
    expect(hint).toMatch(/^The beam would decide: an electron voltage or wavelength/);
  });

  it('a plain picture: how the images were acquired would decide', () => {
    const { r, hint } = hintFor(fs('data', 'picture.png', 'png'));
    expect(r.modality).toBe('other-imaging');
    expect(hint).toMatch(/^How the images were acquired would decide/);
  });
});

describe('whatWouldDecide, on results built by hand', () => {
  const base = { facts: {} as Facts, format: 'tiff' as FormatId };
  const alt = (m: Modality, score = 0.4) => [{ modality: m, score }];

  it('micrographs against 2D EM with no pixel size: the pixel size would decide between them', () => {
    const hint = whatWouldDecide({ ...base, modality: 'spa-micrographs', alternatives: alt('em-2d') });
    expect(hint).toBe(
      'The pixel size would decide between Cryo-EM single particle: micrographs and 2D electron microscopy: it is not in the headers; keep the acquisition metadata with the files, or set the modality.',
    );
  });

  it('a known pixel size leaves that question settled', () => {
    const hint = whatWouldDecide({ ...base, facts: { pixelSize: h({ x: 0.1 }) }, modality: 'spa-micrographs', alternatives: alt('em-2d') });
    expect(hint).not.toMatch(/pixel size would decide/);
  });

  it('movies against micrographs without frame counts: the number of frames would decide', () => {
    expect(whatWouldDecide({ ...base, modality: 'spa-movies', alternatives: alt('spa-micrographs') })).toMatch(/^The number of frames per file would decide/);
  });

  it('serial-section TEM against array tomography without mode or voltage: the microscope would decide', () => {
    expect(whatWouldDecide({ ...base, modality: 'vem-sstem', alternatives: alt('vem-array-tomography') })).toMatch(/^The microscope would decide: sections imaged by SEM/);
  });

  it('2D EM against volume EM: whether the images are slices of one volume would decide', () => {
    expect(whatWouldDecide({ ...base, modality: 'em-2d', alternatives: alt('vem-other') })).toMatch(/^Whether these images are slices of one volume would decide/);
  });

  it('correlation against supporting metadata: whether the file holds a registration would decide', () => {
    expect(whatWouldDecide({ ...base, format: 'xml', modality: 'supporting-metadata', alternatives: alt('correlation') })).toMatch(/^Whether this file holds a registration/);
  });

  it('a conflict of EM facts and channel names, without evidence sentences, is told from the facts', () => {
    const facts: Facts = { pixelSize: h({ x: 0.5 }), channels: h([{ name: 'mCherry' }]) };
    const hint = whatWouldDecide({ facts, format: 'ome-tiff', modality: 'lm-other', alternatives: alt('em-2d') });
    expect(hint).toBe('EM and light microscopy evidence conflict: the pixel size 5 Å is below what light resolves, but the channels are named mCherry. Set the modality (a CLEM overlay of both is correlation information).');
  });
});

describe('preliminary(): the review reason says what would decide it', () => {
  it('a low-confidence tilt series without angles is sent to review with the tilt-angle hint', () => {
    const input: RouteInput = {
      id: 'ts',
      root: '/study',
      directory: 'data',
      pattern: 'TS_01.mrc',
      files: ['data/TS_01.mrc'],
      format: 'mrc',
      kind: 'image',
      facts: { arrangement: h('image-stack' as const) },
      layouts: [],
      modality: 'cryoet-tilt-series',
      confidence: 0.3,
      alternatives: [{ modality: 'spa-movies', score: 0.3 }],
    };
    const d = routeStudy([input]).filesets[0]!.decision;
    expect(d.clauseId).toBe('review-low-confidence');
    expect(d.reason).toMatch(/Tilt angles would decide: keep the \.mdoc \(or IMOD \.tlt\/\.rawtlt\) beside the stack, or set the modality\./);
  });
});
