import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run-cli';
import { MAX_SIDECARS, sidecarCandidates } from '../../../main/inspect/sidecars';
import { InspectResultSchema, type InspectResult } from '../../../shared/model/inspect-result';
import { makeTree, removeTree } from '../../helpers/temp-tree';
import { REAL } from '../../fixtures/format-fixture';
import { writeMrc } from '../../fixtures/writers/cryoem/mrc';
import { writeEmi, writeSer } from '../../fixtures/writers/cryoem/tia';

let root = '';
afterEach(() => removeTree(root));

async function inspect(file: string, json = true): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['inspect', file, ...(json ? ['--json'] : [])], {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: () => undefined, isTTY: false },
    cwd: process.cwd(),
    demoSearchFrom: path.join(__dirname, '..', '..', '..', 'main', 'cli'),
  });
  return { code, out };
}

describe('inspect lends sidecar facts as the scan does', () => {
  it('x_1.ser borrows the microscope facts of x.emi beside it (TIA: name.emi holds the metadata of name_N.ser)', async () => {
    // The .emi says 300 kV, Titan 80-300, STEM, 450 000×, BM-Ceta; the .ser header says none of these.
    root = makeTree({
      'x_1.ser': writeSer({ width: 16, height: 12, images: 2, pixelSize: 2.5e-10 }),
      'x.emi': writeEmi({ acceleratingVoltageV: 300_000, microscope: 'Microscope Titan 80-300', mode: 'STEM nP SA Zoom Diffraction', magnification: 450_000, camera: 'BM-Ceta' }),
      'y.emi': writeEmi({ acceleratingVoltageV: 120_000 }),
    });
    const r = await inspect(path.join(root, 'x_1.ser'));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as InspectResult;
    expect(InspectResultSchema.safeParse(result).success).toBe(true);
    expect(result.format).toBe('tia-ser');
    expect(result.facts.voltageKV).toMatchObject({ value: 300, provenance: 'sidecar', source: 'x.emi' });
    expect(result.facts.magnification).toMatchObject({ value: 450_000, provenance: 'sidecar' });
    // Its own header still gives its pixel size (2.5e-10 m = 0.25 nm).
    expect(result.facts.pixelSize).toMatchObject({ value: { x: 0.25 }, provenance: 'header' });
    expect(result.evidence.some((e) => e.detail.includes('x.emi'))).toBe(true);
  });

  it('TS_01.mrc borrows the tilt series of TS_01.mrc.mdoc (the real SerialEM sample: 41 tilts, −60…+60°)', async () => {
    root = makeTree({
      'TS_01.mrc': writeMrc({ nx: 924, ny: 958, nz: 41, mode: 0, cella: [924 * 5.4, 958 * 5.4, 41], dataBytes: 0 }),
      'TS_01.mrc.mdoc': new Uint8Array(readFileSync(path.join(REAL, 'mdoc', 'tilt_series.mdoc'))),
    });
    const result = JSON.parse((await inspect(path.join(root, 'TS_01.mrc'))).out) as InspectResult;
    expect(result.format).toBe('mrc');
    // test/fixtures/real/mdoc/tilt_series.mdoc: TiltAngle from −59.9986 to 60.0006 in 41 [ZValue] sections.
    expect(result.facts.tiltAngles).toMatchObject({ value: { min: -59.9986, max: 60.0006, count: 41 }, provenance: 'sidecar', source: 'TS_01.mrc.mdoc' });
    expect(result.facts.arrangement).toMatchObject({ value: 'tilt-series', provenance: 'sidecar' });
    const human = (await inspect(path.join(root, 'TS_01.mrc'), false)).out;
    expect(human).toMatch(/\[sidecar\]/);
  });

  it('a file without sidecars is inspected as before; sidecar files themselves are not made to borrow', async () => {
    root = makeTree({ 'lonely.mrc': writeMrc({ nx: 8, ny: 8, nz: 1 }), 'x.emi': writeEmi({ acceleratingVoltageV: 300_000 }), 'x_1.ser': writeSer({ width: 8, height: 8 }) });
    const lonely = JSON.parse((await inspect(path.join(root, 'lonely.mrc'))).out) as InspectResult;
    expect(Object.values(lonely.facts).every((f) => (f as { provenance: string }).provenance === 'header')).toBe(true);
    const emi = JSON.parse((await inspect(path.join(root, 'x.emi'))).out) as InspectResult;
    expect(emi.facts.voltageKV).toMatchObject({ value: 300, provenance: 'header' });
  });

  it('looks only at names that pair with the file, not at its own series, and at most MAX_SIDECARS of them', () => {
    const names = ['TS_01.mrc', 'TS_01.mrc.mdoc', 'TS_01.rawtlt', 'TS_01.xf', 'TS_010.mrc', 'TS_02.mdoc', 'notes.txt', 'TS_01_2.mrc'];
    expect(sidecarCandidates('TS_01.mrc', names)).toEqual(['TS_01.mrc.mdoc', 'TS_01.rawtlt', 'TS_01.xf']);
    expect(sidecarCandidates('x_1.ser', ['x_1.ser', 'x_2.ser', 'x.emi', 'xylophone.emi'])).toEqual(['x.emi']);
    const many = Array.from({ length: 40 }, (_, i) => `a.side${i}`);
    expect(sidecarCandidates('a.mrc', many)).toHaveLength(MAX_SIDECARS);
  });
});
